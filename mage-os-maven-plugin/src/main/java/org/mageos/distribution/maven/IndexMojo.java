package org.mageos.distribution.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.index.IndexOptions;
import org.mageos.distribution.core.index.IndexStep;

/** Writes the Composer repository metadata (packages.json, p2/, include/) for what the package goal built. */
@Mojo(name = "index", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class IndexMojo extends AbstractRetentionMojo {

    /** Skips the {@code index} goal; {@code mage-os.skip} skips every goal of the plugin. */
    @Parameter(property = "mage-os.index.skip", defaultValue = "false")
    private boolean skip;

    /** Also write Composer 1's {@code includes} (for Magento 2.3-era projects). */
    @Parameter(property = "mage-os.index.includes", defaultValue = "true")
    private boolean includes;

    /** {@code notify-batch} of packages.json: where clients report what they installed. */
    @Parameter(property = "mage-os.notifyBatch")
    private String notifyBatch;

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
        IndexOptions options = retention(new IndexOptions());
        options.includes = includes;
        options.notifyBatch = notifyBatch;
        new IndexStep(distributionLog()).run(settings(), options);
    }
}
