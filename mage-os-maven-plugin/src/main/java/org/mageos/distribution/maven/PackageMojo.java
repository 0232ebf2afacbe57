package org.mageos.distribution.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.packaging.PackageStep;

/** Turns the selected tags of every source into Composer package zips, read straight from git objects. */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackageMojo extends AbstractDistributionMojo {

    /** Skips the {@code package} goal; {@code mage-os.skip} skips every goal of the plugin. */
    @Parameter(property = "mage-os.package.skip", defaultValue = "false")
    private boolean skip;

    /** Packages built at the same time; 0 means one per core. */
    @Parameter(property = "mage-os.threads", defaultValue = "0")
    private int threads;

    /**
     * Rebuilds every zip from git, even the versions the output or the published repository already serves.
     * Their sha1 may change, which breaks the lock files that recorded the old one: use with care.
     */
    @Parameter(property = "mage-os.package.force", defaultValue = "false")
    private boolean force;

    /** The deploy target; the versions already published there (a folder target) are not rebuilt. */
    @Parameter(property = "mage-os.deployUrl")
    private String deployUrl;

    @Override
    protected boolean isSkipped() {
        return skip;
    }

    @Override
    protected String skipProperty() {
        return "mage-os.package.skip";
    }

    @Override
    protected void run() {
        PackageStep.run(distributionLog(), settings(), threads, force, deployUrl);
    }
}
