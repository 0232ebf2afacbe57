package org.mageos.distribution.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.config.AbandonedPackage;
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

    /** The Composer repository to deploy (the folder {@code mvn package} built). */
    @Parameter(property = "mage-os.outputDirectory", defaultValue = "${project.build.directory}/repository")
    public void setOutputDirectory(File outputDirectory) {
        this.outputDirectory = outputDirectory;
    }

    /**
     * The build date ({@code 2026-11-21}) from which {@code <nightlyRetentionDays>} counts back in the target's index;
     * default: today's date in UTC.
     */
    @Parameter(property = "mage-os.nightly.date")
    public void setNightlyDate(String nightlyDate) {
        this.nightlyDate = nightlyDate;
    }

    /**
     * {@code vendor/name:version} entries the deploy drops on purpose from the target's index when it merges it; a
     * version the target lists is never dropped otherwise (its zip stays until {@code mage-os:purge}).
     */
    @Parameter
    public void setRemoveVersions(List<String> removeVersions) {
        this.removeVersions = removeVersions;
    }

    /**
     * {@code vendor/name:version} entries the deploy may publish again over the target's with other bytes (or another
     * version string); every lock file that recorded the old sha1 breaks.
     */
    @Parameter
    public void setRepublishVersions(List<String> republishVersions) {
        this.republishVersions = republishVersions;
    }

    /**
     * Days before {@code <nightlyDate>} that nightly versions ({@code 1.2.3.1-a<YYYYMMDD>}) stay in the target's index
     * when the deploy merges it; older ones are dropped from it, each logged (their zips stay until {@code mage-os:purge}).
     */
    @Parameter(property = "mage-os.nightlyRetentionDays", defaultValue = "30")
    public void setNightlyRetentionDays(int nightlyRetentionDays) {
        this.nightlyRetentionDays = nightlyRetentionDays;
    }

    /**
     * Security advisories in the FriendsOfPHP/security-advisories format ({@code <vendor>/<package>/<id>.yaml}): a git
     * repository URL (its default branch is fetched into the cache like a source) or a folder of YAML files. Written into the target's metadata when the deploy merges the target's index.
     */
    @Parameter(property = "mage-os.securityAdvisories")
    public void setSecurityAdvisories(String securityAdvisories) {
        this.securityAdvisories = securityAdvisories;
    }

    /** Where fetched repositories are kept: a git repository of {@code <securityAdvisories>} is read there. */
    @Parameter(property = "mage-os.cacheDirectory", defaultValue = "${settings.localRepository}/../mage-os-cache")
    public void setCacheDirectory(File cacheDirectory) {
        this.cacheDirectory = cacheDirectory;
    }

    /**
     * Packages marked abandoned on every version in the metadata the deploy merges into the target's index (Composer warns whoever installs them), each a
     * {@code <name>} with, optionally, the {@code <replacement>} package to use instead;
     * {@code <abandoned>false</abandoned>} takes the mark back from versions an earlier build published with it.
     */
    @Parameter
    public void setAbandonedPackages(List<AbandonedPackage> abandonedPackages) {
        this.abandonedPackages = abandonedPackages;
    }

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
