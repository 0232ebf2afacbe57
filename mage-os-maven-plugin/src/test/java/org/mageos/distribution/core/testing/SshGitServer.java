package org.mageos.distribution.core.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.eclipse.jgit.junit.ssh.SshTestGitServer;
import org.eclipse.jgit.lib.Repository;

/**
 * A real SSH git server on loopback (Apache MINA SSHD, JGit's test server) serving one repository to user
 * {@code git}, who logs in with the key pair made here; its private key is written encrypted, as ssh-keygen does.
 */
public final class SshGitServer implements AutoCloseable {

    private final KeyPair hostKey = ecKeyPair();
    private final KeyPair userKey = ecKeyPair();
    private final SshTestGitServer server;
    private final int port;

    public SshGitServer(Repository repository) throws IOException, GeneralSecurityException {
        server = new SshTestGitServer("git", userKey.getPublic(), repository, hostKey);
        port = server.start();
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "ssh://git@127.0.0.1:" + port + "/" + path;
    }

    /** The line of known_hosts that vouches for this server's host key under the given host names. */
    public String knownHostsLine(String... hosts) {
        StringBuilder names = new StringBuilder();
        for (String host : hosts) {
            names.append(names.length() > 0 ? "," : "").append('[').append(host).append("]:").append(port);
        }
        return names + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n";
    }

    /** The user's private key, encrypted with the passphrase, in OpenSSH's format. */
    public Path writeUserKey(Path file, String passphrase) throws IOException, GeneralSecurityException {
        return writeEncrypted(userKey, file, passphrase);
    }

    /** A private key that the server does not accept. */
    public static Path writeOtherKey(Path file, String passphrase) throws IOException, GeneralSecurityException {
        return writeEncrypted(ecKeyPair(), file, passphrase);
    }

    private static Path writeEncrypted(KeyPair pair, Path file, String passphrase) throws IOException, GeneralSecurityException {
        Files.createDirectories(file.getParent());
        OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
        encryption.setPassword(passphrase);
        encryption.setCipherName("AES");
        encryption.setCipherType("256");
        encryption.setCipherMode("CTR");
        encryption.setKdfRounds(4);
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "test", encryption, out);
        }
        return file;
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }
}
