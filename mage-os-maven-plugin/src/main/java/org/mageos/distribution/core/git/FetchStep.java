package org.mageos.distribution.core.git;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.ConfigFingerprint;
import org.mageos.distribution.core.config.Credentials;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.ProjectSettings;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.io.RetryPolicy;
import org.mageos.distribution.core.published.PublishedRepository;

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
     */
    public void run(ProjectSettings settings, FetchOptions options) {
        int retries = options.retries;
        int timeout = options.timeout;
        int threads = options.threads;
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
        Supplier<GitCache> caches = () -> new GitCache(settings.cache(), log, new RetryPolicy(retries, RETRY_DELAY), options.sshDirectory)
                .withDeadline(Duration.ofSeconds(timeout)).withShallow(options.shallow);
        List<Source> sources = new ArrayList<>(settings.resolvedSources());
        if (settings.securityAdvisoriesSource() != null) {
            sources.add(settings.securityAdvisoriesSource()); // <securityAdvisories>: a git repository, fetched like a source
        }
        // credentials are decrypted here, one after the other, before any transfer starts
        Map<Source, GitCredentials> credentialsOf = new LinkedHashMap<>();
        for (Source source : sources) {
            String id = source.getServerId();
            Credentials c = id == null || id.trim().isEmpty() ? null : options.credentials.apply(source);
            credentialsOf.put(source, c == null ? null : new GitCredentials(c.serverId(), c.username(), c.password(), c.privateKey(),
                    c.passphrase()));
        }
        // offline, the cache is used as it is: nothing is read over the network
        try (PublishedRepository published = settings.publishedRepository() == null || settings.offline() ? null
                : PublishedRepository.of(log, settings.publishedRepository(), options.remoteRepositories)) {
            if (published != null) {
                options.tagsNeeded(publishedTagsLeftOut(settings, published, options.tagsNeeded));
            }
            // the distribution's sources (not <securityAdvisories>) get the work that can start once they are fetched
            Set<Source> distributionSources = Collections.newSetFromMap(new IdentityHashMap<>());
            if (options.whenFetched != null && !settings.offline()) {
                distributionSources.addAll(sources.subList(0, sources.size() - (settings.securityAdvisoriesSource() != null ? 1 : 0)));
            }
            Consumer<Source> whenFetched = source -> {
                if (distributionSources.contains(source)) {
                    whenFetched(settings, source, published == null ? PublishedRepository.NONE : published, options.whenFetched);
                }
            };
            fetch(sources, caches, settings, credentialsOf, options, whenFetched);
        }
    }

    /** The work that starts once a source is fetched; its failure is the package goal's to report. */
    private void whenFetched(ProjectSettings settings, Source source, PublishedRepository published, FetchOptions.WhenFetched work) {
        try {
            work.fetched(settings, source, published);
        } catch (Exception e) {
            log.debug(source.getName() + ": what started after its fetch failed (the package goal does it again): " + e);
        }
    }

    /**
     * Each source's {@code whenFetched} work runs on the same threads, queued behind the fetches not yet started: it
     * takes a thread when no fetch waits for one, and the step ends when it is done.
     */
    private void fetch(List<Source> sources, Supplier<GitCache> caches, ProjectSettings settings, Map<Source, GitCredentials> credentialsOf,
            FetchOptions options, Consumer<Source> whenFetched) {
        int threads = options.threads;
        if (threads == 1 || sources.size() < 2) {
            sources.forEach(source -> {
                fetch(caches.get(), source, settings, credentialsOf, options);
                whenFetched.accept(source);
            });
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, sources.size()), r -> {
            Thread t = new Thread(r, "mage-os-fetch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fetches = new ArrayList<>();
            List<Future<?>> after = Collections.synchronizedList(new ArrayList<>());
            for (Source source : sources) {
                fetches.add(pool.submit(() -> {
                    fetch(caches.get(), source, settings, credentialsOf, options);
                    after.add(pool.submit(() -> whenFetched.accept(source)));
                }));
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
            // every fetch is done: the list of work they started is complete
            for (Future<?> work : List.copyOf(after)) {
                try {
                    work.get();
                } catch (ExecutionException e) {
                    log.debug("work after a fetch failed: " + e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DistributionException("Fetch interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * With a {@code <publishedRepositoryUrl>}, a tag the published repository's record says was planned at the commit
     * the remote's tag points to, under the same rules, and whose versions it all lists, is not needed: the plan leaves
     * it out ({@link PublishedRepository#plannedTags}). The record is read on a source's first fetch, and only then.
     */
    private static Function<Source, GitCache.TagsNeeded> publishedTagsLeftOut(ProjectSettings settings, PublishedRepository published,
            Function<Source, GitCache.TagsNeeded> asked) {
        Distribution distribution = settings.distribution();
        return source -> {
            GitCache.TagsNeeded other = asked.apply(source);
            Map<String, String> planned = published.plannedTags(source.getName(), ConfigFingerprint.tagRules(distribution, source));
            return planned.isEmpty() ? other
                    : (tag, commit) -> other.needs(tag, commit) && (commit == null || !commit.name().equals(planned.get(tag)));
        };
    }

    private static void fetch(GitCache cache, Source source, ProjectSettings settings, Map<Source, GitCredentials> credentials,
            FetchOptions options) {
        cache.fetch(source, settings.offline(), credentials.get(source), options.tagsNeeded.apply(source));
    }
}
