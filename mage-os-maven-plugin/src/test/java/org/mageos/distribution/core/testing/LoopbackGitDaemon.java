package org.mageos.distribution.core.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.Daemon;
import org.eclipse.jgit.transport.DaemonClient;

/** JGit's git:// daemon on a free loopback port, serving one bare repository under one name. */
public final class LoopbackGitDaemon {

    private LoopbackGitDaemon() {
    }

    /** Started; its URL is {@code git://127.0.0.1:<daemon.getAddress().getPort()>/<name>}. Stop it with stopAndWait. */
    public static Daemon start(String name, Path gitDir) throws IOException {
        Daemon daemon = new Daemon(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon.setRepositoryResolver((DaemonClient client, String requested) -> {
            if (!requested.equals(name)) {
                throw new RepositoryNotFoundException(requested);
            }
            try {
                return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
            } catch (IOException e) {
                throw new RepositoryNotFoundException(requested, e);
            }
        });
        daemon.start();
        return daemon;
    }
}
