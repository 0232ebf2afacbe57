package org.mageos.distribution.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.build.BuildManifest;
import org.mageos.distribution.core.index.IndexOptions;
import org.mageos.distribution.core.index.IndexStamp;
import org.mageos.distribution.core.index.RepositoryIndex;

/** Writes the Composer repository metadata (packages.json, p2/, include/) for what the package goal built. */
@Mojo(name = "index", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class IndexMojo extends AbstractDistributionMojo {

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
     * How many days before the build date ({@code <nightlyDate>}) published nightly versions ({@code 1.2.3.1-a<YYYYMMDD>})
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
        IndexOptions options = IndexOptions.at(effectiveRepositoryUrl());
        options.includes = includes;
        options.notifyBatch = notifyBatch;
        options.publishedRepositoryUrl = publishedRepository();
        options.removeVersions = removeVersions;
        options.republishVersions = republishVersions;
        if (nightlyRetentionDays < 0) {
            throw new DistributionException("<nightlyRetentionDays>" + nightlyRetentionDays + "</nightlyRetentionDays> must be 0 or more");
        }
        options.nightlyRetentionDays = nightlyRetentionDays;
        options.nightlyDate = new org.mageos.distribution.core.config.Distribution().setNightlyDate(parseNightlyDate()).getNightlyDate();
        // a published repository may change between runs: then the index is always rendered again
        IndexStamp stamp = new IndexStamp(manifestFile().resolveSibling("index.stamp"));
        try {
            String key = options.publishedRepositoryUrl == null && Files.isRegularFile(manifestFile()) ? IndexStamp.key(Files.readAllBytes(manifestFile()), options) : null;
            if (key != null && stamp.isCurrent(key, repositoryDir())) {
                getLog().info("Index up-to-date: nothing changed since the last run");
            } else {
                stamp.clear();
                new RepositoryIndex(buildLog()).write(BuildManifest.read(manifestFile()), options, repositoryDir());
                if (key != null) {
                    stamp.record(key, repositoryDir());
                }
            }
        } catch (IOException e) {
            throw new DistributionException("Cannot read " + manifestFile() + " or write " + stamp + ": " + e.getMessage(), e);
        }
        getLog().info("Composer repository ready in " + repositoryDir() + " for " + options.repositoryUrl);
    }
}
