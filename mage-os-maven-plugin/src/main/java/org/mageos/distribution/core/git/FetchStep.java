package org.mageos.distribution.core.git;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.Credentials;
import org.mageos.distribution.core.config.ProjectSettings;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.io.RetryPolicy;

/** The fetch step: brings the selected tags and branches of every source into the shared cache. */
public final class FetchStep {

    /** The wait before the first retry of a network error that may pass; doubled for each later one. */
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

    private final DistributionLog log;

    public FetchStep(DistributionLog log) {
        this.log = log;
    }

    /**
     * @param retries      retries of a network error that may pass (0 or more)
     * @param timeout      seconds a fetch of one source may take in all, retries included (more than 0)
     * @param sshDirectory where SSH reads config, known_hosts and keys; null for none
     * @param credentials  the credentials of a source's {@code <serverId>}; called only for sources that name one
     */
    public void run(ProjectSettings settings, int retries, int timeout, Path sshDirectory, Function<Source, Credentials> credentials) {
        if (retries < 0) {
            throw new DistributionException("mage-os.fetch.retries must be 0 or more, not " + retries);
        }
        if (timeout <= 0) {
            throw new DistributionException("mage-os.fetch.timeout must be more than 0 seconds, not " + timeout);
        }
        GitCache cache = new GitCache(settings.cache(), log, new RetryPolicy(retries, RETRY_DELAY), sshDirectory)
                .withDeadline(Duration.ofSeconds(timeout));
        for (Source source : settings.resolvedSources()) {
            String id = source.getServerId();
            Credentials c = id == null || id.trim().isEmpty() ? null : credentials.apply(source);
            cache.fetch(source, settings.offline(), c == null ? null : new GitCredentials(c.serverId(), c.username(), c.password(),
                    c.privateKey(), c.passphrase()));
        }
    }
}
