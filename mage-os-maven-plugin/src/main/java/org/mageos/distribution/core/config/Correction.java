package org.mageos.distribution.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code <corrections><correction>}: changes to one package at the versions a Composer constraint selects, in
 * whatever release or tag it is built: upstream's published package differs from its git tag (a requirement, a
 * suggest, a file). Keyed by the version the package is published at (after any {@code <versionOverrides>}).
 */
public class Correction {

    /** The package, by its name in the repository or after a vendor rename. */
    private String packageName;

    /** A version ({@code 1.1.3}) or a Composer constraint ({@code >=2.4.7-p6 <2.4.8}) over the published version. */
    private String version;

    /** Why: upstream's issue or the release it fixes; shown in messages. */
    private String reason;

    /** composer.json entries set or removed; their {@code <package>} is this correction's. */
    private List<ComposerPatch> patches = new ArrayList<>();

    /** Files replaced by files of the project; their {@code <package>} is this correction's. */
    private List<Release.FileReplacement> files = new ArrayList<>();

    /** Paths left out of the package's zip at these versions (Composer exclude patterns anchored at the package folder). */
    private List<String> excludes = new ArrayList<>();

    public List<String> getExcludes() {
        return excludes;
    }

    public void setExcludes(List<String> excludes) {
        this.excludes = excludes == null ? new ArrayList<>() : excludes;
    }

    public String getPackage() {
        return packageName;
    }

    public void setPackage(String packageName) {
        this.packageName = packageName;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public List<ComposerPatch> getPatches() {
        return patches;
    }

    public void setPatches(List<ComposerPatch> patches) {
        this.patches = patches == null ? new ArrayList<>() : patches;
    }

    public List<Release.FileReplacement> getFiles() {
        return files;
    }

    public void setFiles(List<Release.FileReplacement> files) {
        this.files = files == null ? new ArrayList<>() : files;
    }
}
