package org.mageos.distribution.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code <releases><release>}: one release of the distribution and the tag of each source that belongs to it
 * (distribution 2.4.7 = magento2 2.4.7 + security-package 1.1.4), with what changes for this release only.
 * Pins and generated metapackages are computed per release. A selected tag that no release claims is a
 * release of its own, named after the tag.
 */
public class Release {

    /** The release's version: the version of generated metapackages, and its place in the build order. */
    private String version;

    /** The tag of each source in this release; empty: every source's tag of the same version as {@link #version}. */
    private List<ReleaseTag> tags = new ArrayList<>();

    /** Versions given to packages of this release instead of their own. */
    private List<VersionOverride> versionOverrides = new ArrayList<>();

    /** Changes to composer.json of packages of this release. */
    private List<ComposerPatch> patches = new ArrayList<>();

    /** Files of packages replaced by files of the distribution project, for this release. */
    private List<FileReplacement> files = new ArrayList<>();

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public List<ReleaseTag> getTags() {
        return tags;
    }

    public void setTags(List<ReleaseTag> tags) {
        this.tags = tags == null ? new ArrayList<>() : tags;
    }

    public List<VersionOverride> getVersionOverrides() {
        return versionOverrides;
    }

    public void setVersionOverrides(List<VersionOverride> versionOverrides) {
        this.versionOverrides = versionOverrides == null ? new ArrayList<>() : versionOverrides;
    }

    public List<ComposerPatch> getPatches() {
        return patches;
    }

    public void setPatches(List<ComposerPatch> patches) {
        this.patches = patches == null ? new ArrayList<>() : patches;
    }

    public List<FileReplacement> getFiles() {
        return files;
    }

    public void setFiles(List<FileReplacement> files) {
        this.files = files == null ? new ArrayList<>() : files;
    }

    /** This release with other tags (a subset of the sources); the rest is shared. */
    public Release withTags(List<ReleaseTag> newTags) {
        Release copy = new Release();
        copy.version = version;
        copy.tags = newTags;
        copy.versionOverrides = versionOverrides;
        copy.patches = patches;
        copy.files = files;
        return copy;
    }

    /** {@code <tags><tag>}: a source and its tag. */
    public static class ReleaseTag {
        private String source;
        private String name;

        public ReleaseTag() {
        }

        public ReleaseTag(String source, String name) {
            this.source = source;
            this.name = name;
        }

        public String getSource() {
            return source;
        }

        public void setSource(String source) {
            this.source = source;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    /** {@code <versionOverrides><versionOverride>}: packages (a name or a glob such as {@code magento/*}) and their version. */
    public static class VersionOverride {
        private String packages;
        private String version;

        public VersionOverride() {
        }

        public VersionOverride(String packages, String version) {
            this.packages = packages;
            this.version = version;
        }

        public String getPackages() {
            return packages;
        }

        public void setPackages(String packages) {
            this.packages = packages;
        }

        public String getVersion() {
            return version;
        }

        public void setVersion(String version) {
            this.version = version;
        }
    }

    /** {@code <files><file>}: the file {@code path} of {@code package} replaced by {@code from}, a file of the project. */
    public static class FileReplacement {
        private String packageName;
        private String path;
        private String from;

        public String getPackage() {
            return packageName;
        }

        public void setPackage(String packageName) {
            this.packageName = packageName;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public String getFrom() {
            return from;
        }

        public void setFrom(String from) {
            this.from = from;
        }
    }
}
