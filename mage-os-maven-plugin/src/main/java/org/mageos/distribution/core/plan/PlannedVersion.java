package org.mageos.distribution.core.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.eclipse.jgit.lib.ObjectId;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.TagRef;
import org.mageos.distribution.core.published.PublishedVersions;
import org.mageos.distribution.core.version.VersionParser;

/** One package version the build will produce: where it comes from and its effective composer.json. */
public final class PlannedVersion {

    private final Source source;
    private final TagRef tag;
    private final String folder;
    private final ObjectId tree;
    private final String name;
    private final String version;
    private final String versionNormalized;
    private final ObjectNode composerJson;
    private final byte[] composerJsonBytes;
    // set by the planner before the plan is handed out
    private String release;
    private List<String> excludes = List.of();
    private List<String> emptyFolders = List.of();
    private Map<String, byte[]> files = Map.of();
    private Path prebuiltZip;
    private Instant time;
    private String branch;
    /** Already served as it is by a published folder: kept, not built; null to build. */
    private PublishedVersions.Published kept;

    PlannedVersion(Source source, TagRef tag, String folder, ObjectId tree, String name, String version, String versionNormalized,
            ObjectNode composerJson, byte[] composerJsonBytes) {
        this.source = source;
        this.tag = tag;
        this.folder = folder;
        this.tree = tree;
        this.name = name;
        this.version = version;
        this.versionNormalized = versionNormalized;
        this.composerJson = composerJson;
        this.composerJsonBytes = composerJsonBytes;
    }

    PlannedVersion inRelease(String releaseVersion) {
        this.release = releaseVersion;
        return this;
    }

    PlannedVersion withContent(List<String> excludeRules, List<String> folders, Map<String, byte[]> replacedFiles) {
        this.excludes = List.copyOf(excludeRules);
        this.emptyFolders = List.copyOf(folders);
        this.files = Map.copyOf(replacedFiles);
        return this;
    }

    PlannedVersion prebuilt(Path zip) {
        this.prebuiltZip = zip;
        return this;
    }

    /** Marks a nightly version: made from the head of {@code branchName}. */
    PlannedVersion fromBranch(String branchName) {
        this.branch = branchName;
        return this;
    }

    /** The branch whose head this nightly version is made from; null for a release. */
    public String branch() {
        return branch;
    }

    PlannedVersion at(Instant when) {
        this.time = when;
        return this;
    }

    /** This version with a deep copy of its composer.json, which later steps may change without touching others. */
    PlannedVersion withOwnComposerJson() {
        PlannedVersion copy = new PlannedVersion(source, tag, folder, tree, name, version, versionNormalized, composerJson.deepCopy(),
                composerJsonBytes).inRelease(release).withContent(excludes, emptyFolders, files).prebuilt(prebuiltZip);
        copy.time = time;
        copy.branch = branch;
        copy.kept = kept;
        return copy;
    }

    /** The source it is built from; null for a package the build generates or a prebuilt zip. */
    public Source source() {
        return source;
    }

    /** The tag it is built from; null for a package the build generates or a prebuilt zip. */
    public TagRef tag() {
        return tag;
    }

    /** The release of the distribution that first has this version. */
    public String release() {
        return release;
    }

    /** Exclude rules of the distribution (anchored Composer patterns) applied after the package's own. */
    public List<String> excludes() {
        return excludes;
    }

    /** Folders stored as directory entries. */
    public List<String> emptyFolders() {
        return emptyFolders;
    }

    /** Files whose content comes from the distribution project, by path inside the package. */
    public Map<String, byte[]> files() {
        return files;
    }

    /** A zip of the project published as it is, or null. */
    public Path prebuiltZip() {
        return prebuiltZip;
    }

    /** The version's time: its tag's commit time, the newest of its release's tags for a generated one; null if unknown. */
    public Instant time() {
        return time != null ? time : tag != null ? tag.time() : null;
    }

    /** The package folder inside the repository, "" for the root. */
    public String folder() {
        return folder;
    }

    /** The git tree of the package folder; null for a generated package or a prebuilt zip. */
    public ObjectId tree() {
        return tree;
    }

    public String name() {
        return name;
    }

    /** The pretty version: composer.json's {@code version}, else the tag name. */
    public String version() {
        return version;
    }

    public String versionNormalized() {
        return versionNormalized;
    }

    /** The effective composer.json, carrying {@link #version()}. */
    public ObjectNode composerJson() {
        return composerJson;
    }

    /** The bytes of the composer.json that goes into the zip: the original when it already carried the version. */
    public byte[] composerJsonBytes() {
        return composerJsonBytes;
    }

    public String type() {
        return composerJson.path("type").asText("library");
    }

    /** Composer installs metapackages from metadata alone: they get no zip. */
    public boolean isMetapackage() {
        return "metapackage".equals(type());
    }

    /** "source 'x', tag '1.0', path 'Foo/composer.json'", for messages. */
    public String origin() {
        if (prebuiltZip != null) {
            return "prebuilt zip '" + prebuiltZip + "'";
        }
        if (source == null) {
            return "generated package " + name + " " + version + (branch == null ? "" : ", branch '" + branch + "'");
        }
        return "source '" + source.getName() + "', " + tag.describe() + ", path '" + (folder.isEmpty() ? "" : folder + "/")
                + "composer.json'";
    }

    /**
     * Where its zip goes, relative to the repository folder: {@code dist/<vendor>/<name>/<name>-<version>.zip}. A
     * branch version (dev-main) moves: each commit gets a zip of its own, so that no published zip is replaced.
     */
    public String distPath() {
        boolean branchVersion = tag != null && "dev".equals(VersionParser.parseStability(version));
        return distPath(name, branchVersion ? version + "-" + tag.commit().abbreviate(12).name() : version);
    }

    /**
     * {@code dist/<vendor>/<name>/<name>-<version>.zip}. Characters outside [A-Za-z0-9._-] of the version are replaced
     * by '-' (a '+' or '/' in a URL path is read differently by some servers and object stores), and then, so that two
     * versions never share a file ({@code 1.0.3+rc1} and {@code 1.0.3-rc1}), the first 8 hex digits of the sha1 of the
     * version as written are added; a version of those characters only keeps its plain name.
     */
    public static String distPath(String name, String version) {
        String shortName = name.substring(name.indexOf('/') + 1);
        String safe = version.replaceAll("[^A-Za-z0-9._-]", "-");
        if (!safe.equals(version)) {
            safe += "-" + DigestUtils.sha1Hex(version.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
        }
        return "dist/" + name + "/" + shortName + "-" + safe + ".zip";
    }

    /** The published version this one is kept as (its zip and metadata as they are), or null when it is to be built. */
    public PublishedVersions.Published kept() {
        return kept;
    }

    PlannedVersion keptAs(PublishedVersions.Published published) {
        this.kept = published;
        return this;
    }

    @Override
    public String toString() {
        return name + " " + version;
    }
}
