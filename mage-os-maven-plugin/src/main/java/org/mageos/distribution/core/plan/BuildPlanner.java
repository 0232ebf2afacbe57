package org.mageos.distribution.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.mageos.distribution.core.BuildLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.composer.Json;
import org.mageos.distribution.core.composer.LinkSections;
import org.mageos.distribution.core.composer.PackageName;
import org.mageos.distribution.core.composer.ComposerJsonEdits;
import org.mageos.distribution.core.config.BranchPattern;
import org.mageos.distribution.core.config.ComposerPatch;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.DistributionConfig;
import org.mageos.distribution.core.config.GeneratedPackage;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Release;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.config.VendorRename;
import org.mageos.distribution.core.git.TagRef;
import org.mageos.distribution.core.php.CodeRequirements;
import org.mageos.distribution.core.php.PhpReferences;
import org.mageos.distribution.core.version.Constraint;
import org.mageos.distribution.core.version.InvalidVersionException;
import org.mageos.distribution.core.version.NightlyVersion;
import org.mageos.distribution.core.version.VersionComparator;
import org.mageos.distribution.core.version.VersionParser;

/**
 * Decides what a build makes, reading only git objects: the selected tags of each source in Composer's
 * version order, the package folders at each tag, and each package version once, from the earliest tag
 * that carries it. Everything is validated here, before any zip is written.
 */
public final class BuildPlanner {

    private final BuildLog log;

    /**
     * Most modules keep the same folder tree and composer.json across many tags: each tree is searched for
     * its composer.json once, and each composer.json blob is read and parsed once, per plan.
     */
    private final Map<ObjectId, ObjectId> composerJsonBlobByTree = new HashMap<>();
    private final Map<ObjectId, ParsedComposerJson> composerJsonByBlob = new HashMap<>();
    private final Set<String> validNames = new HashSet<>();
    /** Constraints of require links parsed so far: the same ones come back at every release. */
    private final Map<String, Constraint> constraints = new HashMap<>();

    /** A composer.json as read from git or the project: its bytes and their parse, or the parser's message. */
    private static final class ParsedComposerJson {
        final byte[] bytes;
        final ObjectNode json;
        final String error;

        ParsedComposerJson(byte[] bytes, ObjectNode json, String error) {
            this.bytes = bytes;
            this.json = json;
            this.error = error;
        }

        static ParsedComposerJson parse(byte[] bytes) {
            try {
                return new ParsedComposerJson(bytes, Json.parseObject(bytes), null);
            } catch (IOException e) {
                return new ParsedComposerJson(bytes, null, firstLine(e.getMessage()));
            }
        }
    }

    private PlanCache planCache;
    /** The cached repository of each source, by name; code is read from it for {@code <requireFromCode>}. */
    private final Map<String, Repository> repositories = new HashMap<>();
    private final PackageCode code = new PackageCode();

    public BuildPlanner(BuildLog log) {
        this.log = log;
    }

    /**
     * Remembers, in {@code dir}, what the tree walks found at the selected tags of each source, so that a plan
     * of the same tags with the same rules walks no tree again.
     */
    public BuildPlanner withPlanCache(Path dir) {
        this.planCache = dir == null ? null : new PlanCache(dir);
        return this;
    }

    /** A source and its cached repository. */
    public static final class SourceRepository {
        final Source source;
        final Repository repository;

        public SourceRepository(Source source, Repository repository) {
            this.source = source;
            this.repository = repository;
        }
    }

    public BuildPlan plan(List<SourceRepository> sources) {
        List<Source> list = new ArrayList<>();
        sources.forEach(s -> list.add(s.source));
        return plan(sources, new Distribution(list));
    }

    /** Plans every release of the distribution; {@code distribution} was validated by {@link DistributionConfig#validate(Distribution)}. */
    public BuildPlan plan(List<SourceRepository> sources, Distribution distribution) {
        Map<String, SourceScan> scans = new LinkedHashMap<>();
        for (SourceRepository s : sources) {
            repositories.put(s.source.getName(), s.repository);
            try {
                scans.put(s.source.getName(), scan(s, distribution));
            } catch (IOException e) {
                throw new DistributionException("source '" + s.source.getName() + "': cannot read the cached repository: "
                        + e.getMessage(), e);
            }
        }
        List<ReleasePlan> releases = ReleasePlan.of(distribution.getReleases(), scans);
        Map<String, String> renamed = renames(distribution.getVendorRenames(), scans);
        Map<String, PlannedVersion> byKey = new LinkedHashMap<>();
        for (PlannedVersion prebuilt : PrebuiltPackages.read(distribution)) {
            byKey.put(key(prebuilt.name(), prebuilt.versionNormalized()), prebuilt);
        }
        LatestReleases latest = new LatestReleases();
        for (ReleasePlan release : releases) {
            planRelease(release, distribution, renamed, scans, byKey, latest);
        }
        try {
            planNightlies(sources, distribution, renamed, scans, byKey, latest);
        } catch (IOException e) {
            throw new DistributionException("cannot read the branches of a cached repository: " + e.getMessage(), e);
        }
        Map<String, BuildPlan.SourceSummary> summaries = new LinkedHashMap<>();
        for (SourceScan scan : scans.values()) {
            log.info(scan.source.getName() + ": " + scan.allTags + " tags in the cache, " + scan.tags.size() + " selected, " + scan.versions
                    + " package versions, " + scan.reused + " found again at later tags");
            summaries.put(scan.source.getName(), new BuildPlan.SourceSummary(scan.source.getName(), scan.allTags, scan.tags.size(),
                    scan.versions, scan.reused));
        }
        return new BuildPlan(new ArrayList<>(byKey.values()), summaries);
    }

    private static String key(String name, String normalized) {
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

    private static void addRenames(List<VendorRename> vendorRenames, List<FoundPackage> found, Map<String, String> renamed) {
        for (FoundPackage f : found) {
            for (VendorRename r : vendorRenames) {
                if (f.name.startsWith(r.getFrom() + "/")) {
                    renamed.put(f.name, r.getTo() + f.name.substring(r.getFrom().length()));
                }
            }
        }
    }

    /** A package as found at one tag, before the release's changes. */
    static final class FoundPackage {
        final SourceScan scan;
        final TagRef tag;
        final String folder;
        final ObjectId tree;
        final ObjectNode json;
        final byte[] bytes;
        final String name;
        final String version;
        final boolean carriesVersion;
        final List<String> excludes;
        final List<String> emptyFolders;
        /** {@code <requireFromCode>}: its require is computed from its code. */
        final boolean requireFromCode;

        FoundPackage(SourceScan scan, TagRef tag, String folder, ObjectId tree, ObjectNode json, byte[] bytes, String name, String version,
                boolean carriesVersion, List<String> excludes, List<String> emptyFolders, boolean requireFromCode) {
            this.scan = scan;
            this.tag = tag;
            this.folder = folder;
            this.tree = tree;
            this.json = json;
            this.bytes = bytes;
            this.name = name;
            this.version = version;
            this.carriesVersion = carriesVersion;
            this.excludes = excludes;
            this.emptyFolders = emptyFolders;
            this.requireFromCode = requireFromCode;
        }
    }

    /** What a source holds: its selected tags in version order and the packages at each. */
    static final class SourceScan {
        final Source source;
        final int allTags;
        final List<TagRef> tags;
        final Map<TagRef, List<FoundPackage>> byTag = new LinkedHashMap<>();
        int versions;
        int reused;

        SourceScan(Source source, int allTags, List<TagRef> tags) {
            this.source = source;
            this.allTags = allTags;
            this.tags = tags;
        }
    }

    private SourceScan scan(SourceRepository s, Distribution distribution) throws IOException {
        Source source = s.source;
        int allTags = s.repository.getRefDatabase().getRefsByPrefix("refs/tags/").size();
        SourceScan scan = new SourceScan(source, allTags, selectTags(source, s.repository, log));
        boolean cached = planCache != null && PlanCache.applies(source);
        String key = cached ? PlanCache.key(source, scan.tags) : null;
        Map<String, List<PlanCache.Entry>> known = cached ? planCache.load(key) : null;
        Map<String, List<PlanCache.Entry>> found = new LinkedHashMap<>();
        try (ObjectReader reader = s.repository.newObjectReader()) {
            for (TagRef tag : scan.tags) {
                List<PlanCache.Entry> entries = known == null ? null : known.get(tag.name());
                if (entries != null) {
                    scan.byTag.put(tag, packagesAt(scan, reader, tag, entries));
                } else {
                    entries = new ArrayList<>();
                    scan.byTag.put(tag, packagesAt(scan, reader, tag, distribution, entries));
                }
                found.put(tag.name(), entries);
            }
        }
        if (cached && known == null) {
            planCache.store(key, found);
        }
        if (known != null) {
            log.debug(source.getName() + ": package folders of " + known.size() + " tags from the plan cache");
        }
        return scan;
    }

    /** The packages at a tag from the plan cache's entries: no tree is walked. */
    private List<FoundPackage> packagesAt(SourceScan scan, ObjectReader reader, TagRef tag, List<PlanCache.Entry> entries) throws IOException {
        List<PackageRule> rules = scan.source.getPackages();
        List<FoundPackage> found = new ArrayList<>();
        for (PlanCache.Entry e : entries) {
            PackageRule rule = e.rule < 0 ? null : rules.get(e.rule);
            FoundPackage p = fromBlob(scan, reader, tag, e.folder, e.tree, rule, e.blob);
            if (rule != null && rule.isBase()) {
                p = withOthersExcluded(p, found);
            }
            found.add(p);
        }
        return found;
    }

    /** The base package: its folder minus every other package's folder. */
    private static FoundPackage withOthersExcluded(FoundPackage p, List<FoundPackage> others) {
        List<String> excludes = new ArrayList<>();
        others.forEach(o -> excludes.add("/" + o.folder));
        excludes.addAll(p.excludes);
        return new FoundPackage(p.scan, p.tag, "", p.tree, p.json, p.bytes, p.name, p.version, p.carriesVersion, excludes, p.emptyFolders,
                p.requireFromCode);
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

    private void planRelease(ReleasePlan release, Distribution distribution, Map<String, String> renamed, Map<String, SourceScan> scans,
            Map<String, PlannedVersion> byKey, LatestReleases latest) {
        Release config = release.config;
        // upstream name -> the package in this release, the first source listed wins
        Map<String, FoundPackage> content = new LinkedHashMap<>();
        Map<String, String> finalVersions = new LinkedHashMap<>();
        Map<String, String> exact = new TreeMap<>();
        Set<String> overridden = new HashSet<>();
        Instant newest = null;
        for (Map.Entry<String, TagRef> e : release.tags.entrySet()) {
            TagRef tag = e.getValue();
            newest = newest == null || tag.time().isAfter(newest) ? tag.time() : newest;
            for (FoundPackage f : scans.get(e.getKey()).byTag.get(tag)) {
                FoundPackage first = content.putIfAbsent(f.name, f);
                if (first != null) {
                    if (first.version.equals(f.version) && !first.tree.equals(f.tree)) {
                        throw twoSources(f.name + " " + f.version, origin(first), origin(f));
                    }
                    log.warn("release " + release.version + ": " + f.name + " is in source '" + first.scan.source.getName() + "' and in source '"
                            + f.scan.source.getName() + "'; the first one wins");
                    continue;
                }
                String version = config == null ? f.version : ReleasePlan.versionOverride(config, f.name, f.version);
                finalVersions.put(f.name, version);
                latest.upstream.put(f.name, f.version);
                latest.published.put(f.name, version);
                exact.put(renamed.getOrDefault(f.name, f.name), version);
                if (!version.equals(f.version)) {
                    overridden.add(renamed.getOrDefault(f.name, f.name));
                }
            }
        }
        List<GeneratedPackage> generated = new ArrayList<>();
        for (GeneratedPackage g : distribution.getGeneratedPackages()) {
            if (g.sourceNames().isEmpty() || release.tags.containsKey(g.sourceNames().get(0))) {
                generated.add(g);
                exact.put(g.getName(), release.version);
                latest.generated.put(g.getName(), release.version);
            }
        }
        Siblings siblings = new Siblings(content.values(), renamed, finalVersions::get, distribution);
        for (FoundPackage f : content.values()) {
            String version = finalVersions.get(f.name);
            String name = renamed.getOrDefault(f.name, f.name);
            String normalized = normalize(() -> "release " + release.version + ", " + origin(f), version);
            PlannedVersion existing = byKey.get(key(name, normalized));
            if (existing != null) {
                // a later tag of the same source keeping the version is usual (the earliest wins); another source with other files is not
                if (existing.source() != null && existing.tree() != null && existing.source() != f.scan.source && !existing.tree().equals(f.tree)) {
                    throw twoSources(name + " " + version, existing.origin(), origin(f));
                }
                f.scan.reused++;
                warnStalePins(release.version, existing, exact);
                continue;
            }
            List<ComposerPatch> patches = new ArrayList<>();
            Map<String, byte[]> files = new TreeMap<>();
            if (config != null) {
                for (ComposerPatch p : config.getPatches()) {
                    if (p.getPackage().equals(f.name) || p.getPackage().equals(name)) {
                        patches.add(p);
                    }
                }
                for (Release.FileReplacement r : config.getFiles()) {
                    if (r.getPackage().equals(f.name) || r.getPackage().equals(name)) {
                        files.put(r.getPath(), readProjectFile(distribution, r.getFrom(), "<releases><release version=" + release.version
                                + "><files><file package=" + r.getPackage() + "><from>"));
                    }
                }
            }
            ObjectNode json = renamed.isEmpty() ? f.json : ComposerJsonEdits.rename(f.json, renamed, f.version);
            if (f.requireFromCode) {
                json = requireFromCode(f, json, files, siblings, "release " + release.version);
            }
            json = ComposerJsonEdits.pin(json, exact, overridden);
            json = ComposerJsonEdits.patch(json, patches);
            if (f.requireFromCode) {
                json = CodeRequirements.sorted(json);
            }
            if (!f.carriesVersion || !version.equals(f.version)) {
                json = withVersion(json, version);
            }
            byte[] bytes = json.equals(f.json) ? f.bytes : Json.pretty(json);
            // the parse is shared by every tag with this composer.json blob: each planned version owns a copy
            PlannedVersion planned = new PlannedVersion(f.scan.source, f.tag, f.folder, f.tree, name, version, normalized, json, bytes)
                    .inRelease(release.version).withContent(f.excludes, f.emptyFolders, files).withOwnComposerJson();
            byKey.put(key(name, normalized), planned);
            f.scan.versions++;
        }
        for (GeneratedPackage g : generated) {
            String normalized = VersionParser.normalize(release.version);
            if (byKey.containsKey(key(g.getName(), normalized))) {
                continue;
            }
            ObjectNode json = GeneratedPackages.composerJson(g, release.version, content, finalVersions, renamed, distribution.getRepositoryUrl(),
                    bare -> release.version);
            byKey.put(key(g.getName(), normalized), new PlannedVersion(null, null, "", null, g.getName(), release.version, normalized, json,
                    Json.pretty(json)).inRelease(release.version).at(newest));
        }
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
    private void planNightlies(List<SourceRepository> sources, Distribution distribution, Map<String, String> renamed,
            Map<String, SourceScan> scans, Map<String, PlannedVersion> byKey, LatestReleases latest) throws IOException {
        Map<String, List<FoundPackage>> byBranch = new TreeMap<>();
        for (SourceRepository s : sources) {
            if (s.source.getBranches().isEmpty()) {
                continue;
            }
            SourceScan scan = scans.get(s.source.getName());
            List<Ref> heads = new ArrayList<>(s.repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS));
            heads.sort(Comparator.comparing(Ref::getName));
            try (ObjectReader reader = s.repository.newObjectReader(); RevWalk walk = new RevWalk(s.repository)) {
                for (Ref ref : heads) {
                    String branch = ref.getName().substring(Constants.R_HEADS.length());
                    if (BranchPattern.anyMatches(s.source.getBranches(), branch)) {
                        TagRef head = TagRef.branch(branch, walk.parseCommit(ref.getObjectId()));
                        byBranch.computeIfAbsent(branch, b -> new ArrayList<>()).addAll(packagesAt(scan, reader, head, distribution, new ArrayList<>()));
                    }
                }
            }
        }
        // packages only branches have (never released) are renamed too
        byBranch.values().forEach(found -> addRenames(distribution.getVendorRenames(), found, renamed));
        // key -> the branch whose nightly it is
        Map<String, String> nightlyKeys = new HashMap<>();
        for (Map.Entry<String, List<FoundPackage>> branch : byBranch.entrySet()) {
            Map<String, FoundPackage> content = new LinkedHashMap<>();
            Map<String, String> exact = new TreeMap<>();
            Map<String, String> nightlyVersions = new LinkedHashMap<>();
            Instant newest = null;
            for (FoundPackage f : branch.getValue()) {
                FoundPackage first = content.putIfAbsent(f.name, f);
                if (first != null) {
                    log.warn("branch " + branch.getKey() + ": " + f.name + " is in source '" + first.scan.source.getName() + "' and in source '"
                            + f.scan.source.getName() + "'; the first one wins");
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
            Siblings siblings = new Siblings(content.values(), renamed, upstream -> exact.get(renamed.getOrDefault(upstream, upstream)),
                    distribution);
            for (FoundPackage f : content.values()) {
                String name = renamed.getOrDefault(f.name, f.name);
                String version = exact.get(name);
                String normalized = normalize(() -> origin(f), version);
                String key = key(name, normalized);
                checkNotPlanned(byKey, nightlyKeys, key, origin(f) + ": the nightly version " + name + " " + version);
                // a renamed package replaces its upstream name at the upstream package's nightly version
                ObjectNode json = renamed.isEmpty() ? f.json
                        : ComposerJsonEdits.rename(f.json, renamed, nightlyVersion(distribution, branch.getKey(), latest.upstream.get(f.name)));
                if (f.requireFromCode) {
                    json = CodeRequirements.sorted(requireFromCode(f, json, Map.of(), siblings, "branch " + branch.getKey()));
                }
                json = withVersion(ComposerJsonEdits.pin(json, exact, exact.keySet()), version);
                PlannedVersion planned = new PlannedVersion(f.scan.source, f.tag, f.folder, f.tree, name, version, normalized, json,
                        Json.pretty(json)).inRelease(version).withContent(f.excludes, f.emptyFolders, Map.of()).withOwnComposerJson()
                        .fromBranch(branch.getKey());
                byKey.put(key, planned);
                nightlyKeys.put(key, branch.getKey());
            }
            for (GeneratedPackage g : generated) {
                String version = exact.get(g.getName());
                String normalized = normalized(version);
                String key = key(g.getName(), normalized);
                checkNotPlanned(byKey, nightlyKeys, key, "<generatedPackages><generatedPackage name=" + g.getName() + ">, branch '" + branch.getKey()
                        + "': the nightly version " + g.getName() + " " + version);
                ObjectNode json = GeneratedPackages.composerJson(g, version, content, nightlyVersions, renamed, distribution.getRepositoryUrl(),
                        bare -> exact.getOrDefault(bare, version));
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

    /**
     * The packages of one release or night, as {@code <requireFromCode>} maps names to them: read (their autoload
     * files) only when a package of that release or night needs them.
     */
    private final class Siblings {
        private final java.util.Collection<FoundPackage> content;
        private final Map<String, String> renamed;
        private final java.util.function.Function<String, String> versionOf;
        private final Distribution distribution;
        private CodeRequirements requirements;

        Siblings(java.util.Collection<FoundPackage> content, Map<String, String> renamed, java.util.function.Function<String, String> versionOf,
                Distribution distribution) {
            this.content = content;
            this.renamed = renamed;
            this.versionOf = versionOf;
            this.distribution = distribution;
        }

        CodeRequirements requirements() throws IOException {
            if (requirements == null) {
                List<CodeRequirements.Sibling> siblings = new ArrayList<>();
                for (FoundPackage f : content) {
                    try (ObjectReader reader = repositories.get(f.scan.source.getName()).newObjectReader()) {
                        siblings.add(new CodeRequirements.Sibling(renamed.getOrDefault(f.name, f.name), versionOf.apply(f.name), f.json,
                                code.autoloadFiles(reader, f.tree, f.json)));
                    }
                }
                requirements = new CodeRequirements(siblings, distribution.getNamespaces());
            }
            return requirements;
        }
    }

    /** {@code <requireFromCode>}: the package's composer.json with the require its code needs (see {@link CodeRequirements}). */
    private ObjectNode requireFromCode(FoundPackage f, ObjectNode json, Map<String, byte[]> replaced, Siblings siblings, String in) {
        try (ObjectReader reader = repositories.get(f.scan.source.getName()).newObjectReader()) {
            Map<String, PhpReferences> files = code.files(reader, f.tree, json, f.excludes, replaced,
                    message -> log.warn(origin(f).replace("composer.json", "") + ": " + message));
            CodeRequirements.Result result = siblings.requirements().compute(json, files, in + ", " + origin(f));
            result.problems.forEach(problem -> log.warn(in + ", " + origin(f) + ", " + problem + " (what could be read was used)"));
            log.info(in + ": " + json.path("name").asText() + " requires what its code uses (" + result.files + " files): "
                    + (result.added.isEmpty() ? "nothing added" : "added " + String.join(", ", result.added)) + ", "
                    + (result.dropped.isEmpty() ? "nothing dropped" : "dropped " + String.join(", ", result.dropped)));
            return result.composerJson;
        } catch (IOException e) {
            throw new DistributionException(in + ", " + origin(f) + ": cannot read the code for <requireFromCode>: " + e.getMessage(), e);
        }
    }

    /**
     * A version built for an earlier release keeps that release's pins; when they exclude what this release
     * builds, the release cannot be installed as a whole: say so, and how to fix it.
     */
    private void warnStalePins(String release, PlannedVersion existing, Map<String, String> exact) {
        existing.composerJson().path("require").fields().forEachRemaining(link -> {
            String version = exact.get(link.getKey().toLowerCase(java.util.Locale.ROOT));
            if (version == null || !link.getValue().isTextual()) {
                return;
            }
            try {
                Constraint constraint = constraints.get(link.getValue().asText());
                if (constraint == null) {
                    constraint = VersionParser.parseConstraints(link.getValue().asText());
                    constraints.put(link.getValue().asText(), constraint);
                }
                if (!constraint.matches(normalized(version))) {
                    log.warn("release " + release + ": " + existing.name() + " " + existing.version() + " (built for release " + existing.release()
                            + ") requires " + link.getKey() + " " + link.getValue().asText() + ", but this release has " + version
                            + "; give it a version of its own for this release (<versionOverrides>)");
                }
            } catch (InvalidVersionException e) {
                // not a constraint we can judge; Composer will tell
            }
        });
    }

    /** Versions normalized so far in this plan: most are met at many tags and in many releases. */
    private final Map<String, String> normalizedVersions = new HashMap<>();

    private String normalize(Supplier<String> where, String version) {
        try {
            return normalized(version);
        } catch (InvalidVersionException e) {
            throw new DistributionException(where.get() + ": \"version\": \"" + version + "\" is not a Composer version: " + e.getMessage());
        }
    }

    private String normalized(String version) {
        String normalized = normalizedVersions.get(version);
        if (normalized == null) {
            normalized = VersionParser.normalize(version);
            normalizedVersions.put(version, normalized);
        }
        return normalized;
    }

    /** One name and version from two sources with other files: which one a user would get would depend on the order of {@code <source>}. */
    private static DistributionException twoSources(String version, String first, String second) {
        return new DistributionException(version + " comes from two sources with other files: " + first + " and " + second
                + "; keep it in one of them (narrow the other's <packages> or <tags>)");
    }

    private static String origin(FoundPackage f) {
        return "source '" + f.scan.source.getName() + "', " + f.tag.describe() + ", path '" + (f.folder.isEmpty() ? "" : f.folder + "/")
                + "composer.json'";
    }

    static byte[] readProjectFile(Distribution distribution, String file, String at) {
        try {
            return Files.readAllBytes(distribution.getProjectDir().resolve(file));
        } catch (IOException e) {
            throw new DistributionException(at + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The source's tags that are versions, match its {@code <tags>} constraint and tag patterns, in ascending version order. */
    public static List<TagRef> selectTags(Source source, Repository repository, BuildLog log) throws IOException {
        Constraint constraint = source.getTags() == null ? Constraint.MATCH_ALL : VersionParser.parseConstraints(source.getTags());
        List<Ref> refs = new ArrayList<>(repository.getRefDatabase().getRefsByPrefix("refs/tags/"));
        refs.sort(Comparator.comparing(Ref::getName));
        Map<String, TagRef> byNormalized = new LinkedHashMap<>();
        try (RevWalk walk = new RevWalk(repository)) {
            for (Ref ref : refs) {
                String tag = ref.getName().substring("refs/tags/".length());
                if (!VersionParser.isVersion(tag)) {
                    log.debug(source.getName() + ": tag " + tag + " is not a version; skipped");
                    continue;
                }
                if (!source.selectsTagName(tag)) {
                    continue;
                }
                String normalized = VersionParser.normalize(tag);
                if (!constraint.matches(normalized)) {
                    continue;
                }
                if (byNormalized.containsKey(normalized)) {
                    log.warn(source.getName() + ": tag " + tag + " is the same version as tag " + byNormalized.get(normalized).name()
                            + "; the first one wins");
                    continue;
                }
                RevCommit commit;
                try {
                    commit = walk.parseCommit(ref.getObjectId());
                } catch (IncorrectObjectTypeException e) {
                    log.warn(source.getName() + ": tag " + tag + " does not point to a commit; skipped");
                    continue;
                }
                byNormalized.put(normalized, new TagRef(tag, commit));
            }
        }
        List<Map.Entry<String, TagRef>> entries = new ArrayList<>(byNormalized.entrySet());
        entries.sort((a, b) -> VersionComparator.ASCENDING.compare(a.getKey(), b.getKey()));
        List<TagRef> tags = new ArrayList<>();
        for (Map.Entry<String, TagRef> e : entries) {
            tags.add(e.getValue());
        }
        return tags;
    }

    /** The packages at a tag: the folders of every rule, then the base package, which is what the others leave. */
    private List<FoundPackage> packagesAt(SourceScan scan, ObjectReader reader, TagRef tag, Distribution distribution,
            List<PlanCache.Entry> record) throws IOException {
        Source source = scan.source;
        ObjectId root = tag.commit().getTree();
        List<FoundPackage> found = new ArrayList<>();
        if (source.getPackages().isEmpty()) {
            FoundPackage p = readPackage(scan, reader, tag, "", root, null, distribution);
            if (p != null) {
                found.add(p);
                record.add(entry(p, -1));
            }
            return found;
        }
        Map<String, FolderGlob.Folder> seen = new LinkedHashMap<>();
        Map<String, PackageRule> ruleOf = new HashMap<>();
        PackageRule base = null;
        for (PackageRule rule : source.getPackages()) {
            if (rule.isBase()) {
                base = rule;
                continue;
            }
            for (FolderGlob.Folder f : new FolderGlob(rule.getPath()).match(reader, root)) {
                if (seen.putIfAbsent(f.path, f) == null) {
                    ruleOf.put(f.path, rule);
                }
            }
        }
        for (FolderGlob.Folder folder : seen.values()) {
            PackageRule rule = ruleOf.get(folder.path);
            FoundPackage p = readPackage(scan, reader, tag, folder.path, folder.tree, rule, distribution);
            if (p != null) {
                found.add(p);
                record.add(entry(p, source.getPackages().indexOf(rule)));
            }
        }
        if (base != null) {
            FoundPackage p = readPackage(scan, reader, tag, "", root, base, distribution);
            if (p != null) {
                record.add(entry(p, source.getPackages().indexOf(base)));
                found.add(withOthersExcluded(p, found));
            }
        }
        return found;
    }

    /** A package found by walking trees, as the plan cache keeps it; only for composer.json files read from git. */
    private PlanCache.Entry entry(FoundPackage p, int rule) {
        return new PlanCache.Entry(p.folder, p.tree.copy(), composerJsonBlobByTree.get(p.tree), rule);
    }

    private FoundPackage readPackage(SourceScan scan, ObjectReader reader, TagRef tag, String folder, ObjectId tree, PackageRule rule,
            Distribution distribution) throws IOException {
        Source source = scan.source;
        if (rule != null && rule.getComposerJson() != null) {
            Path file = distribution.getProjectDir().resolve(rule.getComposerJson());
            Path perTag = file.resolveSibling(tag.name()).resolve(file.getFileName());
            Path chosen = Files.isRegularFile(perTag) ? perTag : file;
            Supplier<String> where = () -> "source '" + source.getName() + "', " + tag.describe() + ", composer.json '" + chosen
                    + "' of the project";
            ParsedComposerJson parsed = ParsedComposerJson.parse(readProjectFile(distribution, chosen.toString(),
                    "<packages><package " + rule.describe() + "><composerJson>"));
            return found(scan, tag, folder, tree, rule, parsed, where);
        }
        ObjectId blob = composerJsonBlob(reader, tree);
        if (blob.equals(ObjectId.zeroId())) {
            if (folder.isEmpty()) {
                log.info(source.getName() + ": " + (tag.isBranch() ? "branch " : "tag ") + tag.name() + " has no composer.json; not a version");
            }
            return null;
        }
        return fromBlob(scan, reader, tag, folder, tree, rule, blob);
    }

    /** A package whose composer.json is a git blob, read and parsed once per plan. */
    private FoundPackage fromBlob(SourceScan scan, ObjectReader reader, TagRef tag, String folder, ObjectId tree, PackageRule rule,
            ObjectId blob) throws IOException {
        Supplier<String> where = () -> "source '" + scan.source.getName() + "', " + tag.describe() + ", path '"
                + (folder.isEmpty() ? "" : folder + "/") + "composer.json'";
        ParsedComposerJson parsed = composerJsonByBlob.get(blob);
        if (parsed == null) {
            parsed = ParsedComposerJson.parse(reader.open(blob).getBytes());
            composerJsonByBlob.put(blob.copy(), parsed);
        }
        return found(scan, tag, folder, tree, rule, parsed, where);
    }

    private FoundPackage found(SourceScan scan, TagRef tag, String folder, ObjectId tree, PackageRule rule, ParsedComposerJson parsed,
            Supplier<String> where) {
        if (parsed.error != null) {
            throw new DistributionException(where.get() + ": malformed composer.json: " + parsed.error);
        }
        byte[] bytes = parsed.bytes;
        ObjectNode json = parsed.json;
        JsonNode nameNode = json.get("name");
        if (nameNode == null || !nameNode.isTextual()) {
            throw new DistributionException(where.get() + ": composer.json has no \"name\"");
        }
        String name = nameNode.asText();
        if (!validNames.contains(name) && !PackageName.isValid(name)) {
            throw new DistributionException(where.get() + ": \"name\": \"" + name + "\" is not a valid package name (vendor/name, lower case)");
        }
        validNames.add(name);
        String links = LinkSections.problem(json);
        if (links != null) {
            throw new DistributionException(where.get() + ": " + links);
        }
        String version;
        JsonNode versionNode = json.get("version");
        boolean carriesVersion = versionNode != null;
        if (carriesVersion) {
            if (!versionNode.isTextual()) {
                throw new DistributionException(where.get() + ": \"version\" must be a string");
            }
            version = versionNode.asText();
        } else {
            // a branch head's own version is Composer's branch version (dev-develop): its name is none
            version = tag.isBranch() ? NightlyVersion.branch(tag.name()) : tag.name();
        }
        normalize(where, version);
        List<String> excludes = new ArrayList<>();
        List<String> emptyFolders = new ArrayList<>();
        if (rule != null) {
            rule.getExcludes().forEach(x -> excludes.add("/" + x.replaceFirst("^/", "")));
            emptyFolders.addAll(rule.getEmptyFolders());
        }
        return new FoundPackage(scan, tag, folder, tree, json, bytes, name, version, carriesVersion, excludes, emptyFolders,
                rule != null && rule.isRequireFromCode());
    }

    /** The composer.json blob of a package folder's tree, or the zero id when it has none. */
    private ObjectId composerJsonBlob(ObjectReader reader, ObjectId folderTree) throws IOException {
        ObjectId blob = composerJsonBlobByTree.get(folderTree);
        if (blob == null) {
            try (TreeWalk walk = TreeWalk.forPath(reader, "composer.json", folderTree)) {
                blob = walk == null ? ObjectId.zeroId() : walk.getObjectId(0).copy();
            }
            composerJsonBlobByTree.put(folderTree.copy(), blob);
        }
        return blob;
    }

    /** A copy of composer.json with {@code version} placed after {@code name} (and {@code description}), replacing any other. */
    static ObjectNode withVersion(ObjectNode json, String version) {
        ObjectNode copy = Json.MAPPER.createObjectNode();
        boolean placed = false;
        boolean hasDescription = json.has("description");
        Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("version")) {
                continue;
            }
            copy.set(field.getKey(), field.getValue());
            if (!placed && field.getKey().equals(hasDescription ? "description" : "name")) {
                copy.set("version", TextNode.valueOf(version));
                placed = true;
            }
        }
        if (!placed) {
            copy.set("version", TextNode.valueOf(version));
        }
        return copy;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
