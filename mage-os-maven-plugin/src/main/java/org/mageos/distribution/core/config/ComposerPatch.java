package org.mageos.distribution.core.config;

import org.mageos.distribution.core.composer.ComposerJsonEdits;

/**
 * {@code <patches><patch>}: sets or removes one entry of a section of a package's composer.json
 * ({@code require}, {@code require-dev}, {@code conflict}, {@code suggest}, {@code replace}, {@code provide},
 * {@code extra}). No {@code <value>} removes the entry. A value in {@code extra} that is JSON (an object, an
 * array) is set as JSON.
 */
public class ComposerPatch {

    public static final java.util.Set<String> SECTIONS = java.util.Set.of("require", "require-dev", "conflict", "suggest", "replace",
            "provide", "extra");

    /** The package it applies to, by its name in the repository (before any vendor rename). */
    private String packageName;
    private String section;
    private String key;
    private String value;

    public ComposerPatch() {
    }

    public ComposerPatch(String packageName, String section, String key, String value) {
        this.packageName = packageName;
        this.section = section;
        this.key = key;
        this.value = value;
    }

    public String getPackage() {
        return packageName;
    }

    public void setPackage(String packageName) {
        this.packageName = packageName;
    }

    public String getSection() {
        return section;
    }

    public void setSection(String section) {
        this.section = section;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    /** This patch as the edit of composer.json it makes. */
    public ComposerJsonEdits.Edit edit() {
        return new ComposerJsonEdits.Edit(section, key, value, "<patch package=" + packageName + ">");
    }
}
