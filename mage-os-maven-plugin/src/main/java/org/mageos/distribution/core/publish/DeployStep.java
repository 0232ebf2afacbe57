package org.mageos.distribution.core.publish;

import java.io.IOException;
import java.util.function.Supplier;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.advisory.SecurityAdvisories;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.ProjectSettings;
import org.mageos.distribution.core.published.RemoteRepositories;

/**
 * The deploy step: publishes the project's repository folder to the target {@code <deployUrl>} names (see
 * {@link Deployer}); with {@code purge}, deletes from the target the dists no version references any more
 * (see {@link Purger}).
 */
public final class DeployStep {

    private final DistributionLog log;

    public DeployStep(DistributionLog log) {
        this.log = log;
    }

    /**
     * Deploys the project's repository folder; the target's index is merged with {@code options.retention}, whose
     * nightly date comes from the project's settings.
     */
    public void deploy(ProjectSettings settings, String deployUrl, TargetOptions target, DeployOptions options) {
        if (settings.projectDir() != null && settings.projectDir().toAbsolutePath().normalize().startsWith(settings.repositoryDir())) {
            throw new DistributionException("Deploy refused: <outputDirectory>" + settings.outputDirectory() + "</outputDirectory> (mage-os.outputDirectory) "
                    + "holds the project itself; it must be a folder of its own, such as target/repository");
        }
        options.retention.nightlyDate = new Distribution().setNightlyDate(settings.nightlyBuildDate()).getNightlyDate();
        options.retention.advisories = SecurityAdvisories.of(settings, log); // read only if the target's index is merged
        options.retention.validate();
        try (DeployTarget opened = open(settings, deployUrl, target)) {
            new Deployer(log, options).deploy(settings.repositoryDir(), opened);
        } catch (IOException e) {
            log.warn("Closing the deploy target: " + e.getMessage());
        }
    }

    public void purge(ProjectSettings settings, String deployUrl, TargetOptions target, DeployOptions options) {
        try (DeployTarget opened = open(settings, deployUrl, target)) {
            new Purger(log, options).purge(opened);
        } catch (IOException e) {
            log.warn("Closing the deploy target: " + e.getMessage());
        }
    }

    /**
     * How the other goals read a {@code <publishedRepositoryUrl>} on S3 or SFTP: through this step's client, with the
     * deploy's settings and credentials {@code target} gives (asked for only when such a URL is read).
     */
    public RemoteRepositories publishedRepositories(Supplier<TargetOptions> target) {
        return PublishedTarget.opener(target, log);
    }

    private static DeployTarget open(ProjectSettings settings, String deployUrl, TargetOptions target) {
        if (deployUrl == null || deployUrl.trim().isEmpty()) {
            throw new DistributionException("No deploy target: set <deployUrl> in the plugin configuration or -Dmage-os.deployUrl=file:///path");
        }
        return DeployTargets.open(deployUrl, settings.projectDir(), target);
    }
}
