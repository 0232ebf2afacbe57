package org.mageos.distribution.maven;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.publish.DirectoryDeployer;

/** Publishes the built repository to where clients read it. */
@Mojo(name = "deploy", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class DeployMojo extends AbstractDistributionMojo {

    @Parameter(property = "mage-os.deploy.skip", defaultValue = "false")
    private boolean skip;

    /** The target: a {@code file:} URL or a local path. */
    @Parameter(property = "mage-os.deployUrl")
    private String deployUrl;

    @Override
    protected boolean isSkipped() {
        return skip;
    }

    @Override
    protected String skipProperty() {
        return "mage-os.deploy.skip";
    }

    @Override
    protected void run() {
        if (deployUrl == null || deployUrl.trim().isEmpty()) {
            throw new DistributionException("No deploy target: set <deployUrl> in the plugin configuration or -Dmage-os.deployUrl=file:///path");
        }
        new DirectoryDeployer(buildLog()).deploy(repositoryDir(), target(deployUrl.trim()));
    }

    private Path target(String url) {
        if (url.startsWith("file:")) {
            try {
                return Paths.get(URI.create(url));
            } catch (IllegalArgumentException e) {
                throw new DistributionException("<deployUrl>" + url + "</deployUrl> is not a valid file: URL (use file:///absolute/path)");
            }
        }
        if (url.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            throw new DistributionException("<deployUrl>" + url + "</deployUrl>: only file: targets are supported so far");
        }
        Path path = Paths.get(url);
        return path.isAbsolute() ? path : basedir.toPath().resolve(path).normalize();
    }
}
