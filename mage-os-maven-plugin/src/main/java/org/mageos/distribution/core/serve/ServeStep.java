package org.mageos.distribution.core.serve;

import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.ProjectSettings;

/** The serve step: the project's repository folder over HTTP on 127.0.0.1 ({@link RepositoryServer}) until closed. */
public final class ServeStep implements AutoCloseable {

    private final RepositoryServer server;

    private ServeStep(RepositoryServer server) {
        this.server = server;
    }

    /** Starts serving and says how to use it; {@code port} 0 picks a free port. */
    public static ServeStep start(ProjectSettings settings, int port, DistributionLog log) {
        if (port < 0 || port > 65535) {
            throw new DistributionException("<port>" + port + "</port> (mage-os.serve.port) must be between 0 and 65535");
        }
        RepositoryServer server = RepositoryServer.start(settings.repositoryDir(), port, settings.effectiveRepositoryUrl(), log);
        log.info("Serving " + settings.repositoryDir() + " at " + server.url() + " (Ctrl-C stops)");
        log.info("Use it from a Composer project:");
        log.info("  composer config secure-http false");
        log.info("  composer config repositories.local composer " + server.url());
        log.info("Browse it: " + server.url() + "index.html");
        return new ServeStep(server);
    }

    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
