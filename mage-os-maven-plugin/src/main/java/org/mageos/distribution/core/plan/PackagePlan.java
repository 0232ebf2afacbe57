package org.mageos.distribution.core.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.published.PlanRecord;
import org.mageos.distribution.core.published.PublishedRepository;
import org.mageos.distribution.core.published.PublishedVersions;

/** What a build makes: every package version once, from the earliest tag that carries it. */
public final class PackagePlan {

    /** Per source, counts for the build's report. */
    public record SourceSummary(String source, int tags, int selectedTags, int versions, int reused) {
    }

    private final List<PlannedVersion> versions;
    private final Map<String, SourceSummary> summaries;
    private final List<String> skipped;
    private final PlanRecord record;

    PackagePlan(List<PlannedVersion> versions, Map<String, SourceSummary> summaries, List<String> skipped, PlanRecord record) {
        this.versions = List.copyOf(versions);
        this.summaries = summaries;
        this.skipped = List.copyOf(skipped);
        this.record = record;
        checkDistinctFiles();
    }

    /** Two versions whose zips would be one file (two package names differing in case, say) fail the plan, naming both. */
    private void checkDistinctFiles() {
        Map<String, PlannedVersion> byFile = new HashMap<>();
        for (PlannedVersion v : versions) {
            if (v.isMetapackage()) {
                continue;
            }
            PlannedVersion other = byFile.putIfAbsent(v.distPath().toLowerCase(Locale.ROOT), v);
            if (other != null) {
                throw new DistributionException(other.origin() + " (" + other + ") and " + v.origin() + " (" + v + ") would be one zip file, "
                        + v.distPath() + ": remove one of them from the distribution");
            }
        }
    }

    private List<ReleaseContent> releases = List.of();

    PackagePlan withReleases(List<ReleaseContent> contents) {
        this.releases = List.copyOf(contents);
        return this;
    }

    /** What each tag of each release holds (the dependency analysis chooses its set from these). */
    public List<ReleaseContent> releases() {
        return releases;
    }

    /** One line (source, tag, path, reason) per version skipped as Composer skips it. */
    public List<String> skipped() {
        return skipped;
    }

    /** What the plan made of each tag it read, for the repository's {@link PlanRecord} (published with the index). */
    public PlanRecord record() {
        return record;
    }

    public List<PlannedVersion> versions() {
        return versions;
    }

    public Map<String, SourceSummary> summaries() {
        return summaries;
    }

    /**
     * Keep or build: marks every version that {@code published} already serves (its metadata and zip) as kept, so
     * that the packaging step writes only what is new. A zip is kept only when its bytes have the sha1 its metadata
     * records (the folders' zips are hashed concurrently). With {@code force}, nothing is kept. Returns how many are kept.
     */
    public int keep(PublishedRepository published, boolean force) {
        if (force) {
            return 0;
        }
        AtomicInteger kept = new AtomicInteger();
        Map<String, List<String>> byName = new TreeMap<>();
        versions.stream().filter(v -> !v.isMetapackage()).forEach(v -> byName.computeIfAbsent(v.name(), n -> new ArrayList<>()).add(v.versionNormalized()));
        published.prefetch(byName);
        versions.parallelStream().filter(v -> !v.isMetapackage()).forEach(v -> {
            PublishedVersions.Published existing = published.find(v.name(), v.versionNormalized(), v.distPath());
            if (existing != null) {
                v.keptAs(existing);
                kept.incrementAndGet();
            }
        });
        return kept.get();
    }
}
