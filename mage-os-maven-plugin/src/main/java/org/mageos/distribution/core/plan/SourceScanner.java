package org.mageos.distribution.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.composer.ComposerJsonReader;
import org.mageos.distribution.core.composer.PackageValidator;
import org.mageos.distribution.core.composer.VcsTag;
import org.mageos.distribution.core.composer.LinkSections;
import org.mageos.distribution.core.config.ConfigFingerprint;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.config.SourceRef;
import org.mageos.distribution.core.git.TagRef;
import org.mageos.distribution.core.published.PlanRecord;
import org.mageos.distribution.core.published.PublishedRepository;
import org.mageos.distribution.core.version.Constraint;
import org.mageos.distribution.core.version.NightlyVersion;
import org.mageos.distribution.core.version.VersionComparator;
import org.mageos.distribution.core.version.VersionParser;

/**
 * Reads what the sources hold, from git objects only: the selected tags of each source in Composer's version
 * order, and the package folders at each tag (or branch head) with their composer.json. Most modules keep the same
 * folder tree and composer.json across many tags: each tree is searched for its composer.json once, and each
 * composer.json blob is read and parsed once, per plan. A composer.json is read as Composer's VcsRepository reads
 * it: one it cannot read a version from is skipped with a warning ({@link #skipped()}), or fails the build under
 * {@code <strict>}.
 */
final class SourceScanner {

    private final DistributionLog log;
    private final PlanCache planCache;
    private final VersionCache versions;
    private final Map<ObjectId, ObjectId> composerJsonBlobByTree = new HashMap<>();
    private final Map<ObjectId, ParsedComposerJson> composerJsonByBlob = new HashMap<>();
    /** {@code <strict>}: a version Composer would skip fails the build instead. */
    private final boolean strict;
    /** One line per version skipped as Composer skips it, for the build's summary. */
    private final List<String> skipped = new ArrayList<>();
    /** The same lines by source name and tag name ({@code source + "\n" + tag}), for the published record. */
    private final Map<String, List<String>> skippedByTag = new HashMap<>();
    /** What is published: its record of planned tags spares their tree walks; NONE for nothing. */
    private PublishedRepository published = PublishedRepository.NONE;

    SourceScanner(DistributionLog log, PlanCache planCache, VersionCache versions, boolean strict) {
        this.log = log;
        this.planCache = planCache;
        this.versions = versions;
        this.strict = strict;
    }

    SourceScanner withPublished(PublishedRepository repository) {
        this.published = repository;
        return this;
    }

    /** The skipped lines of one tag of a source. */
    List<String> skipped(String source, String tag) {
        return skippedByTag.getOrDefault(source + "\n" + tag, List.of());
    }

    /** One line (source, tag, path, reason) per version skipped as Composer skips it, so far. */
    List<String> skipped() {
        return skipped;
    }

    /** A composer.json as read from git or the project: its bytes and their parse, or the parser's message. */
    private static final class ParsedComposerJson {
        final byte[] bytes;
        final ObjectNode json;
        final String error;
        /** the loader's verdict per name given (null: loads) */
        final Map<String, String> validations = new HashMap<>();

        ParsedComposerJson(byte[] bytes, ObjectNode json, String error) {
            this.bytes = bytes;
            this.json = json;
            this.error = error;
        }

        /** As Composer reads it from git (PHP's json_decode); neither json nor error: Composer sees no composer.json. */
        static ParsedComposerJson parse(byte[] bytes) {
            ComposerJsonReader.Result read = ComposerJsonReader.read(bytes);
            return new ParsedComposerJson(bytes, read.json, read.error);
        }
    }

    SourceScan scan(PackagePlanner.SourceRepository s, Distribution distribution) throws IOException {
        Source source = s.source();
        SourceScan scan = selected(s, distribution);
        boolean cached = planCache != null && PlanCache.applies(source);
        String key = cached ? PlanCache.key(source, scan.tags) : null;
        Map<String, List<PlanCache.Entry>> known = cached ? planCache.load(key) : null;
        walk(scan, s.repository(), distribution, known, cached && known == null ? key : null);
        if (source.getPackages().isEmpty()) {
            keepReadableTags(scan);
        }
        if (known != null) {
            log.debug(source.getName() + ": package folders of " + known.size() + " tags from the plan cache");
        }
        return scan;
    }

    /**
     * Walks the trees of a source's selected tags and stores what they hold in the plan cache, as {@link #scan} does,
     * under the same key, unless the cache has it already; for a source whose composer.json comes from git only.
     *
     * @return whether trees were walked and stored
     */
    boolean warm(PackagePlanner.SourceRepository s, Distribution distribution) throws IOException {
        if (planCache == null || !PlanCache.applies(s.source())) {
            return false;
        }
        SourceScan scan = selected(s, distribution);
        String key = PlanCache.key(s.source(), scan.tags);
        if (planCache.load(key) != null) {
            return false;
        }
        walk(scan, s.repository(), distribution, null, key);
        return true;
    }

    /** A source's selected tags (its {@code <refs>} among them, the tags the published record has planned left out). */
    private SourceScan selected(PackagePlanner.SourceRepository s, Distribution distribution) throws IOException {
        Source source = s.source();
        int allTags = s.repository().getRefDatabase().getRefsByPrefix("refs/tags/").size();
        boolean single = source.getPackages().isEmpty();
        SourceScan scan = new SourceScan(source, allTags, withRefs(source, s.repository(), selectTags(source, s.repository(), log, single)));
        if (single) {
            scan.rootName = RootPackageName.read(s.repository(), source, log);
        }
        leaveOutPublishedTags(scan, distribution);
        return scan;
    }

    /**
     * The packages at each selected tag: from the plan cache's entries ({@code known}) or by walking the trees.
     *
     * @param storeKey where what the walks found is stored in the plan cache; null to store nothing
     */
    private void walk(SourceScan scan, Repository repository, Distribution distribution, Map<String, List<PlanCache.Entry>> known,
            String storeKey) throws IOException {
        Map<String, List<PlanCache.Entry>> found = new LinkedHashMap<>();
        try (ObjectReader reader = repository.newObjectReader()) {
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
        if (storeKey != null) {
            planCache.store(storeKey, found);
        }
    }

    /**
     * Leaves out the tags the published repository's record says were planned at the same commit under the same
     * rules and whose versions it all lists ({@link PublishedRepository#plannedTags}): their trees are not read, their
     * versions reach the index from the published repository. A tag a declared release names stays.
     */
    private void leaveOutPublishedTags(SourceScan scan, Distribution distribution) {
        if (!PackagePlanner.recordable(distribution, scan.source)) {
            return;
        }
        Map<String, String> planned = published.plannedTags(scan.source.getName(), ConfigFingerprint.tagRules(distribution, scan.source));
        if (planned.isEmpty()) {
            return;
        }
        Set<String> named = PackagePlanner.namedByReleases(distribution, scan.source, scan.tags, versions);
        int before = scan.tags.size();
        scan.tags.removeIf(tag -> !named.contains(tag.name()) && tag.commit().name().equals(planned.get(tag.name())));
        scan.fromRecord = before - scan.tags.size();
        if (scan.fromRecord > 0) {
            log.info(scan.source.getName() + ": " + scan.fromRecord + " tags planned by an earlier build, all of whose versions are published"
                    + " (" + PlanRecord.FILE + "): not read again");
        }
    }

    /**
     * A single-package source keeps the tags Composer's VcsRepository reads a version from; of tags with the same
     * version the first by name wins (git's ref order), among those only.
     */
    private void keepReadableTags(SourceScan scan) {
        List<TagRef> sorted = new ArrayList<>(scan.tags);
        sorted.sort(Comparator.comparing(TagRef::name));
        Map<String, TagRef> byNormalized = new HashMap<>();
        for (TagRef tag : sorted) {
            List<FoundPackage> found = scan.byTag.get(tag);
            if (found.isEmpty()) {
                continue;
            }
            TagRef first = byNormalized.putIfAbsent(versions.normalized(found.get(0).version), tag);
            if (first != null) {
                log.warn(scan.source.getName() + ": tag " + tag.name() + " is the same version as tag " + first.name() + "; the first one wins");
            }
        }
        List<TagRef> kept = new ArrayList<>();
        for (TagRef tag : scan.tags) {
            if (!scan.byTag.get(tag).isEmpty() && byNormalized.get(versions.normalized(scan.byTag.get(tag).get(0).version)) == tag) {
                kept.add(tag);
            } else {
                scan.byTag.remove(tag);
            }
        }
        scan.tags.clear();
        scan.tags.addAll(kept);
    }

    /**
     * The {@code <refs>} of a source among its selected tags, each named as the version it is released as, in version
     * order. The POM says which commit is that release: a tag of the same version (one upstream made later) is left out.
     */
    private List<TagRef> withRefs(Source source, Repository repository, List<TagRef> tags) throws IOException {
        if (source.getRefs().isEmpty()) {
            return tags;
        }
        List<TagRef> all = new ArrayList<>(tags);
        try (RevWalk walk = new RevWalk(repository)) {
            for (SourceRef ref : source.getRefs()) {
                String version = ref.getVersion().trim();
                RevCommit commit;
                try {
                    commit = walk.parseCommit(ObjectId.fromString(ref.getCommit().trim()));
                } catch (org.eclipse.jgit.errors.MissingObjectException e) {
                    throw new DistributionException("source '" + source.getName() + "': <refs><ref version=" + version + ">: commit "
                            + ref.getCommit().trim() + " is not in the cache; run mage-os:fetch (without -o), or check the commit id");
                }
                String normalized = versions.normalized(version);
                all.removeIf(tag -> {
                    if (!versions.normalized(VersionParser.tagVersion(tag.name())).equals(normalized)) {
                        return false;
                    }
                    log.info(source.getName() + ": tag '" + tag.name() + "' (commit " + tag.commit().abbreviate(12).name() + ") is left out:"
                            + " <refs> releases commit " + commit.abbreviate(12).name() + " as " + version);
                    return true;
                });
                log.info(source.getName() + ": commit " + commit.abbreviate(12).name() + " released as " + version + " (<refs>)"
                        + (ref.getReason() == null ? "" : ": " + ref.getReason().trim()));
                all.add(new TagRef(version, commit));
            }
        }
        // stable: tags of the same version (a single-package source keeps them all for now) stay in name order
        all.sort((a, b) -> VersionComparator.ASCENDING.compare(versions.normalized(VersionParser.tagVersion(a.name())),
                versions.normalized(VersionParser.tagVersion(b.name()))));
        return all;
    }

    /** The packages at a tag from the plan cache's entries: no tree is walked. */
    private List<FoundPackage> packagesAt(SourceScan scan, ObjectReader reader, TagRef tag, List<PlanCache.Entry> entries) throws IOException {
        List<PackageRule> rules = scan.source.getPackages();
        List<FoundPackage> found = new ArrayList<>();
        for (PlanCache.Entry e : entries) {
            PackageRule rule = e.rule < 0 ? null : rules.get(e.rule);
            FoundPackage p = fromBlob(scan, reader, tag, e.folder, e.tree, rule, e.blob);
            if (p == null || p.isSkipped()) {
                continue;
            }
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

    static byte[] readProjectFile(Distribution distribution, String file, String at) {
        try {
            return Files.readAllBytes(distribution.getProjectDir().resolve(file));
        } catch (IOException e) {
            throw new DistributionException(at + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The source's tags that are versions, match its {@code <tags>} constraint and tag patterns, in ascending version order. */
    static List<TagRef> selectTags(Source source, Repository repository, DistributionLog log) throws IOException {
        return selectTags(source, repository, log, false);
    }

    /**
     * @param sameVersions keep tags of the same version (a single-package source: the first of them whose
     *                     composer.json Composer reads wins, see {@link #keepReadableTags})
     */
    static List<TagRef> selectTags(Source source, Repository repository, DistributionLog log, boolean sameVersions) throws IOException {
        Constraint constraint = source.getTags() == null ? Constraint.MATCH_ALL : VersionParser.parseConstraints(source.getTags());
        List<Ref> refs = new ArrayList<>(repository.getRefDatabase().getRefsByPrefix("refs/tags/"));
        refs.sort(Comparator.comparing(Ref::getName));
        Map<String, TagRef> byNormalized = new LinkedHashMap<>();
        try (RevWalk walk = new RevWalk(repository)) {
            for (Ref ref : refs) {
                String tag = ref.getName().substring("refs/tags/".length());
                if (!VersionParser.isVersion(VersionParser.tagVersion(tag))) {
                    log.debug(source.getName() + ": tag " + tag + " is not a version; skipped");
                    continue;
                }
                if (!source.selectsTagName(tag)) {
                    continue;
                }
                String normalized = VersionParser.normalize(VersionParser.tagVersion(tag));
                if (!constraint.matches(normalized)) {
                    continue;
                }
                if (sameVersions) {
                    normalized += "#" + tag;
                } else if (byNormalized.containsKey(normalized)) {
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
        entries.sort((a, b) -> VersionComparator.ASCENDING.compare(a.getKey().replaceFirst("#.*", ""), b.getKey().replaceFirst("#.*", "")));
        List<TagRef> tags = new ArrayList<>();
        for (Map.Entry<String, TagRef> e : entries) {
            tags.add(e.getValue());
        }
        return tags;
    }

    /** The packages at a tag: the folders of every rule, then the base package, which is what the others leave. */
    List<FoundPackage> packagesAt(SourceScan scan, ObjectReader reader, TagRef tag, Distribution distribution,
            List<PlanCache.Entry> record) throws IOException {
        Source source = scan.source;
        ObjectId root = tag.commit().getTree();
        List<FoundPackage> found = new ArrayList<>();
        if (source.getPackages().isEmpty()) {
            FoundPackage p = readPackage(scan, reader, tag, "", root, null, distribution);
            if (p != null) {
                record.add(entry(p, -1));
                if (!p.isSkipped()) {
                    found.add(p);
                }
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
                record.add(entry(p, source.getPackages().indexOf(rule)));
                if (!p.isSkipped()) {
                    found.add(p);
                }
            }
        }
        if (base != null) {
            FoundPackage p = readPackage(scan, reader, tag, "", root, base, distribution);
            if (p != null) {
                record.add(entry(p, source.getPackages().indexOf(base)));
                if (!p.isSkipped()) {
                    found.add(withOthersExcluded(p, found));
                }
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

    /**
     * The package a composer.json describes, read as Composer's VcsRepository does (with the checks of Composer's
     * ValidatingArrayLoader): a composer.json it cannot read a version from (invalid JSON, an invalid package, at a
     * tag of a single-package source a {@code version} that is not the tag's) is skipped with one warning naming
     * source, tag, path and the reason; an empty one is no composer.json (null).
     */
    private FoundPackage found(SourceScan scan, TagRef tag, String folder, ObjectId tree, PackageRule rule, ParsedComposerJson parsed,
            Supplier<String> where) {
        if (parsed.json == null && parsed.error == null) {
            if (folder.isEmpty()) {
                log.info(scan.source.getName() + ": " + tag.describe() + " has an empty composer.json; not a version");
            }
            return null;
        }
        if (parsed.error != null) {
            return skip(scan, tag, folder, tree, where, "composer.json " + parsed.error);
        }
        ObjectNode json = parsed.json;
        boolean single = scan.source.getPackages().isEmpty();
        JsonNode nameNode = json.get("name");
        String ownName = nameNode != null && nameNode.isTextual() ? nameNode.textValue() : null;
        // VcsRepository gives every version of a repository the name its default branch's composer.json has
        String name = single && scan.rootName != null ? scan.rootName : ownName;
        if (nameNode != null && !nameNode.isNull() && !nameNode.isTextual() && (name == null || name.equals(ownName))) {
            return skip(scan, tag, folder, tree, where, "name : should be a string");
        }
        String validation = validation(parsed, name);
        if (validation != null) {
            return skip(scan, tag, folder, tree, where, validation);
        }
        String links = LinkSections.problem(json);
        if (links != null) {
            throw new DistributionException(where.get() + ": " + links);
        }
        String version;
        JsonNode versionNode = json.get("version");
        if (single && !tag.isBranch()) {
            VcsTag.Version read = VcsTag.of(tag.name(), versionNode);
            if (read.skipReason != null) {
                return skip(scan, tag, folder, tree, where, read.skipReason);
            }
            version = read.version;
        } else if (versionNode != null && !versionNode.isNull()) {
            if (!versionNode.isTextual()) {
                return skip(scan, tag, folder, tree, where, "\"version\" must be a string");
            }
            version = versionNode.asText();
            if (!VersionParser.isVersion(version)) {
                return skip(scan, tag, folder, tree, where, "\"version\": \"" + version + "\" is not a Composer version");
            }
        } else {
            // a branch head's own version is Composer's branch version (dev-develop): its name is none
            version = tag.isBranch() ? NightlyVersion.branch(tag.name()) : VersionParser.tagVersion(tag.name());
        }
        versions.normalize(where, version);
        boolean carriesVersion = versionNode != null && versionNode.isTextual() && versionNode.textValue().equals(version);
        List<String> excludes = new ArrayList<>();
        List<String> emptyFolders = new ArrayList<>();
        if (rule != null) {
            rule.getExcludes().forEach(x -> excludes.add("/" + x.replaceFirst("^/", "")));
            emptyFolders.addAll(rule.getEmptyFolders());
        }
        return new FoundPackage(scan, tag, folder, tree, json, parsed.bytes, name, version, carriesVersion, excludes, emptyFolders,
                rule != null && rule.isRequireFromCode());
    }

    /** The first errors Composer's loader finds in a composer.json under a name, or null; once per blob and name. */
    private static String validation(ParsedComposerJson parsed, String name) {
        String verdict = parsed.validations.computeIfAbsent(String.valueOf(name), n -> {
            List<String> errors = PackageValidator.errors(parsed.json, name);
            if (errors.isEmpty() && name != null && !name.contains("/")) {
                errors = List.of("name : " + name + " is a platform package's name");
            }
            if (errors.isEmpty()) {
                return "";
            }
            return "invalid package: " + String.join("; ", errors.subList(0, Math.min(3, errors.size())))
                    + (errors.size() > 3 ? "; and " + (errors.size() - 3) + " more" : "");
        });
        return verdict.isEmpty() ? null : verdict;
    }

    /** One warning line for a skipped version, or the build's failure under {@code <strict>}. */
    private FoundPackage skip(SourceScan scan, TagRef tag, String folder, ObjectId tree, Supplier<String> where, String reason) {
        String line = where.get() + ": skipped, " + reason;
        if (strict) {
            throw new DistributionException(line + " (<strict>: a version Composer skips fails the build)");
        }
        log.warn(line);
        skipped.add(line);
        skippedByTag.computeIfAbsent(scan.source.getName() + "\n" + tag.name(), k -> new ArrayList<>()).add(line);
        return FoundPackage.skipped(scan, tag, folder, tree);
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
}
