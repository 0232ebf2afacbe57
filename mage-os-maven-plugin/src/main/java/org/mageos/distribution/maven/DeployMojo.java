package org.mageos.distribution.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.publish.DeployOptions;
import org.mageos.distribution.core.publish.DeployStep;

/**
 * Publishes the built repository to where clients read it: missing or changed files only, dists first, then
 * metadata, packages.json last, under a lock held on the target; the target's index is merged in, so a version
 * leaves it only by {@code <removeVersions>}. A dist published with other bytes is refused. Nothing is deleted (see purge).
 */
@Mojo(name = "deploy", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class DeployMojo extends AbstractTargetMojo {

    /** Skips the {@code deploy} goal; {@code mage-os.skip} skips every goal of the plugin. */
    @Parameter(property = "mage-os.deploy.skip", defaultValue = "false")
    private boolean skip;

    /** List every upload and skip, change nothing. */
    @Parameter(property = "mage-os.deploy.dryRun", defaultValue = "false")
    private boolean dryRun;

    /** Replace dists already published with other bytes; breaks every lock file that recorded their sha1. */
    @Parameter(property = "mage-os.deploy.allowDistOverwrite", defaultValue = "false")
    private boolean allowDistOverwrite;

    /** How long a deploy waits for another deploy to the same target (its lock) before it fails, in seconds. */
    @Parameter(property = "mage-os.deploy.lockWait", defaultValue = "600")
    private long deployLockWait;

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
        DeployOptions options = options(dryRun);
        options.allowDistOverwrite = allowDistOverwrite;
        options.lockWaitSeconds = deployLockWait;
        retention(options.retention);
        new DeployStep(distributionLog()).deploy(settings(), deployUrl, targetOptions(), options);
    }
}
