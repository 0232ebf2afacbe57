package org.mageos.distribution.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.config.AbandonedPackage;
import org.mageos.distribution.core.index.RetentionOptions;

/**
 * The parameters of the goals that write an index over versions already published (index, and deploy, which merges
 * the target's index at deploy time): which published versions leave it on purpose, which may be replaced.
 */
public abstract class AbstractRetentionMojo extends AbstractDistributionMojo {

    /**
     * {@code vendor/name:version} entries to drop from the index on purpose: the index step drops them from the
     * published repository's versions, the deploy step from the target's. A version is never dropped otherwise.
     */
    @Parameter
    protected List<String> removeVersions = new ArrayList<>();

    /**
     * {@code vendor/name:version} entries that may be published again with bytes (or a version string) other than the
     * published ones; every lock file that recorded the old sha1 breaks.
     */
    @Parameter
    protected List<String> republishVersions = new ArrayList<>();

    /**
     * How many days before the build date ({@code <nightlyDate>}) published nightly versions ({@code 1.2.3.1-a<YYYYMMDD>})
     * stay in the index; older ones are dropped from it, each logged (their zips stay until {@code mage-os:purge}).
     */
    @Parameter(property = "mage-os.nightlyRetentionDays", defaultValue = "30")
    protected int nightlyRetentionDays;

    /**
     * Packages marked abandoned on every version in the metadata (Composer warns whoever installs them), each a
     * {@code <name>} with, optionally, the {@code <replacement>} package to use instead;
     * {@code <abandoned>false</abandoned>} takes the mark back from versions an earlier build published with it.
     */
    @Parameter
    protected List<AbandonedPackage> abandonedPackages = new ArrayList<>();

    /** The rules above copied into {@code options}; the step sets the nightly date from the project settings. */
    protected <T extends RetentionOptions> T retention(T options) {
        options.abandoned = AbandonedPackage.byName(abandonedPackages);
        options.removeVersions = removeVersions;
        options.republishVersions = republishVersions;
        options.nightlyRetentionDays = nightlyRetentionDays;
        return options;
    }
}
