package org.mageos.distribution.core.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SSH server with the SFTP subsystem (Apache MINA SSHD) on loopback, serving a folder, accepting one user
 * with one key. Used in the JVM by the tests, and as a process by the integration tests:
 * {@code java -cp ... SftpTestServer <root> <work>} writes {@code <work>/port}, {@code <work>/client-key} (OpenSSH
 * private key) and {@code <work>/known_hosts}, then serves until killed (or for at most 10 minutes).
 */
public final class SftpTestServer implements AutoCloseable {

    public static final String USER = "deployer";

    private final SshServer sshd;
    private final KeyPair hostKey;
    public final Path root;
    public final Path clientKey;

    private SftpTestServer(SshServer sshd, KeyPair hostKey, Path root, Path clientKey) {
        this.sshd = sshd;
        this.hostKey = hostKey;
        this.root = root;
        this.clientKey = clientKey;
    }

    /** Serves {@code root} on a free loopback port (or {@code port}); writes the client's key into {@code work}. */
    public static SftpTestServer start(Path root, Path work, int port) throws IOException, GeneralSecurityException {
        Files.createDirectories(root);
        Files.createDirectories(work);
        Path clientKeyFile = work.resolve("client-key");
        KeyPair client;
        KeyPair host;
        if (Files.isRegularFile(clientKeyFile)) {
            client = org.apache.sshd.common.util.security.SecurityUtils.loadKeyPairIdentities(null, null,
                    Files.newInputStream(clientKeyFile), null).iterator().next();
            host = org.apache.sshd.common.util.security.SecurityUtils.loadKeyPairIdentities(null, null,
                    Files.newInputStream(work.resolve("host-key")), null).iterator().next();
        } else {
            client = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
            host = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
            writePrivateKey(client, clientKeyFile);
            writePrivateKey(host, work.resolve("host-key"));
        }
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(port);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(host));
        PublicKey allowed = client.getPublic();
        sshd.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(allowed, key));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root.toAbsolutePath()));
        sshd.start();
        SftpTestServer server = new SftpTestServer(sshd, host, root, clientKeyFile);
        Files.write(work.resolve("known_hosts"), List.of(server.knownHostsLine()), StandardCharsets.UTF_8);
        return server;
    }

    private static void writePrivateKey(KeyPair key, Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", null, out);
        }
    }

    public int port() {
        return sshd.getPort();
    }

    /** The server's key as a known_hosts line for its host and port. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    public String fingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic());
    }

    /** Stops at once, dropping every connection, as a crash would. */
    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }

    public static void main(String[] args) throws Exception {
        Path root = Paths.get(args[0]);
        Path work = Paths.get(args[1]);
        SftpTestServer server = start(root, work, 0);
        Path portFile = work.resolve("port");
        Files.write(work.resolve("port.tmp"), List.of(Integer.toString(server.port())));
        Files.move(work.resolve("port.tmp"), portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(600_000);
        server.close();
        System.exit(0);
    }
}
