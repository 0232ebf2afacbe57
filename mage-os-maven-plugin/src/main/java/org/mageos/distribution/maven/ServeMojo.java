package org.mageos.distribution.maven;

import java.util.concurrent.CountDownLatch;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.serve.RepositoryServer;

/** {@code mvn mage-os:serve}: serves the built repository on localhost until stopped (Ctrl-C). */
@Mojo(name = "serve", threadSafe = true)
public class ServeMojo extends AbstractDistributionMojo {

    /** The port on 127.0.0.1; 0 picks a free one. */
    @Parameter(property = "mage-os.serve.port", defaultValue = "8080")
    private int port;

    /** The running server, for tests that stop the goal by interrupting its thread. */
    volatile RepositoryServer server;

    @Override
    protected boolean isSkipped() {
        return false;
    }

    @Override
    protected String skipProperty() {
        return "";
    }

    @Override
    protected void run() {
        if (port < 0 || port > 65535) {
            throw new DistributionException("<port>" + port + "</port> (mage-os.serve.port) must be between 0 and 65535");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (RepositoryServer s = RepositoryServer.start(repositoryDir(), port, effectiveRepositoryUrl(), buildLog())) {
            server = s;
            Thread hook = new Thread(stopped::countDown, "mage-os-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            getLog().info("Serving " + repositoryDir() + " at " + s.url() + " (Ctrl-C stops)");
            getLog().info("Use it from a Composer project:");
            getLog().info("  composer config secure-http false");
            getLog().info("  composer config repositories.local composer " + s.url());
            getLog().info("Browse it: " + s.url() + "index.html");
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // the JVM is shutting down
                }
            }
        } finally {
            server = null;
        }
    }
}
