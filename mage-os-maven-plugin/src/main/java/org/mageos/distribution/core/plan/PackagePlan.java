package org.mageos.distribution.core.plan;

import java.util.List;
import java.util.Map;
import org.mageos.distribution.core.published.PublishedRepository;
import org.mageos.distribution.core.published.PublishedVersions;

/** What a build makes: every package version once, from the earliest tag that carries it. */
public final class PackagePlan {

    /** Per source, counts for the build's report. */
    public record SourceSummary(String source, int tags, int selectedTags, int versions, int reused) {
    }

    private final List<PlannedVersion> versions;
    private final Map<String, SourceSummary> summaries;

    PackagePlan(List<PlannedVersion> versions, Map<String, SourceSummary> summaries) {
        this.versions = List.copyOf(versions);
        this.summaries = summaries;
    }

    public List<PlannedVersion> versions() {
        return versions;
    }

    public Map<String, SourceSummary> summaries() {
        return summaries;
    }

    /**
     * Keep or build: marks every version that {@code published} already serves (its metadata and zip) as kept, so
     * that the packaging step writes only what is new. With {@code force}, nothing is kept. Returns how many are kept.
     */
    public int keep(PublishedRepository published, boolean force) {
        int kept = 0;
        for (PlannedVersion v : versions) {
            if (force || v.isMetapackage()) {
                continue;
            }
            PublishedVersions.Published existing = published.find(v.name(), v.versionNormalized(), v.distPath());
            if (existing != null) {
                v.keptAs(existing);
                kept++;
            }
        }
        return kept;
    }
}
