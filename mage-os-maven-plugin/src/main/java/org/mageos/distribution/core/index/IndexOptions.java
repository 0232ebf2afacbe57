package org.mageos.distribution.core.index;

/** What {@link RepositoryIndex#write} is asked to produce, besides the versions this build made; which published versions it keeps in {@link RetentionOptions}. */
public final class IndexOptions extends RetentionOptions {

    /** Where clients read the repository; dist URLs and metadata-url are absolute under it. */
    public String repositoryUrl;
    /** Also write Composer 1's {@code includes} (one {@code include/all$<sha1>.json} with every version). */
    public boolean includes = true;
    /** {@code notify-batch} of packages.json (where clients report installs), or null. */
    public String notifyBatch;
    /** The repository already published (a {@code file:}, {@code http(s):} URL or a folder), merged into the index; or null. */
    public String publishedRepositoryUrl;

    public static IndexOptions at(String repositoryUrl) {
        IndexOptions options = new IndexOptions();
        options.repositoryUrl = repositoryUrl;
        return options;
    }

    String base() {
        return repositoryUrl.endsWith("/") ? repositoryUrl : repositoryUrl + "/";
    }
}
