package org.mageos.distribution.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code <generatedPackages><generatedPackage>}: a package made by the build for every release, at the
 * release's version. A {@code metapackage} (no zip) requires every package built from {@link #sources} for
 * the release at its exact version, plus {@link #require}; a {@code project} (the template of
 * {@code composer create-project}) requires {@link #require} and points at the repository.
 */
public class GeneratedPackage {

    private String name;

    /** {@code metapackage} or {@code project}. */
    private String type = "metapackage";

    private String description;

    /**
     * Sources whose packages a metapackage requires, by name, comma-separated ({@code magento2, security-package});
     * none: every source. The package is made for the releases that have a tag of the first one.
     */
    private String sources;

    /**
     * More requirements, {@code name:constraint} as on Composer's command line ({@code php:~8.2.0}); a name
     * without constraint is required at the release's version ({@code magento/product-community-edition}).
     */
    private List<String> require = new ArrayList<>();

    /**
     * A composer.json of the project (relative to its folder) the package starts from: everything Composer allows
     * ({@code config}, {@code autoload}, {@code extra}, {@code scripts}...). For a release {@code V}, the file
     * {@code <dir>/V/<file name>} beside it is used when it exists. {@code name}, {@code type} and {@code version}
     * are set by the build; {@code <require>} is added to its {@code require}.
     */
    private String composerJson;

    /**
     * Start from the composer.json at the root of the first source at the release's tag (magento2's, which describes
     * the whole product): a metapackage takes its {@code require} and {@code license}; a project template takes
     * everything but {@code require}, {@code replace} and {@code suggest} ({@code config}, {@code autoload},
     * {@code require-dev}, {@code scripts}...). {@link #composerJson}, when given too, is laid over it.
     */
    private boolean fromRoot;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getSources() {
        return sources;
    }

    public void setSources(String sources) {
        this.sources = sources;
    }

    /** {@link #getSources()} as a list; empty for every source. */
    public List<String> sourceNames() {
        List<String> names = new ArrayList<>();
        if (sources != null) {
            for (String name : sources.split(",")) {
                if (!name.trim().isEmpty()) {
                    names.add(name.trim());
                }
            }
        }
        return names;
    }

    public List<String> getRequire() {
        return require;
    }

    public void setRequire(List<String> require) {
        this.require = require == null ? new ArrayList<>() : require;
    }

    public String getComposerJson() {
        return composerJson;
    }

    public void setComposerJson(String composerJson) {
        this.composerJson = composerJson;
    }

    public boolean isFromRoot() {
        return fromRoot;
    }

    public void setFromRoot(boolean fromRoot) {
        this.fromRoot = fromRoot;
    }

    /** This package made from other sources (a subset); the rest is shared. */
    public GeneratedPackage withSources(String newSources) {
        GeneratedPackage copy = new GeneratedPackage();
        copy.name = name;
        copy.type = type;
        copy.description = description;
        copy.sources = newSources;
        copy.require = require;
        copy.composerJson = composerJson;
        copy.fromRoot = fromRoot;
        return copy;
    }

    public boolean isProject() {
        return "project".equals(type);
    }
}
