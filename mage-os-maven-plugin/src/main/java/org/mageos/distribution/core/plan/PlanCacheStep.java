package org.mageos.distribution.core.plan;

import java.io.IOException;
import org.eclipse.jgit.lib.Repository;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.ProjectSettings;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.FetchOptions;
import org.mageos.distribution.core.git.GitCache;
import org.mageos.distribution.core.published.PublishedRepository;

/**
 * The part of the plan that can start when a source's fetch is done, while other sources are still fetching: the
 * tree walks of its selected tags, stored in the plan cache ({@link PlanCache}) under the key the package goal's plan
 * looks up, so that the plan finds them there. Only a shortcut: what it stores is what the package goal's own walks
 * would store, and sources the plan cache does not keep (composer.json from the project) are left alone.
 */
public final class PlanCacheStep {

    private final DistributionLog log;

    public PlanCacheStep(DistributionLog log) {
        this.log = log;
    }

    /**
     * A {@link FetchOptions.WhenFetched}: walks the trees of the source's tags that the package goal selects (the
     * tags {@code published}'s record has planned left out, as the plan leaves them out) unless the plan cache has
     * them. The package goal reports what goes wrong here (a composer.json it cannot read...), as it does without it:
     * here it only throws, and what it would warn about is logged at debug level.
     */
    public void warm(ProjectSettings settings, Source fetched, PublishedRepository published) throws IOException {
        Distribution distribution = settings.distribution();
        Source source = distribution.getSources().stream().filter(s -> s.getName().equals(fetched.getName())).findFirst().orElse(null);
        if (source == null || !PlanCache.applies(source)) {
            return;
        }
        DistributionLog quiet = DistributionLog.debugOnly(log);
        long start = System.nanoTime();
        try (Repository repository = new GitCache(settings.cache(), quiet).open(source)) {
            // not strict: a version <strict> fails is stored as the plan stores it, and the package goal fails on it
            SourceScanner scanner = new SourceScanner(quiet, new PlanCache(settings.cache().resolve("plans")), new VersionCache(), false)
                    .withPublished(published);
            if (scanner.warm(new PackagePlanner.SourceRepository(source, repository), distribution)) {
                log.debug(source.getName() + ": package folders of its selected tags read into the plan cache in "
                        + (System.nanoTime() - start) / 1_000_000 + " ms, while other sources fetch");
            }
        }
    }
}
