package org.mageos.distribution.core.publish;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.io.LocalFile;

/**
 * A folder on an SSH server, through SFTP (Apache MINA SSHD). The server's key is checked against known_hosts
 * (or a fingerprint given by the user); files are written to a temporary name, then renamed over the old one
 * (posix-rename where the server has it), so a web server never serves a part of a file. One SFTP channel per
 * upload thread, on one SSH session.
 */
public final class SftpTarget implements DeployTarget {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final SshClient ssh;
    private final ClientSession session;
    private final String root;
    private final String display;
    private final BlockingQueue<SftpClient> channels;
    private final List<SftpClient> allChannels = new ArrayList<>();
    private final Set<String> knownDirectories = ConcurrentHashMap.newKeySet();

    private SftpTarget(SshClient ssh, ClientSession session, String root, String display, int connections) throws IOException {
        this.ssh = ssh;
        this.session = session;
        this.root = root;
        this.display = display;
        this.channels = new ArrayBlockingQueue<>(connections);
        for (int i = 0; i < connections; i++) {
            SftpClient channel = SftpClientFactory.instance().createSftpClient(session);
            allChannels.add(channel);
            channels.add(channel);
        }
    }

    static SftpTarget open(URI url, TargetOptions config) {
        String host = url.getHost();
        int port = url.getPort() > 0 ? url.getPort() : 22;
        String user = url.getUserInfo() != null ? url.getUserInfo() : config.username;
        String path = url.getPath() == null || url.getPath().isEmpty() ? "/" : url.getPath();
        String root = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        String display = "sftp://" + host + ":" + port + root;
        if (user == null || user.isEmpty()) {
            throw new DistributionException(display + ": no user: write it in the URL (sftp://user@host/path) or as <username> of the "
                    + "settings.xml <server> that <deployServerId> names");
        }
        HostKeyCheck hostKeyCheck = new HostKeyCheck(config);
        SshClient ssh = SshClient.setUpDefaultClient();
        ssh.setServerKeyVerifier(hostKeyCheck);
        ssh.start();
        try {
            ClientSession session;
            try {
                session = ssh.connect(user, host, port).verify(TIMEOUT).getSession();
            } catch (IOException e) {
                throw new DistributionException(display + ": cannot connect: " + e.getMessage(), e);
            }
            if (config.privateKey != null) {
                if (!Files.isReadable(config.privateKey)) {
                    throw new DistributionException(display + ": the private key " + config.privateKey + " of " + config.credentialsSource()
                            + " cannot be read");
                }
                FileKeyPairProvider keys = new FileKeyPairProvider(config.privateKey);
                if (config.passphrase != null) {
                    keys.setPasswordFinder(FilePasswordProvider.of(config.passphrase));
                }
                session.setKeyIdentityProvider(keys);
            } else if (config.password != null) {
                session.addPasswordIdentity(config.password);
            }
            try {
                session.auth().verify(TIMEOUT);
            } catch (IOException e) {
                if (hostKeyCheck.rejection != null) {
                    throw new DistributionException(display + ": " + hostKeyCheck.rejection);
                }
                throw new DistributionException(display + ": authentication failed for user '" + user + "' with "
                        + config.credentialsSource() + " (" + e.getMessage() + ")");
            }
            return new SftpTarget(ssh, session, root, display, Math.max(1, config.connections));
        } catch (IOException e) {
            ssh.stop();
            throw new DistributionException(display + ": cannot open an SFTP channel: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            ssh.stop();
            throw e;
        }
    }

    /** known_hosts, or the one fingerprint the user accepts; remembers why a key was refused, for the error message. */
    private static final class HostKeyCheck implements ServerKeyVerifier {
        private final TargetOptions config;
        volatile String rejection;

        HostKeyCheck(TargetOptions config) {
            this.config = config;
        }

        @Override
        public boolean verifyServerKey(ClientSession session, SocketAddress address, PublicKey key) {
            String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
            if (config.hostKeyFingerprint != null && !config.hostKeyFingerprint.trim().isEmpty()) {
                String expected = config.hostKeyFingerprint.trim();
                if (expected.equals(fingerprint) || ("SHA256:" + expected).equals(fingerprint)) {
                    return true;
                }
                rejection = "the server's host key " + fingerprint + " is not the one <sftpHostKeyFingerprint> accepts (" + expected + ")";
                return false;
            }
            Path knownHosts = config.knownHosts != null ? config.knownHosts : Paths.get(System.getProperty("user.home"), ".ssh", "known_hosts");
            KnownHostsServerKeyVerifier verifier = new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, knownHosts);
            if (verifier.verifyServerKey(session, address, key)) {
                return true;
            }
            rejection = "the server's host key " + fingerprint + " is not in " + knownHosts
                    + " (or differs from it): add it there (ssh-keyscan) or accept this key with <sftpHostKeyFingerprint>";
            return false;
        }
    }

    @Override
    public String describe() {
        return display;
    }

    private interface SftpCall<T> {
        T run(SftpClient channel) throws IOException;
    }

    private <T> T withChannel(SftpCall<T> call) throws IOException {
        SftpClient channel;
        try {
            channel = channels.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        try {
            return call.run(channel);
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_PERMISSION_DENIED) {
                throw new DistributionException(display + ": permission denied: " + e.getMessage());
            }
            throw e;
        } finally {
            channels.add(channel);
        }
    }

    private String absolute(String path) {
        return root.equals("/") ? "/" + path : root + "/" + path;
    }

    @Override
    public Map<String, RemoteFile> list() throws IOException {
        Map<String, RemoteFile> files = new TreeMap<>();
        withChannel(c -> {
            if (!exists(c, root)) {
                return null;
            }
            List<String> pending = new ArrayList<>(List.of(""));
            while (!pending.isEmpty()) {
                String dir = pending.remove(pending.size() - 1);
                for (SftpClient.DirEntry e : c.readDir(dir.isEmpty() ? root : absolute(dir))) {
                    String name = e.getFilename();
                    if (name.equals(".") || name.equals("..")) {
                        continue;
                    }
                    String rel = dir.isEmpty() ? name : dir + "/" + name;
                    if (e.getAttributes().isDirectory()) {
                        knownDirectories.add(absolute(rel));
                        pending.add(rel);
                    } else if (e.getAttributes().isRegularFile()) {
                        files.put(rel, new RemoteFile(e.getAttributes().getSize(), null));
                    }
                }
            }
            return null;
        });
        return files;
    }

    @Override
    public InputStream open(String path) throws IOException {
        SftpClient channel = SftpClientFactory.instance().createSftpClient(session);
        return new FilterInputStream(channel.read(absolute(path))) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    channel.close();
                }
            }
        };
    }

    @Override
    public void put(String path, LocalFile file) throws IOException {
        upload(path, file, true);
    }

    /** Renames without overwriting: the server refuses when the name is taken (SFTP v3's rename, OpenSSH's link + unlink). */
    @Override
    public boolean create(String path, LocalFile file) throws IOException {
        return upload(path, file, false);
    }

    private boolean upload(String path, LocalFile file, boolean overwrite) throws IOException {
        String to = absolute(path);
        String dir = to.substring(0, to.lastIndexOf('/'));
        String tmp = dir + "/." + to.substring(to.lastIndexOf('/') + 1) + "." + UUID.randomUUID() + ".tmp";
        return withChannel(c -> {
            mkdirs(c, dir);
            try (OutputStream out = c.write(tmp)) {
                Files.copy(file.file, out);
            }
            try {
                OpenSSHPosixRenameExtension posixRename = c.getExtension(OpenSSHPosixRenameExtension.class);
                if (!overwrite) {
                    c.rename(tmp, to);
                } else if (posixRename != null && posixRename.isSupported()) {
                    posixRename.posixRename(tmp, to);
                } else {
                    c.rename(tmp, to, SftpClient.CopyMode.Overwrite);
                }
            } catch (IOException e) {
                try {
                    c.remove(tmp);
                } catch (IOException ignored) {
                    // the original failure says more
                }
                if (!overwrite && e instanceof SftpException && exists(c, to)) {
                    return false;
                }
                throw e;
            }
            return true;
        });
    }

    /** Moves the file aside (one rename wins), compares it with {@code seen}, then creates the new one; puts it back when it was another. */
    @Override
    public boolean replaceIfUnchanged(String path, LocalFile file, Stored seen) throws IOException {
        String to = absolute(path);
        String aside = to + "." + UUID.randomUUID() + ".stale";
        boolean moved = withChannel(c -> {
            try {
                c.rename(to, aside);
            } catch (SftpException e) {
                return false; // gone, or moved by another waiter
            }
            byte[] was;
            try (InputStream in = c.read(aside)) {
                was = in.readAllBytes();
            }
            if (!java.util.Arrays.equals(was, seen.bytes)) {
                try {
                    c.rename(aside, to);
                } catch (SftpException e) {
                    c.remove(aside); // a newer one is there already
                }
                return false;
            }
            c.remove(aside);
            return true;
        });
        return moved && create(path, file);
    }

    @Override
    public Stored read(String path) throws IOException {
        return withChannel(c -> {
            try (InputStream in = c.read(absolute(path))) {
                return new Stored(in.readAllBytes(), null);
            } catch (SftpException e) {
                if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH) {
                    return null;
                }
                throw e;
            }
        });
    }

    @Override
    public void delete(String path) throws IOException {
        withChannel(c -> {
            c.remove(absolute(path));
            return null;
        });
    }

    private void mkdirs(SftpClient c, String dir) throws IOException {
        if (dir.isEmpty() || knownDirectories.contains(dir)) {
            return;
        }
        if (!exists(c, dir)) {
            mkdirs(c, dir.substring(0, Math.max(0, dir.lastIndexOf('/'))));
            try {
                c.mkdir(dir);
            } catch (SftpException e) {
                if (!exists(c, dir)) { // another thread may have made it meanwhile
                    throw e;
                }
            }
        }
        knownDirectories.add(dir);
    }

    private static boolean exists(SftpClient c, String path) throws IOException {
        try {
            c.stat(path);
            return true;
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public void close() throws IOException {
        for (SftpClient c : allChannels) {
            try {
                c.close();
            } catch (IOException ignored) {
                // the session goes down next anyway
            }
        }
        session.close(true);
        ssh.stop();
    }
}
