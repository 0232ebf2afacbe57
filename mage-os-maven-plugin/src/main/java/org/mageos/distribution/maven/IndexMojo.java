package org.mageos.distribution.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.index.IndexOptions;
import org.mageos.distribution.core.index.IndexStep;

/** Writes the Composer repository metadata (packages.json, p2/, include/) for what the package goal built. */
@Mojo(name = "index", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class IndexMojo extends AbstractDistributionMojo {

    /** Skips the {@code index} goal; {@code mage-os.skip} skips every goal of the plugin. */
    @Parameter(property = "mage-os.index.skip", defaultValue = "false")
    private boolean skip;

    /** Also write Composer 1's {@code includes} (for Magento 2.3-era projects). */
    @Parameter(property = "mage-os.index.includes", defaultValue = "true")
    private boolean includes;

    /** {@code notify-batch} of packages.json: where clients report what they installed. */
    @Parameter(property = "mage-os.notifyBatch")
    private String notifyBatch;

    /** {@code vendor/name:version} entries to drop from the index on purpose (versions are never dropped otherwise). */
    @Parameter
    private List<String> removeVersions = new ArrayList<>();

    /** {@code vendor/name:version} entries that may be published again with bytes other than the published ones. */
    @Parameter
    private List<String> republishVersions = new ArrayList<>();

    /**
     * How many days before the build date (nightlyDate) published nightly versions ({@code 1.2.3.1-aYYYYMMDD})
     * stay in the index; older ones are dropped from it, each logged (their zips stay until {@code mage-os:purge}).
     */
    @Parameter(property = "mage-os.nightlyRetentionDays", defaultValue = "30")
    private int nightlyRetentionDays;

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
        IndexOptions options = new IndexOptions();
        options.includes = includes;
        options.notifyBatch = notifyBatch;
        options.removeVersions = removeVersions;
        options.republishVersions = republishVersions;
        options.nightlyRetentionDays = nightlyRetentionDays;
        new IndexStep(distributionLog()).run(settings(), options);
    }
}
