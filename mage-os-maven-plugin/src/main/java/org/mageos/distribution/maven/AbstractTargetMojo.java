package org.mageos.distribution.maven;

import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.publish.DeployOptions;
import org.mageos.distribution.core.publish.TargetOptions;

/** The parameters of the goals that work on a published repository (deploy, purge): where it is and how to reach it. */
public abstract class AbstractTargetMojo extends AbstractPublishedMojo {

    /** The target: a folder, a {@code file:} URL, {@code s3://bucket/prefix} or {@code sftp://[user@]host[:port]/path}. */
    @Parameter(property = "mage-os.deployUrl")
    protected String deployUrl;

    /** Uploads (or deletes) at the same time. */
    @Parameter(property = "mage-os.deploy.threads", defaultValue = "4")
    protected int deployThreads;

    /** Further attempts after a transient failure (network, server error), with doubling waits. */
    @Parameter(property = "mage-os.deploy.retries", defaultValue = "4")
    protected int deployRetries;

    protected DeployOptions options(boolean dryRun) {
        DeployOptions options = new DeployOptions();
        options.threads = deployThreads;
        options.retries(deployRetries);
        options.dryRun = dryRun;
        return options;
    }

    @Override
    protected TargetOptions targetOptions() {
        TargetOptions options = super.targetOptions();
        options.connections = Math.max(1, deployThreads);
        return options;
    }
}
