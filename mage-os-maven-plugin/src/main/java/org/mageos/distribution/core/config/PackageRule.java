package org.mageos.distribution.core.config;

import java.util.ArrayList;
import java.util.List;

/** {@code <packages><package>}: which folders of a source are packages, and what goes into their zips. */
public class PackageRule {

    /**
     * A glob over folder paths relative to the repository root ({@code *}, {@code app/code/Magento/*}) or one
     * folder ({@code lib/internal/Magento/Framework}); each matching folder that has a composer.json is a
     * package. {@code *} and {@code ?} never cross a {@code /}. Absent for a {@link #base} package.
     */
    private String path;

    /**
     * The base package: the repository root minus the folders of every other package of the source and minus
     * {@link #excludes}. Its composer.json is usually {@link #composerJson}.
     */
    private boolean base;

    /**
     * Paths inside the package left out of its zip (Composer exclude patterns anchored at the package folder:
     * {@code Amqp}, {@code composer.lock}, {@code .github}); a folder takes everything below it.
     */
    private List<String> excludes = new ArrayList<>();

    /** Folders stored in the zip as directory entries (mode 0755) even when nothing of git is in them. */
    private List<String> emptyFolders = new ArrayList<>();

    /**
     * A composer.json in the distribution project (relative to its folder) used instead of the package folder's
     * own; {@code <dir>/<tag>/<file name>} beside it, when present, is used for that tag.
     */
    private String composerJson;

    /**
     * The package's {@code require} is computed from its code (the classes and functions its PHP, phtml and etc/*.xml
     * files use), with the exact versions of the packages of the same release or night and the constraints of
     * {@code <namespaces>}; {@code php}, {@code ext-*}, {@code lib-*} and what the analysis cannot judge stay as
     * composer.json has them.
     */
    private boolean requireFromCode;

    public PackageRule() {
    }

    public PackageRule(String path) {
        this.path = path;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public boolean isBase() {
        return base;
    }

    public void setBase(boolean base) {
        this.base = base;
    }

    public List<String> getExcludes() {
        return excludes;
    }

    public void setExcludes(List<String> excludes) {
        this.excludes = excludes == null ? new ArrayList<>() : excludes;
    }

    public List<String> getEmptyFolders() {
        return emptyFolders;
    }

    public void setEmptyFolders(List<String> emptyFolders) {
        this.emptyFolders = emptyFolders == null ? new ArrayList<>() : emptyFolders;
    }

    public String getComposerJson() {
        return composerJson;
    }

    public void setComposerJson(String composerJson) {
        this.composerJson = composerJson;
    }

    public boolean isRequireFromCode() {
        return requireFromCode;
    }

    public void setRequireFromCode(boolean requireFromCode) {
        this.requireFromCode = requireFromCode;
    }

    /** "path=app/code/Magento/*" or "base", for messages. */
    public String describe() {
        return base ? "base" : "path=" + path;
    }
}
