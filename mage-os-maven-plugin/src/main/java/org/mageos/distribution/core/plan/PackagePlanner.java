package org.mageos.distribution.core.plan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Repository;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.DistributionConfig;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.config.VendorRename;
import org.mageos.distribution.core.git.TagRef;

/**
 * Decides what a build makes, reading only git objects: the selected tags of each source in Composer's version
 * order ({@link SourceScanner}), each release's package versions ({@link ReleasePlanner}), then the nightly versions
 * of the selected branches ({@link NightlyPlanner}). Each package version is planned once, from the earliest tag
 * that carries it. Everything is validated here, before any zip is written.
 */
public final class PackagePlanner {

    private final DistributionLog log;
    private PlanCache planCache;

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
        SourceScanner scanner = new SourceScanner(log, planCache, versions, distribution.isStrict());
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
            log.info(scan.source.getName() + ": " + scan.allTags + " tags in the cache, " + scan.tags.size() + " selected, " + scan.versions
                    + " package versions, " + scan.reused + " found again at later tags");
            summaries.put(scan.source.getName(), new PackagePlan.SourceSummary(scan.source.getName(), scan.allTags, scan.tags.size(),
                    scan.versions, scan.reused));
        }
        return new PackagePlan(new ArrayList<>(byKey.values()), summaries, scanner.skipped()).withReleases(releasePlanner.contents);
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
