package org.mageos.distribution.core.index;

import org.mageos.distribution.core.published.RemoteRepositories;

/** What {@link RepositoryIndex#write} is asked to produce, besides the versions this build made; which published versions it keeps in {@link RetentionOptions}. */
public final class IndexOptions extends RetentionOptions {

    /** Where clients read the repository; dist URLs and metadata-url are absolute under it. */
    public String repositoryUrl;
    /** Also write Composer 1's {@code includes} (one {@code include/all$<sha1>.json} with every version). */
    public boolean includes = true;
    /** {@code notify-batch} of packages.json (where clients report installs), or null. */
    public String notifyBatch;
    /** The repository already published (a folder, a {@code file:}, {@code http(s):}, {@code s3://} or {@code sftp://} URL), merged into the index; or null. */
    public String publishedRepositoryUrl;
    /** Opens a published repository on S3 or SFTP (the deploy's client and credentials). */
    public RemoteRepositories remoteRepositories = RemoteRepositories.NONE;

    public static IndexOptions at(String repositoryUrl) {
        IndexOptions options = new IndexOptions();
        options.repositoryUrl = repositoryUrl;
        return options;
    }

    String base() {
        return repositoryUrl.endsWith("/") ? repositoryUrl : repositoryUrl + "/";
    }
}
