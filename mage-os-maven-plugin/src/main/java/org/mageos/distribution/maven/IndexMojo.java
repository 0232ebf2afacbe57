package org.mageos.distribution.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.build.BuildManifest;
import org.mageos.distribution.core.index.RepositoryIndex;

/** Writes the Composer repository metadata (packages.json, p2/) for what the package goal built. */
@Mojo(name = "index", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class IndexMojo extends AbstractDistributionMojo {

    @Parameter(property = "mage-os.index.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean isSkipped() {
        return skip;
    }

    @Override
    protected String skipProperty() {
        return "mage-os.index.skip";
    }

    @Override
    protected void run() {
        BuildManifest manifest = BuildManifest.read(manifestFile());
        String url = effectiveRepositoryUrl();
        new RepositoryIndex(buildLog()).write(manifest, url, repositoryDir());
        getLog().info("Composer repository ready in " + repositoryDir() + " for " + url);
    }
}
