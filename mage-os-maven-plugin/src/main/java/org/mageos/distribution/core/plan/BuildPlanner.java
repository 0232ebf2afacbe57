package org.mageos.distribution.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
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
import org.mageos.distribution.core.composer.PackageName;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.TagRef;
import org.mageos.distribution.core.version.Constraint;
import org.mageos.distribution.core.version.InvalidVersionException;
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

    /** A composer.json as read from git: its bytes and their parse, or the parser's message. */
    private static final class ParsedComposerJson {
        final byte[] bytes;
        final ObjectNode json;
        final String error;

        ParsedComposerJson(byte[] bytes, ObjectNode json, String error) {
            this.bytes = bytes;
            this.json = json;
            this.error = error;
        }
    }

    public BuildPlanner(BuildLog log) {
        this.log = log;
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
        Map<String, PlannedVersion> byKey = new LinkedHashMap<>();
        Map<String, BuildPlan.SourceSummary> summaries = new LinkedHashMap<>();
        for (SourceRepository s : sources) {
            try {
                planSource(s, byKey, summaries);
            } catch (IOException e) {
                throw new DistributionException("source '" + s.source.getName() + "': cannot read the cached repository: "
                        + e.getMessage(), e);
            }
        }
        return new BuildPlan(new ArrayList<>(byKey.values()), summaries);
    }

    /** The source's tags that are versions and match its {@code <tags>} constraint, in ascending version order. */
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

    private void planSource(SourceRepository s, Map<String, PlannedVersion> byKey, Map<String, BuildPlan.SourceSummary> summaries)
            throws IOException {
        Source source = s.source;
        int allTags = s.repository.getRefDatabase().getRefsByPrefix("refs/tags/").size();
        List<TagRef> tags = selectTags(source, s.repository, log);
        int versions = 0;
        int reused = 0;
        try (ObjectReader reader = s.repository.newObjectReader()) {
            for (TagRef tag : tags) {
                for (FolderGlob.Folder folder : packageFolders(source, reader, tag)) {
                    PlannedVersion planned = readPackage(source, reader, tag, folder);
                    if (planned == null) {
                        continue;
                    }
                    String key = planned.name() + "@" + planned.versionNormalized();
                    PlannedVersion existing = byKey.get(key);
                    if (existing != null) {
                        if (existing.source() != source) {
                            log.warn(planned.name() + " " + planned.version() + " is built from source '" + existing.source().getName()
                                    + "' and also found in source '" + source.getName() + "' at tag " + tag.name() + "; the first one wins");
                        }
                        reused++;
                        continue;
                    }
                    // the parse is shared by every tag with this composer.json blob: each planned version owns a copy
                    byKey.put(key, planned.withOwnComposerJson());
                    versions++;
                }
            }
        }
        log.info(source.getName() + ": " + allTags + " tags in the cache, " + tags.size() + " selected, " + versions
                + " package versions, " + reused + " found again at later tags");
        summaries.put(source.getName(), new BuildPlan.SourceSummary(source.getName(), allTags, tags.size(), versions, reused));
    }

    private List<FolderGlob.Folder> packageFolders(Source source, ObjectReader reader, TagRef tag) throws IOException {
        ObjectId root = tag.commit().getTree();
        List<FolderGlob.Folder> folders = new ArrayList<>();
        if (source.getPackages().isEmpty()) {
            folders.add(new FolderGlob.Folder("", root));
            return folders;
        }
        Map<String, FolderGlob.Folder> seen = new LinkedHashMap<>();
        for (PackageRule rule : source.getPackages()) {
            for (FolderGlob.Folder f : new FolderGlob(rule.getPath()).match(reader, root)) {
                seen.putIfAbsent(f.path, f);
            }
        }
        folders.addAll(seen.values());
        return folders;
    }

    private PlannedVersion readPackage(Source source, ObjectReader reader, TagRef tag, FolderGlob.Folder folder) throws IOException {
        String where = "source '" + source.getName() + "', tag '" + tag.name() + "', path '"
                + (folder.path.isEmpty() ? "" : folder.path + "/") + "composer.json'";
        ObjectId blob = composerJsonBlob(reader, folder.tree);
        if (blob.equals(ObjectId.zeroId())) {
            if (folder.path.isEmpty()) {
                log.info(source.getName() + ": tag " + tag.name() + " has no composer.json; not a version");
            }
            return null;
        }
        ParsedComposerJson parsed = composerJsonByBlob.get(blob);
        if (parsed == null) {
            byte[] content = reader.open(blob).getBytes();
            try {
                parsed = new ParsedComposerJson(content, Json.parseObject(content), null);
            } catch (IOException e) {
                parsed = new ParsedComposerJson(content, null, firstLine(e.getMessage()));
            }
            composerJsonByBlob.put(blob, parsed);
        }
        if (parsed.error != null) {
            throw new DistributionException(where + ": malformed composer.json: " + parsed.error);
        }
        byte[] bytes = parsed.bytes;
        ObjectNode json = parsed.json;
        JsonNode nameNode = json.get("name");
        if (nameNode == null || !nameNode.isTextual()) {
            throw new DistributionException(where + ": composer.json has no \"name\"");
        }
        String name = nameNode.asText();
        if (!PackageName.isValid(name)) {
            throw new DistributionException(where + ": \"name\": \"" + name + "\" is not a valid package name (vendor/name, lower case)");
        }
        String version;
        JsonNode versionNode = json.get("version");
        boolean carriesVersion = versionNode != null;
        if (carriesVersion) {
            if (!versionNode.isTextual()) {
                throw new DistributionException(where + ": \"version\" must be a string");
            }
            version = versionNode.asText();
        } else {
            version = tag.name();
        }
        String normalized;
        try {
            normalized = VersionParser.normalize(version);
        } catch (InvalidVersionException e) {
            throw new DistributionException(where + ": \"version\": \"" + version + "\" is not a Composer version: " + e.getMessage());
        }
        byte[] effectiveBytes = bytes;
        if (!carriesVersion) {
            json = withVersion(json, version);
            effectiveBytes = Json.pretty(json);
        }
        return new PlannedVersion(source, tag, folder.path, folder.tree, name, version, normalized, json, effectiveBytes);
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

    /** A copy of composer.json with {@code version} placed after {@code name} (and {@code description}). */
    static ObjectNode withVersion(ObjectNode json, String version) {
        ObjectNode copy = Json.MAPPER.createObjectNode();
        boolean placed = false;
        boolean hasDescription = json.has("description");
        Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
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
