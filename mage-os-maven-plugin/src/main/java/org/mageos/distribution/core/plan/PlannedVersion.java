package org.mageos.distribution.core.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jgit.lib.ObjectId;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.TagRef;

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

    /** This version with a deep copy of its composer.json, which later steps may change without touching others. */
    PlannedVersion withOwnComposerJson() {
        return new PlannedVersion(source, tag, folder, tree, name, version, versionNormalized, composerJson.deepCopy(), composerJsonBytes);
    }

    public Source source() {
        return source;
    }

    public TagRef tag() {
        return tag;
    }

    /** The package folder inside the repository, "" for the root. */
    public String folder() {
        return folder;
    }

    /** The git tree of the package folder. */
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
        return "source '" + source.getName() + "', tag '" + tag.name() + "', path '" + (folder.isEmpty() ? "" : folder + "/")
                + "composer.json'";
    }

    @Override
    public String toString() {
        return name + " " + version;
    }
}
