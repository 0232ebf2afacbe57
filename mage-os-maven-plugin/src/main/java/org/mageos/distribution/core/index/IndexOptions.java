package org.mageos.distribution.core.index;

import java.util.ArrayList;
import java.util.List;

/** What {@link RepositoryIndex#write} is asked to produce, besides the versions this build made. */
public final class IndexOptions {

    /** Where clients read the repository; dist URLs and metadata-url are absolute under it. */
    public String repositoryUrl;
    /** Also write Composer 1's {@code includes} (one {@code include/all$<sha1>.json} with every version). */
    public boolean includes = true;
    /** {@code notify-batch} of packages.json (where clients report installs), or null. */
    public String notifyBatch;
    /** The repository already published (a {@code file:}, {@code http(s):} URL or a folder), merged into the index; or null. */
    public String publishedRepositoryUrl;
    /** {@code vendor/name:version} entries to drop from the index on purpose. */
    public List<String> removeVersions = new ArrayList<>();
    /** {@code vendor/name:version} entries that may be published again with other bytes. */
    public List<String> republishVersions = new ArrayList<>();

    /** The build date of nightly versions; published nightlies older than {@link #nightlyRetentionDays} before it are dropped. */
    public java.time.LocalDate nightlyDate = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    /** How many days published nightly versions ({@code 1.2.3.1-a<YYYYMMDD>}) stay in the index; null keeps them forever. */
    public Integer nightlyRetentionDays;

    public static IndexOptions at(String repositoryUrl) {
        IndexOptions options = new IndexOptions();
        options.repositoryUrl = repositoryUrl;
        return options;
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
        java.time.LocalDate built = org.mageos.distribution.core.version.NightlyVersion.buildDate(version);
        return built != null && nightlyRetentionDays != null && built.isBefore(nightlyDate.minusDays(nightlyRetentionDays));
    }

    String base() {
        return repositoryUrl.endsWith("/") ? repositoryUrl : repositoryUrl + "/";
    }
}
