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
     * @param sshDirectory where SSH reads config, known_hosts and keys; null for none
     * @param credentials  the credentials of a source's {@code <serverId>}; called only for sources that name one
     */
    public void run(ProjectSettings settings, int retries, Path sshDirectory, Function<Source, Credentials> credentials) {
        if (retries < 0) {
            throw new DistributionException("mage-os.fetch.retries must be 0 or more, not " + retries);
        }
        GitCache cache = new GitCache(settings.cache(), log, new RetryPolicy(retries, RETRY_DELAY), sshDirectory);
        for (Source source : settings.resolvedSources()) {
            String id = source.getServerId();
            Credentials c = id == null || id.trim().isEmpty() ? null : credentials.apply(source);
            cache.fetch(source, settings.offline(), c == null ? null : new GitCredentials(c.serverId(), c.username(), c.password(),
                    c.privateKey(), c.passphrase()));
        }
    }
}
