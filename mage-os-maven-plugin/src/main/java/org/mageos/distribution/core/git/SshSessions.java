package org.mageos.distribution.core.git;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * SSH for ssh:// and scp-like URLs: JGit's Apache MINA SSHD client, reading OpenSSH's files in the SSH directory
 * ({@code config}, {@code known_hosts}, default keys such as {@code id_ed25519}) as {@code git} would. The private
 * key of the source's settings server, when given, is used instead of the default keys. A server whose host key
 * is not in known_hosts is refused unless the SSH config says {@code StrictHostKeyChecking accept-new} (or no).
 */
final class SshSessions implements TransportConfigCallback, AutoCloseable {

    private final Path sshDirectory;
    private final GitCredentials credentials;
    /** Built on the first SSH transport: git://, http(s):// and local sources load no SSH code at all. */
    private SshdSessionFactory factory;

    SshSessions(Path sshDirectory, GitCredentials credentials) {
        this.sshDirectory = sshDirectory;
        this.credentials = credentials;
    }

    @Override
    public void configure(Transport transport) {
        if (transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(factory());
        }
    }

    private synchronized SshdSessionFactory factory() {
        if (factory == null) {
            SshdSessionFactoryBuilder builder = new SshdSessionFactoryBuilder()
                    .setSshDirectory(sshDirectory.toFile())
                    .setHomeDirectory(sshDirectory.toAbsolutePath().getParent().toFile());
            Path key = credentials == null ? null : credentials.privateKey();
            if (key != null) {
                builder.setDefaultIdentities(dir -> List.of(key));
            }
            factory = builder.build(new JGitKeyCache());
        }
        return factory;
    }

    @Override
    public synchronized void close() {
        if (factory != null) {
            factory.close();
        }
    }
}
