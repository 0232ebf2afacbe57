package org.mageos.distribution.core.git;

import java.nio.file.Path;
import java.util.function.Function;
import org.mageos.distribution.core.config.Credentials;
import org.mageos.distribution.core.config.ProjectSettings;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.published.PublishedRepository;
import org.mageos.distribution.core.published.RemoteRepositories;

/** The fetch goal's parameters ({@code mage-os.fetch.*}), checked by {@link FetchStep#run}. */
public final class FetchOptions {

    int retries = 3;
    int timeout = 3600;
    int threads = 4;
    boolean shallow = true;
    Path sshDirectory;
    Function<Source, Credentials> credentials = source -> null;
    Function<Source, GitCache.TagsNeeded> tagsNeeded = source -> GitCache.TagsNeeded.ALL;
    RemoteRepositories remoteRepositories = RemoteRepositories.NONE;
    WhenFetched whenFetched;

    /**
     * Work on a source that can start once its fetch is done, while other sources are still fetching: the plan's
     * tree walks of its selected tags ({@code plan.PlanCacheStep}, which {@code git} cannot call itself).
     */
    @FunctionalInterface
    public interface WhenFetched {
        /**
         * @param published what the fetch read of {@code <publishedRepositoryUrl>}; {@link PublishedRepository#NONE} for none
         * @throws Exception anything: the fetch logs it at debug level and goes on (the package goal does the work)
         */
        void fetched(ProjectSettings settings, Source source, PublishedRepository published) throws Exception;
    }

    /** Retries of a network error that may pass (0 or more). */
    public FetchOptions retries(int retries) {
        this.retries = retries;
        return this;
    }

    /** Seconds a fetch of one source may take in all, retries included (more than 0). */
    public FetchOptions timeout(int seconds) {
        this.timeout = seconds;
        return this;
    }

    /** Sources fetched at the same time (1 or more). */
    public FetchOptions threads(int threads) {
        this.threads = threads;
        return this;
    }

    /**
     * Whether an empty cache of a source on a git server gets only the selected tags' commits (depth 1, no history); a
     * cache fetched so stays shallow. False fetches whole histories and deepens a shallow cache.
     */
    public FetchOptions shallow(boolean shallow) {
        this.shallow = shallow;
        return this;
    }

    /** Where SSH reads config, known_hosts and keys; null for {@code ~/.ssh}. */
    public FetchOptions sshDirectory(Path sshDirectory) {
        this.sshDirectory = sshDirectory;
        return this;
    }

    /** The credentials of a source's {@code <serverId>}; called only for sources that name one. */
    public FetchOptions credentials(Function<Source, Credentials> credentials) {
        this.credentials = credentials;
        return this;
    }

    /** Opens a {@code <publishedRepositoryUrl>} on S3 or SFTP (the deploy's client and credentials). */
    public FetchOptions remoteRepositories(RemoteRepositories remoteRepositories) {
        this.remoteRepositories = remoteRepositories;
        return this;
    }

    /**
     * Runs on the fetch's threads after each source of the distribution is fetched (not offline, not for
     * {@code <securityAdvisories>}); the fetch waits for it before it ends, and a failure of it does not fail the fetch.
     */
    public FetchOptions whenFetched(WhenFetched whenFetched) {
        this.whenFetched = whenFetched;
        return this;
    }

    /** Which of a source's selected tags the build needs in the cache; every one by default. */
    public FetchOptions tagsNeeded(Function<Source, GitCache.TagsNeeded> tagsNeeded) {
        this.tagsNeeded = tagsNeeded;
        return this;
    }
}
