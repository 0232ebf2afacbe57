package org.mageos.distribution.core.plan;

import org.eclipse.jgit.lib.Repository;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevWalk;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.composer.ComposerJsonEdits;
import org.mageos.distribution.core.config.BranchPattern;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.GeneratedPackage;
import org.mageos.distribution.core.git.TagRef;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.php.CodeRequirements;
import org.mageos.distribution.core.version.NightlyVersion;

/**
 * Plans the nightly versions of every selected branch head, after the releases.
 */
final class NightlyPlanner {

    private final DistributionLog log;
    private final VersionCache versions;
    private final SourceScanner scanner;
    private final RequireFromCode requireFromCode;
    private final Map<String, Repository> repositories;

    NightlyPlanner(DistributionLog log, VersionCache versions, SourceScanner scanner, RequireFromCode requireFromCode,
            Map<String, Repository> repositories) {
        this.repositories = repositories;
        this.log = log;
        this.versions = versions;
        this.scanner = scanner;
        this.requireFromCode = requireFromCode;
    }

    /**
     * Every selected branch head ({@code <branches>}) becomes nightly package versions, after the releases: by
     * default the version the latest release that has the package published (after {@code <versionOverrides>}) with
     * one added to a 4th part and {@code -a<YYYYMMDD>} of the build date ({@link NightlyVersion#of}), or Composer's
     * branch version ({@code <nightlyVersions>branch</nightlyVersions>}). Every first-party requirement of a nightly
     * is pinned to the nightly version of the same branch name built in this run. Each generated package
     * ({@code <generatedPackages>}) whose first source has the branch gets the night's version too (the scheme
     * applied to the latest release it was made for), requiring the night's packages of its sources. A nightly
     * never replaces a release: a nightly version equal to a version built from a tag is an error.
     */
    void plan(List<PackagePlanner.SourceRepository> sources, Distribution distribution, Map<String, String> renamed,
            Map<String, SourceScan> scans, Map<String, PlannedVersion> byKey, PackagePlanner.LatestReleases latest) throws IOException {
        Map<String, List<FoundPackage>> byBranch = new TreeMap<>();
        for (PackagePlanner.SourceRepository s : sources) {
            if (s.source().getBranches().isEmpty()) {
                continue;
            }
            SourceScan scan = scans.get(s.source().getName());
            List<Ref> heads = new ArrayList<>(s.repository().getRefDatabase().getRefsByPrefix(Constants.R_HEADS));
            heads.sort(Comparator.comparing(Ref::getName));
            try (ObjectReader reader = s.repository().newObjectReader(); RevWalk walk = new RevWalk(s.repository())) {
                for (Ref ref : heads) {
                    String branch = ref.getName().substring(Constants.R_HEADS.length());
                    if (BranchPattern.anyMatches(s.source().getBranches(), branch)) {
                        TagRef head = TagRef.branch(branch, walk.parseCommit(ref.getObjectId()));
                        byBranch.computeIfAbsent(branch, b -> new ArrayList<>()).addAll(scanner.packagesAt(scan, reader, head, distribution, new ArrayList<>()));
                    }
                }
            }
        }
        // packages only branches have (never released) are renamed too
        byBranch.values().forEach(found -> PackagePlanner.addRenames(distribution.getVendorRenames(), found, renamed));
        // key -> the branch whose nightly it is
        Map<String, String> nightlyKeys = new HashMap<>();
        for (Map.Entry<String, List<FoundPackage>> branch : byBranch.entrySet()) {
            Map<String, FoundPackage> content = new LinkedHashMap<>();
            Map<String, String> exact = new TreeMap<>();
            Map<String, String> nightlyVersions = new LinkedHashMap<>();
            Instant newest = null;
            for (FoundPackage f : branch.getValue()) {
                if (!FoundPackage.addFirst(content, f, "branch " + branch.getKey(), log)) {
                    continue;
                }
                newest = newest == null || f.tag.time().isAfter(newest) ? f.tag.time() : newest;
                String version = nightlyVersion(distribution, branch.getKey(), latest.published.get(f.name));
                nightlyVersions.put(f.name, version);
                exact.put(renamed.getOrDefault(f.name, f.name), version);
            }
            List<GeneratedPackage> generated = new ArrayList<>();
            for (GeneratedPackage g : distribution.getGeneratedPackages()) {
                if (g.sourceNames().isEmpty() || content.values().stream().anyMatch(f -> f.scan.source.getName().equals(g.sourceNames().get(0)))) {
                    generated.add(g);
                    exact.put(g.getName(), nightlyVersion(distribution, branch.getKey(), latest.generated.get(g.getName())));
                }
            }
            RequireFromCode.Siblings siblings = requireFromCode.new Siblings(content.values(), renamed, upstream -> exact.get(renamed.getOrDefault(upstream, upstream)),
                    distribution);
            for (FoundPackage f : content.values()) {
                String name = renamed.getOrDefault(f.name, f.name);
                String version = exact.get(name);
                String normalized = versions.normalize(() -> f.origin(), version);
                String key = PackagePlanner.key(name, normalized);
                checkNotPlanned(byKey, nightlyKeys, key, f.origin() + ": the nightly version " + name + " " + version);
                // a renamed package replaces its upstream name at the upstream package's nightly version
                ObjectNode json = renamed.isEmpty() ? f.json
                        : ComposerJsonEdits.rename(f.json, renamed, nightlyVersion(distribution, branch.getKey(), latest.upstream.get(f.name)));
                if (f.requireFromCode) {
                    json = CodeRequirements.sorted(requireFromCode.apply(f, json, Map.of(), siblings, "branch " + branch.getKey()));
                }
                json = ComposerJsonEdits.withVersion(ComposerJsonEdits.pin(json, exact, exact.keySet()), version);
                PlannedVersion planned = new PlannedVersion(f.scan.source, f.tag, f.folder, f.tree, name, version, normalized, json,
                        Json.pretty(json)).inRelease(version).withContent(f.excludes, f.emptyFolders, Map.of()).withOwnComposerJson()
                        .fromBranch(branch.getKey());
                byKey.put(key, planned);
                nightlyKeys.put(key, branch.getKey());
            }
            for (GeneratedPackage g : generated) {
                String version = exact.get(g.getName());
                String normalized = versions.normalized(version);
                String key = PackagePlanner.key(g.getName(), normalized);
                checkNotPlanned(byKey, nightlyKeys, key, "<generatedPackages><generatedPackage name=" + g.getName() + ">, branch '" + branch.getKey()
                        + "': the nightly version " + g.getName() + " " + version);
                ObjectNode json = GeneratedPackages.composerJson(g, version, content, nightlyVersions, renamed, distribution.getRepositoryUrl(),
                        bare -> exact.getOrDefault(bare, version), GeneratedPackages.fromRoot(g, GeneratedPackages.headOf(content.values(), g),
                                repositories, GeneratedPackages.template(g, version, distribution)));
                byKey.put(key, new PlannedVersion(null, null, "", null, g.getName(), version, normalized, json, Json.pretty(json))
                        .inRelease(version).at(newest).fromBranch(branch.getKey()));
                nightlyKeys.put(key, branch.getKey());
            }
            log.info("branch " + branch.getKey() + ": " + content.size() + " nightly package versions"
                    + (generated.isEmpty() ? "" : ", " + generated.size() + " generated"));
        }
    }

    /** The version a package gets from a branch head, by the configured scheme; {@code released} is null for a package never released. */
    private static String nightlyVersion(Distribution distribution, String branch, String released) {
        return Distribution.BRANCH.equals(distribution.getNightlyVersions()) ? NightlyVersion.branch(branch)
                : NightlyVersion.of(released, distribution.getNightlyDate());
    }

    /** A nightly never replaces a release, nor the nightly of another branch. */
    private static void checkNotPlanned(Map<String, PlannedVersion> byKey, Map<String, String> nightlyKeys, String key, String what) {
        if (byKey.containsKey(key)) {
            String branch = nightlyKeys.get(key);
            throw new DistributionException(what + (branch != null ? " is also built from branch '" + branch
                    + "'; select one of the branches or use <nightlyVersions>branch</nightlyVersions>"
                    : " is already a release; a nightly never replaces a release"));
        }
    }
}
