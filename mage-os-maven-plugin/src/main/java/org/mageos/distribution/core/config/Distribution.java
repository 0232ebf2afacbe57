package org.mageos.distribution.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mageos.distribution.core.config.ThirdPartyNamespace;

/**
 * What a distribution declares beyond its sources: releases, generated packages, vendor renames and prebuilt
 * zips, plus where the project's own files are. Defaults are empty; {@link DistributionConfig#validate} checks it.
 */
public class Distribution {

    private List<Source> sources = new ArrayList<>();
    private List<Release> releases = new ArrayList<>();
    private List<GeneratedPackage> generatedPackages = new ArrayList<>();
    private List<VendorRename> vendorRenames = new ArrayList<>();
    /** Zips of the project added to the repository as they are. */
    private List<String> prebuiltPackages = new ArrayList<>();
    /** The distribution project's folder: composer.json files, file replacements and prebuilt zips are relative to it. */
    private Path projectDir = Path.of(".");
    /** The repository's URL, written into generated project templates. */
    private String repositoryUrl;
    /** The build date of nightly versions ({@code -a<YYYYMMDD>}); null for today's UTC date. */
    private java.time.LocalDate nightlyDate;
    /** How branch heads become versions: {@code nightly} (the default, {@code 1.2.3.1-a<date>}) or {@code branch} ({@code dev-main}). */
    private String nightlyVersions = NIGHTLY;
    /** Namespaces of packages outside the distribution, with the constraint a computed {@code require} gives them. */
    private List<ThirdPartyNamespace> namespaces = new ArrayList<>();

    /** Pin every {@code "*"} requirement on a package of the same release to its exact version there (Mage-OS releases). */
    private boolean pinRequirements;
    /** Changes to packages at given versions, whatever release builds them. */
    private List<Correction> corrections = new ArrayList<>();
    /** The warnings about upstream's quirks (a version from a tag name, a version outside {@code <tags>}...) fail the build. */
    private boolean strict;

    public static final String NIGHTLY = "nightly";
    public static final String BRANCH = "branch";

    public Distribution() {
    }

    public Distribution(List<Source> sources) {
        setSources(sources);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? new ArrayList<>() : list;
    }

    public List<Source> getSources() {
        return sources;
    }

    public Distribution setSources(List<Source> sources) {
        this.sources = orEmpty(sources);
        return this;
    }

    public List<Release> getReleases() {
        return releases;
    }

    public Distribution setReleases(List<Release> releases) {
        this.releases = orEmpty(releases);
        return this;
    }

    public List<GeneratedPackage> getGeneratedPackages() {
        return generatedPackages;
    }

    public Distribution setGeneratedPackages(List<GeneratedPackage> generatedPackages) {
        this.generatedPackages = orEmpty(generatedPackages);
        return this;
    }

    public List<VendorRename> getVendorRenames() {
        return vendorRenames;
    }

    public Distribution setVendorRenames(List<VendorRename> vendorRenames) {
        this.vendorRenames = orEmpty(vendorRenames);
        return this;
    }

    public List<String> getPrebuiltPackages() {
        return prebuiltPackages;
    }

    public Distribution setPrebuiltPackages(List<String> prebuiltPackages) {
        this.prebuiltPackages = orEmpty(prebuiltPackages);
        return this;
    }

    public Path getProjectDir() {
        return projectDir;
    }

    public Distribution setProjectDir(Path projectDir) {
        this.projectDir = projectDir;
        return this;
    }

    public String getRepositoryUrl() {
        return repositoryUrl;
    }

    public Distribution setRepositoryUrl(String repositoryUrl) {
        this.repositoryUrl = repositoryUrl;
        return this;
    }

    public java.time.LocalDate getNightlyDate() {
        return nightlyDate == null ? java.time.LocalDate.now(java.time.ZoneOffset.UTC) : nightlyDate;
    }

    public Distribution setNightlyDate(java.time.LocalDate nightlyDate) {
        this.nightlyDate = nightlyDate;
        return this;
    }

    public String getNightlyVersions() {
        return nightlyVersions;
    }

    public Distribution setNightlyVersions(String nightlyVersions) {
        this.nightlyVersions = nightlyVersions == null || nightlyVersions.trim().isEmpty() ? NIGHTLY : nightlyVersions.trim();
        return this;
    }

    public boolean isPinRequirements() {
        return pinRequirements;
    }

    public Distribution setPinRequirements(boolean pinRequirements) {
        this.pinRequirements = pinRequirements;
        return this;
    }

    public List<Correction> getCorrections() {
        return corrections;
    }

    public Distribution setCorrections(List<Correction> corrections) {
        this.corrections = orEmpty(corrections);
        return this;
    }

    public boolean isStrict() {
        return strict;
    }

    public Distribution setStrict(boolean strict) {
        this.strict = strict;
        return this;
    }

    public List<ThirdPartyNamespace> getNamespaces() {
        return namespaces;
    }

    public Distribution setNamespaces(List<ThirdPartyNamespace> namespaces) {
        this.namespaces = orEmpty(namespaces);
        return this;
    }
}
