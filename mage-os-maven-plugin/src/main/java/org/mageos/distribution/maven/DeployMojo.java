package org.mageos.distribution.maven;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.publish.DeployOptions;
import org.mageos.distribution.core.publish.DeployTarget;
import org.mageos.distribution.core.publish.Deployer;

/**
 * Publishes the built repository to where clients read it: missing or changed files only, dists first, then
 * metadata, packages.json last, under a lock held on the target; the target's index is merged in, so a version
 * leaves it only by {@code <removeVersions>}. A dist published with other bytes is refused. Nothing is deleted (see purge).
 */
@Mojo(name = "deploy", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class DeployMojo extends AbstractTargetMojo {

    @Parameter(property = "mage-os.deploy.skip", defaultValue = "false")
    private boolean skip;

    /** List every upload and skip, change nothing. */
    @Parameter(property = "mage-os.deploy.dryRun", defaultValue = "false")
    private boolean dryRun;

    /** Replace dists already published with other bytes; breaks every lock file that recorded their sha1. */
    @Parameter(property = "mage-os.deploy.allowDistOverwrite", defaultValue = "false")
    private boolean allowDistOverwrite;

    /**
     * {@code vendor/name:version} entries to drop from the target's index on purpose (as for the index goal): every
     * other version the target lists at deploy time is kept, merged into the metadata deployed.
     */
    @Parameter
    private List<String> removeVersions = new ArrayList<>();

    /** {@code vendor/name:version} entries that may replace the target's with other bytes or another version string. */
    @Parameter
    private List<String> republishVersions = new ArrayList<>();

    /** Published nightly versions older than this many days before {@code <nightlyDate>} leave the target's index. */
    @Parameter(property = "mage-os.nightlyRetentionDays", defaultValue = "30")
    private int nightlyRetentionDays;

    /** How long a deploy waits for another deploy to the same target (its lock) before it fails. */
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
        if (basedir.toPath().toAbsolutePath().normalize().startsWith(repositoryDir())) {
            throw new DistributionException("Deploy refused: <outputDirectory>" + outputDirectory + "</outputDirectory> (mage-os.outputDirectory) "
                    + "holds the project itself; it must be a folder of its own, such as target/repository");
        }
        DeployOptions options = options(dryRun);
        options.allowDistOverwrite = allowDistOverwrite;
        options.removeVersions = removeVersions;
        options.republishVersions = republishVersions;
        options.nightlyRetentionDays = nightlyRetentionDays;
        options.nightlyDate = new org.mageos.distribution.core.config.Distribution().setNightlyDate(parseNightlyDate()).getNightlyDate();
        options.lockWaitSeconds = deployLockWait;
        try (DeployTarget target = openTarget()) {
            new Deployer(buildLog(), options).deploy(repositoryDir(), target);
        } catch (IOException e) {
            getLog().warn("Closing the deploy target: " + e.getMessage());
        }
    }
}
