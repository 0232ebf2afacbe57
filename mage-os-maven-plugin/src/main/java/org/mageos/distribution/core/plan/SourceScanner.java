package org.mageos.distribution.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
import org.mageos.distribution.core.composer.LinkSections;
import org.mageos.distribution.core.composer.PackageName;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.config.SourceRef;
import org.mageos.distribution.core.git.TagRef;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.version.Constraint;
import org.mageos.distribution.core.version.NightlyVersion;
import org.mageos.distribution.core.version.VersionComparator;
import org.mageos.distribution.core.version.VersionParser;

/**
 * Reads what the sources hold, from git objects only: the selected tags of each source in Composer's version
 * order, and the package folders at each tag (or branch head) with their composer.json. Most modules keep the same
 * folder tree and composer.json across many tags: each tree is searched for its composer.json once, and each
 * composer.json blob is read and parsed once, per plan.
 */
final class SourceScanner {

    private final DistributionLog log;
    private final PlanCache planCache;
    private final VersionCache versions;
    private final Map<ObjectId, ObjectId> composerJsonBlobByTree = new HashMap<>();
    private final Map<ObjectId, ParsedComposerJson> composerJsonByBlob = new HashMap<>();
    private final Set<String> validNames = new HashSet<>();

    SourceScanner(DistributionLog log, PlanCache planCache, VersionCache versions) {
        this.log = log;
        this.planCache = planCache;
        this.versions = versions;
    }

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

    SourceScan scan(PackagePlanner.SourceRepository s, Distribution distribution) throws IOException {
        Source source = s.source();
        int allTags = s.repository().getRefDatabase().getRefsByPrefix("refs/tags/").size();
        SourceScan scan = new SourceScan(source, allTags, withRefs(source, s.repository(), selectTags(source, s.repository(), log)));
        boolean cached = planCache != null && PlanCache.applies(source);
        String key = cached ? PlanCache.key(source, scan.tags) : null;
        Map<String, List<PlanCache.Entry>> known = cached ? planCache.load(key) : null;
        Map<String, List<PlanCache.Entry>> found = new LinkedHashMap<>();
        try (ObjectReader reader = s.repository().newObjectReader()) {
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

    /**
     * The {@code <refs>} of a source among its selected tags, each named as the version it is released as, in version
     * order. The POM says which commit is that release: a tag of the same version (one upstream made later) is left out.
     */
    private List<TagRef> withRefs(Source source, Repository repository, List<TagRef> tags) throws IOException {
        if (source.getRefs().isEmpty()) {
            return tags;
        }
        Map<String, TagRef> byNormalized = new LinkedHashMap<>();
        tags.forEach(t -> byNormalized.put(versions.normalized(t.name()), t));
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
                TagRef tag = byNormalized.get(versions.normalized(version));
                if (tag != null) {
                    log.info(source.getName() + ": tag '" + tag.name() + "' (commit " + tag.commit().abbreviate(12).name() + ") is left out:"
                            + " <refs> releases commit " + commit.abbreviate(12).name() + " as " + version);
                }
                log.info(source.getName() + ": commit " + commit.abbreviate(12).name() + " released as " + version + " (<refs>)"
                        + (ref.getReason() == null ? "" : ": " + ref.getReason().trim()));
                byNormalized.put(versions.normalized(version), new TagRef(version, commit));
            }
        }
        List<Map.Entry<String, TagRef>> entries = new ArrayList<>(byNormalized.entrySet());
        entries.sort((a, b) -> VersionComparator.ASCENDING.compare(a.getKey(), b.getKey()));
        List<TagRef> all = new ArrayList<>();
        entries.forEach(e -> all.add(e.getValue()));
        return all;
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

    static byte[] readProjectFile(Distribution distribution, String file, String at) {
        try {
            return Files.readAllBytes(distribution.getProjectDir().resolve(file));
        } catch (IOException e) {
            throw new DistributionException(at + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The source's tags that are versions, match its {@code <tags>} constraint and tag patterns, in ascending version order. */
    static List<TagRef> selectTags(Source source, Repository repository, DistributionLog log) throws IOException {
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
    List<FoundPackage> packagesAt(SourceScan scan, ObjectReader reader, TagRef tag, Distribution distribution,
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
        versions.normalize(where, version);
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

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
