package org.mageos.distribution.maven;

import java.io.File;
import java.util.concurrent.CountDownLatch;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.serve.ServeStep;

/** {@code mvn mage-os:serve}: serves the built repository on localhost until stopped (Ctrl-C). */
@Mojo(name = "serve", threadSafe = true)
public class ServeMojo extends AbstractDistributionMojo {

    /** The port on 127.0.0.1; 0 picks a free one. */
    @Parameter(property = "mage-os.serve.port", defaultValue = "8080")
    private int port;

    /** The running server, for tests that stop the goal by interrupting its thread. */
    volatile ServeStep server;

    /**
     * The URL the repository was built for: replaced by the server's own URL in the metadata it serves.
     * Default: the {@code file://} URL of the output folder.
     */
    @Parameter(property = "mage-os.repositoryUrl")
    public void setRepositoryUrl(String repositoryUrl) {
        this.repositoryUrl = repositoryUrl;
    }

    /** The Composer repository to serve. */
    @Parameter(property = "mage-os.outputDirectory", defaultValue = "${project.build.directory}/repository")
    public void setOutputDirectory(File outputDirectory) {
        this.outputDirectory = outputDirectory;
    }

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
        CountDownLatch stopped = new CountDownLatch(1);
        try (ServeStep s = ServeStep.start(settings(), port, distributionLog())) {
            server = s;
            Thread hook = new Thread(stopped::countDown, "mage-os-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
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
