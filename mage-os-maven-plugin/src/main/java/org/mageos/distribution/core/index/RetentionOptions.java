package org.mageos.distribution.core.index;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mageos.distribution.core.advisory.SecurityAdvisories;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.version.NightlyVersion;

/**
 * Which published versions an index keeps: every one, except those removed on purpose ({@code <removeVersions>},
 * nightlies past {@code <nightlyRetentionDays>}); and which may be replaced by other bytes ({@code <republishVersions>}).
 * Also what the index says of every version of a package, whichever build made it: {@code abandoned}, and its security
 * advisories. The index step applies them to the published repository, the deploy step to the target's index at deploy time.
 */
public class RetentionOptions {

    /** {@code vendor/name:version} entries to drop from the index on purpose. */
    public List<String> removeVersions = new ArrayList<>();
    /** {@code vendor/name:version} entries that may be published again with other bytes or another version string. */
    public List<String> republishVersions = new ArrayList<>();
    /** The build date of nightly versions; published nightlies older than {@link #nightlyRetentionDays} before it are dropped. */
    public LocalDate nightlyDate = LocalDate.now(ZoneOffset.UTC);
    /** How many days published nightly versions ({@code 1.2.3.1-a<YYYYMMDD>}) stay in the index; null keeps them forever. */
    public Integer nightlyRetentionDays;

    /**
     * {@code abandoned} of every version of a package, by name: {@code true}, or the name of its replacement; {@code false}
     * removes it (from versions an earlier build marked). Packages not named keep what their versions say.
     */
    public Map<String, String> abandoned = new TreeMap<>();
    /** The advisories written into the metadata ({@code <securityAdvisories>}); null for none. */
    public SecurityAdvisories advisories;

    /** Copies the rules of {@code other} into these options. */
    public void copyRetention(RetentionOptions other) {
        abandoned = other.abandoned;
        advisories = other.advisories;
        removeVersions = other.removeVersions;
        republishVersions = other.republishVersions;
        nightlyDate = other.nightlyDate;
        nightlyRetentionDays = other.nightlyRetentionDays;
    }

    /** Refuses rules that cannot be applied. */
    public void validate() {
        if (nightlyRetentionDays != null && nightlyRetentionDays < 0) {
            throw new DistributionException("<nightlyRetentionDays>" + nightlyRetentionDays + "</nightlyRetentionDays> must be 0 or more");
        }
    }

    /** Whether {@code <removeVersions>} lists this version. */
    public boolean removes(String name, String versionNormalized) {
        return RepositoryIndex.matches(removeVersions, name, versionNormalized);
    }

    /** Whether {@code <republishVersions>} lists this version. */
    public boolean mayRepublish(String name, String versionNormalized) {
        return RepositoryIndex.matches(republishVersions, name, versionNormalized);
    }

    /** Whether a version is a nightly older than {@link #nightlyRetentionDays} before {@link #nightlyDate}: dropped on purpose. */
    public boolean expiredNightly(String version) {
        LocalDate built = NightlyVersion.buildDate(version);
        return built != null && nightlyRetentionDays != null && built.isBefore(nightlyDate.minusDays(nightlyRetentionDays));
    }
}
