package org.mageos.distribution.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.publish.DeployStep;

/**
 * Deletes from the deploy target the dists that no version of this build references any more. Run it after
 * {@code mvn deploy}, first with {@code -Dmage-os.purge.dryRun}: lock files that still name a purged dist break.
 */
@Mojo(name = "purge", threadSafe = true)
public class PurgeMojo extends AbstractTargetMojo {

    /** Skips the {@code purge} goal; {@code mage-os.skip} skips every goal of the plugin. */
    @Parameter(property = "mage-os.purge.skip", defaultValue = "false")
    private boolean skip;

    /** List the dists that would be deleted, delete nothing. */
    @Parameter(property = "mage-os.purge.dryRun", defaultValue = "false")
    private boolean dryRun;

    @Override
    protected boolean isSkipped() {
        return skip;
    }

    @Override
    protected String skipProperty() {
        return "mage-os.purge.skip";
    }

    @Override
    protected void run() {
        new DeployStep(distributionLog()).purge(settings(), deployUrl, targetOptions(), options(dryRun));
    }
}
