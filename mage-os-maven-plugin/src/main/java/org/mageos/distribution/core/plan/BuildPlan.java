package org.mageos.distribution.core.plan;

import java.util.List;
import java.util.Map;

/** What a build makes: every package version once, from the earliest tag that carries it. */
public final class BuildPlan {

    /** Per source, counts for the build's report. */
    public static final class SourceSummary {
        public final String source;
        public final int tags;
        public final int selectedTags;
        public final int versions;
        public final int reused;

        SourceSummary(String source, int tags, int selectedTags, int versions, int reused) {
            this.source = source;
            this.tags = tags;
            this.selectedTags = selectedTags;
            this.versions = versions;
            this.reused = reused;
        }
    }

    private final List<PlannedVersion> versions;
    private final Map<String, SourceSummary> summaries;

    private final List<String> skipped;

    BuildPlan(List<PlannedVersion> versions, Map<String, SourceSummary> summaries) {
        this(versions, summaries, List.of());
    }

    BuildPlan(List<PlannedVersion> versions, Map<String, SourceSummary> summaries, List<String> skipped) {
        this.skipped = List.copyOf(skipped);
        this.versions = List.copyOf(versions);
        this.summaries = summaries;
    }

    /** One line (source, tag, path, reason) per version skipped as Composer skips it. */
    public List<String> skipped() {
        return skipped;
    }

    public List<PlannedVersion> versions() {
        return versions;
    }

    public Map<String, SourceSummary> summaries() {
        return summaries;
    }
}
