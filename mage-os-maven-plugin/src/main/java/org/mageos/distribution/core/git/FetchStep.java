package org.mageos.distribution.core.git;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.Credentials;
import org.mageos.distribution.core.config.ProjectSettings;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.io.RetryPolicy;

/** The fetch step: brings the selected tags and branches of every source, and the {@code <securityAdvisories>} repository, into the shared cache. */
public final class FetchStep {

    /** The wait before the first retry of a network error that may pass; doubled for each later one. */
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

    private final DistributionLog log;

    public FetchStep(DistributionLog log) {
        this.log = log;
    }

    /**
     * Fetches every source, {@code threads} at a time (the sources are independent; writers of one cached repository
     * are serialized by its lock). When fetches fail, every other source is still fetched, and the error is that of
     * the first failing source in the order of {@code <sources>}.
     *
     * @param retries      retries of a network error that may pass (0 or more)
     * @param timeout      seconds a fetch of one source may take in all, retries included (more than 0)
     * @param threads      sources fetched at the same time (1 or more)
     * @param sshDirectory where SSH reads config, known_hosts and keys; null for none
     * @param credentials  the credentials of a source's {@code <serverId>}; called only for sources that name one
     */
    public void run(ProjectSettings settings, int retries, int timeout, int threads, Path sshDirectory,
            Function<Source, Credentials> credentials) {
        if (retries < 0) {
            throw new DistributionException("mage-os.fetch.retries must be 0 or more, not " + retries);
        }
        if (timeout <= 0) {
            throw new DistributionException("mage-os.fetch.timeout must be more than 0 seconds, not " + timeout);
        }
        if (threads < 1) {
            throw new DistributionException("mage-os.fetch.threads must be 1 or more, not " + threads);
        }
        // a GitCache holds the deadline of the fetch under way: one per source
        Supplier<GitCache> caches = () -> new GitCache(settings.cache(), log, new RetryPolicy(retries, RETRY_DELAY), sshDirectory)
                .withDeadline(Duration.ofSeconds(timeout));
        List<Source> sources = new ArrayList<>(settings.resolvedSources());
        if (settings.securityAdvisoriesSource() != null) {
            sources.add(settings.securityAdvisoriesSource()); // <securityAdvisories>: a git repository, fetched like a source
        }
        // credentials are decrypted here, one after the other, before any transfer starts
        Map<Source, GitCredentials> credentialsOf = new LinkedHashMap<>();
        for (Source source : sources) {
            String id = source.getServerId();
            Credentials c = id == null || id.trim().isEmpty() ? null : credentials.apply(source);
            credentialsOf.put(source, c == null ? null : new GitCredentials(c.serverId(), c.username(), c.password(), c.privateKey(),
                    c.passphrase()));
        }
        if (threads == 1 || sources.size() < 2) {
            sources.forEach(source -> caches.get().fetch(source, settings.offline(), credentialsOf.get(source)));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, sources.size()), r -> {
            Thread t = new Thread(r, "mage-os-fetch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fetches = new ArrayList<>();
            for (Source source : sources) {
                fetches.add(pool.submit(() -> caches.get().fetch(source, settings.offline(), credentialsOf.get(source))));
            }
            RuntimeException first = null;
            for (Future<?> fetch : fetches) {
                try {
                    fetch.get();
                } catch (ExecutionException e) {
                    RuntimeException failure = e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                            : new DistributionException("Fetch failed: " + e.getCause(), e.getCause());
                    first = first == null ? failure : first;
                }
            }
            if (first != null) {
                throw first;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DistributionException("Fetch interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
