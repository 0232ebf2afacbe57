package org.mageos.distribution.core.plan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Repository;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.DistributionConfig;
import org.mageos.distribution.core.config.ConfigFingerprint;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.config.VendorRename;
import org.mageos.distribution.core.git.TagRef;
import org.mageos.distribution.core.published.PlanRecord;
import org.mageos.distribution.core.published.PublishedRepository;

/**
 * Decides what a build makes, reading only git objects: the selected tags of each source in Composer's version
 * order ({@link SourceScanner}), each release's package versions ({@link ReleasePlanner}), then the nightly versions
 * of the selected branches ({@link NightlyPlanner}). Each package version is planned once, from the earliest tag
 * that carries it. Everything is validated here, before any zip is written.
 */
public final class PackagePlanner {

    private final DistributionLog log;
    private PlanCache planCache;
    private PublishedRepository published = PublishedRepository.NONE;

    public PackagePlanner(DistributionLog log) {
        this.log = log;
    }

    /**
     * Remembers, in {@code dir}, what the tree walks found at the selected tags of each source, so that a plan
     * of the same tags with the same rules walks no tree again.
     */
    public PackagePlanner withPlanCache(Path dir) {
        this.planCache = dir == null ? null : new PlanCache(dir);
        return this;
    }

    /**
     * What is already published: the tags its record ({@link PlanRecord}) says were planned, at the same commit and
     * under the same rules, and whose versions it all lists, are left out of the plan (no tree is read).
     */
    public PackagePlanner withPublished(PublishedRepository repository) {
        this.published = repository;
        return this;
    }

    /** A source and its cached repository. */
    public record SourceRepository(Source source, Repository repository) {
    }

    public PackagePlan plan(List<SourceRepository> sources) {
        List<Source> list = new ArrayList<>();
        sources.forEach(s -> list.add(s.source()));
        return plan(sources, new Distribution(list));
    }

    /** Plans every release of the distribution; {@code distribution} was validated by {@link DistributionConfig#validate(Distribution)}. */
    public PackagePlan plan(List<SourceRepository> sources, Distribution distribution) {
        VersionCache versions = new VersionCache();
        SourceScanner scanner = new SourceScanner(log, planCache, versions, distribution.isStrict()).withPublished(published);
        Map<String, Repository> repositories = new HashMap<>();
        Map<String, SourceScan> scans = new LinkedHashMap<>();
        for (SourceRepository s : sources) {
            repositories.put(s.source().getName(), s.repository());
            try {
                scans.put(s.source().getName(), scanner.scan(s, distribution));
            } catch (IOException e) {
                throw new DistributionException("source '" + s.source().getName() + "': cannot read the cached repository: "
                        + e.getMessage(), e);
            }
        }
        List<ReleasePlan> releases = ReleasePlan.of(distribution.getReleases(), scans);
        Map<String, String> renamed = renames(distribution.getVendorRenames(), scans);
        Map<String, PlannedVersion> byKey = new LinkedHashMap<>();
        for (PlannedVersion prebuilt : PrebuiltPackages.read(distribution)) {
            byKey.put(key(prebuilt.name(), prebuilt.versionNormalized()), prebuilt);
        }
        RequireFromCode requireFromCode = new RequireFromCode(log, repositories);
        Quirks quirks = new Quirks(log, distribution.isStrict());
        ReleasePlanner releasePlanner = new ReleasePlanner(log, versions, requireFromCode, quirks, new Corrections(distribution), repositories);
        LatestReleases latest = new LatestReleases();
        for (ReleasePlan release : releases) {
            releasePlanner.plan(release, distribution, renamed, scans, byKey, latest);
        }
        try {
            new NightlyPlanner(log, versions, scanner, requireFromCode, repositories).plan(sources, distribution, renamed, scans, byKey, latest);
        } catch (IOException e) {
            throw new DistributionException("cannot read the branches of a cached repository: " + e.getMessage(), e);
        }
        quirks.check();
        Map<String, PackagePlan.SourceSummary> summaries = new LinkedHashMap<>();
        for (SourceScan scan : scans.values()) {
            log.info(scan.source.getName() + ": " + scan.allTags + " tags in the cache, " + (scan.tags.size() + scan.fromRecord) + " selected"
                    + (scan.fromRecord > 0 ? " (" + scan.fromRecord + " of them published and recorded, not read)" : "") + ", " + scan.versions
                    + " package versions, " + scan.reused + " found again at later tags");
            summaries.put(scan.source.getName(), new PackagePlan.SourceSummary(scan.source.getName(), scan.allTags, scan.tags.size(),
                    scan.versions, scan.reused));
        }
        return new PackagePlan(new ArrayList<>(byKey.values()), summaries, scanner.skipped(), record(distribution, scans, scanner, versions))
                .withReleases(releasePlanner.contents);
    }

    /**
     * What each tag this plan read yields, for the published {@link PlanRecord}: every package version found there
     * (also those an earlier tag carries already: an entry depends on the tag's commit and the rules only), and the
     * versions Composer skips. Only the tags of the sources whose tags the plan can do without ({@link #recordable}),
     * but those a declared release names.
     */
    private static PlanRecord record(Distribution distribution, Map<String, SourceScan> scans, SourceScanner scanner, VersionCache versions) {
        PlanRecord record = new PlanRecord();
        for (SourceScan scan : scans.values()) {
            if (!recordable(distribution, scan.source)) {
                continue;
            }
            String rules = ConfigFingerprint.tagRules(distribution, scan.source);
            Set<String> named = namedByReleases(distribution, scan.source, scan.tags, versions);
            for (TagRef tag : scan.tags) {
                if (named.contains(tag.name())) {
                    continue;
                }
                List<String> found = new ArrayList<>();
                scan.byTag.getOrDefault(tag, List.of()).stream().filter(f -> !f.isSkipped()).forEach(f -> found.add(f.name + " " + f.version));
                record.add(scan.source.getName(), rules, tag.name(), new PlanRecord.Tag(tag.commit().name(), found,
                        scanner.skipped(scan.source.getName(), tag.name())));
            }
        }
        return record;
    }

    /**
     * Whether the plan can do without a source's tags whose versions are all published: no nightlies (their versions
     * start from the latest release's), no vendor renames (a rename covers the packages found at every tag), no
     * {@code <refs>} (commits, not tags) and no composer.json from the project.
     */
    static boolean recordable(Distribution distribution, Source source) {
        return PlanCache.applies(source) && source.getRefs().isEmpty() && distribution.getVendorRenames().isEmpty()
                && distribution.getSources().stream().allMatch(s -> s.getBranches().isEmpty());
    }

    /** The names of a source's tags that a declared release names (by {@code <tags>}, or by its version). */
    static Set<String> namedByReleases(Distribution distribution, Source source, List<TagRef> tags, VersionCache versions) {
        Set<String> named = new java.util.HashSet<>();
        for (org.mageos.distribution.core.config.Release r : distribution.getReleases()) {
            if (r.getTags().isEmpty()) {
                String normalized = versions.normalized(r.getVersion());
                tags.stream().filter(t -> versions.normalized(org.mageos.distribution.core.version.VersionParser.tagVersion(t.name())).equals(normalized))
                        .forEach(t -> named.add(t.name()));
            } else {
                r.getTags().stream().filter(t -> source.getName().equals(t.getSource())).forEach(t -> named.add(t.getName()));
            }
        }
        return named;
    }

    static String key(String name, String normalized) {
        return name + "@" + normalized;
    }

    /** Old name -> new name for every package found whose vendor is renamed; packages not in the distribution keep theirs. */
    private static Map<String, String> renames(List<VendorRename> vendorRenames, Map<String, SourceScan> scans) {
        Map<String, String> renamed = new TreeMap<>();
        if (vendorRenames.isEmpty()) {
            return renamed;
        }
        for (SourceScan scan : scans.values()) {
            for (List<FoundPackage> found : scan.byTag.values()) {
                addRenames(vendorRenames, found, renamed);
            }
        }
        return renamed;
    }

    static void addRenames(List<VendorRename> vendorRenames, List<FoundPackage> found, Map<String, String> renamed) {
        for (FoundPackage f : found) {
            for (VendorRename r : vendorRenames) {
                if (f.name.startsWith(r.getFrom() + "/")) {
                    renamed.put(f.name, r.getTo() + f.name.substring(r.getFrom().length()));
                }
            }
        }
    }

    /**
     * What the latest release (in version order) that has a package gave it: the base of the package's nightly
     * version, which must start from what that release actually published.
     */
    static final class LatestReleases {
        /** upstream name -> its version in composer.json (or the tag) at that release, before any override */
        final Map<String, String> upstream = new HashMap<>();
        /** upstream name -> the version the release published (after {@code <versionOverrides>}) */
        final Map<String, String> published = new HashMap<>();
        /** generated package name -> the version of the latest release it was made for */
        final Map<String, String> generated = new HashMap<>();
    }

    /** The source's tags that are versions, match its {@code <tags>} constraint and tag patterns, in ascending version order. */
    public static List<TagRef> selectTags(Source source, Repository repository, DistributionLog log) throws IOException {
        return SourceScanner.selectTags(source, repository, log);
    }
}
