package org.mageos.distribution.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.config.Correction;
import org.mageos.distribution.core.config.GeneratedPackage;
import org.mageos.distribution.core.config.Release;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.config.SourceSelection;
import org.mageos.distribution.core.config.ThirdPartyNamespace;
import org.mageos.distribution.core.config.VendorRename;
import org.mageos.distribution.core.packaging.PackageStep;
import org.mageos.distribution.core.publish.DeployStep;

/** Turns the selected tags of every source into Composer package zips, read straight from git objects. */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackageMojo extends AbstractPublishedMojo {

    /** Skips the {@code package} goal; {@code mage-os.skip} skips every goal of the plugin. */
    @Parameter(property = "mage-os.package.skip", defaultValue = "false")
    private boolean skip;

    /** Packages built at the same time; 0 means one per core. */
    @Parameter(property = "mage-os.threads", defaultValue = "0")
    private int threads;

    /**
     * Rebuilds every zip from git, even the versions the output or the published repository already serves.
     * Their sha1 may change, which breaks the lock files that recorded the old one: use with care.
     */
    @Parameter(property = "mage-os.package.force", defaultValue = "false")
    private boolean force;

    /** The deploy target; the versions already published there (a folder target) are not rebuilt. */
    @Parameter(property = "mage-os.deployUrl")
    private String deployUrl;

    /**
     * Where clients will read the repository (absolute: dist URLs and metadata-url are written under it).
     * Default: the {@code file://} URL of the output folder, so a local build installs as it is.
     */
    @Parameter(property = "mage-os.repositoryUrl")
    public void setRepositoryUrl(String repositoryUrl) {
        this.repositoryUrl = repositoryUrl;
    }

    /**
     * The repository already published (an earlier build's output folder, a {@code file:}, {@code http(s):},
     * {@code s3://} or {@code sftp://} URL): the index keeps every version it lists, so a release only needs its own
     * sources. S3 and SFTP are read with the deploy's settings and credentials ({@code <deployServerId>},
     * {@code <s3Endpoint>}...). Unset: nothing is merged.
     */
    @Parameter(property = "mage-os.publishedRepositoryUrl")
    public void setPublishedRepositoryUrl(String publishedRepositoryUrl) {
        this.publishedRepositoryUrl = publishedRepositoryUrl;
    }

    /** The git repositories of the distribution. */
    @Parameter
    public void setSources(List<Source> sources) {
        this.sources = sources;
    }

    /**
     * Releases of the distribution: the tag of each source in it, version overrides, patches, file replacements.
     */
    @Parameter
    public void setReleases(List<Release> releases) {
        this.releases = releases;
    }

    /** Packages the build makes for each release: metapackages and project templates. */
    @Parameter
    public void setGeneratedPackages(List<GeneratedPackage> generatedPackages) {
        this.generatedPackages = generatedPackages;
    }

    /** Vendors renamed in the packages built ({@code magento} -> {@code mage-os}). */
    @Parameter
    public void setVendorRenames(List<VendorRename> vendorRenames) {
        this.vendorRenames = vendorRenames;
    }

    /**
     * Changes to packages at given versions (a version or a Composer constraint), whatever release builds them.
     */
    @Parameter
    public void setCorrections(List<Correction> corrections) {
        this.corrections = corrections;
    }

    /**
     * Pin every {@code "*"} requirement on a package of the same release to its exact version there (a Mage-OS
     * release). Off, as a mirror: requirements stay as upstream wrote them, except on a package whose version a
     * release's versionOverride changed.
     */
    @Parameter(property = "mage-os.pinRequirements", defaultValue = "false")
    public void setPinRequirements(boolean pinRequirements) {
        this.pinRequirements = pinRequirements;
    }

    /**
     * The warnings that name a source, tag or path fail the build instead: a tag (or package folder at a tag) whose
     * composer.json Composer would skip (invalid JSON, an invalid package, a version that is not the tag's), upstream's
     * quirks (a version from a tag's name, a version outside a source's tags constraint...).
     */
    @Parameter(property = "mage-os.strict", defaultValue = "false")
    public void setStrict(boolean strict) {
        this.strict = strict;
    }

    /**
     * Build a subset of the sources: {@code a,b} selects, {@code !c} leaves out; packages generated from a left-out source are left out too.
     */
    @Parameter(property = SourceSelection.PROPERTY)
    public void setSelectedSources(String selectedSources) {
        this.selectedSources = selectedSources;
    }

    /** Zips of the project (paths relative to it) added to the repository as they are. */
    @Parameter
    public void setPrebuiltPackages(List<String> prebuiltPackages) {
        this.prebuiltPackages = prebuiltPackages;
    }

    /**
     * The build date of nightly versions built from a source's branches ({@code 2026-11-21} gives {@code -a20261121});
     * set it for a reproducible build. Default: today's date in UTC.
     */
    @Parameter(property = "mage-os.nightly.date")
    public void setNightlyDate(String nightlyDate) {
        this.nightlyDate = nightlyDate;
    }

    /**
     * How branch heads become versions: {@code nightly} ({@code 103.0.2.1-a20261121}) or {@code branch} ({@code dev-develop}).
     */
    @Parameter(property = "mage-os.nightlyVersions", defaultValue = "nightly")
    public void setNightlyVersions(String nightlyVersions) {
        this.nightlyVersions = nightlyVersions;
    }

    /**
     * Namespace prefixes of packages outside the distribution, for {@code mage-os:dependencies} and
     * requireFromCode: each namespace element names a prefix ({@code Monolog\}), the package that provides it
     * ({@code monolog/monolog}) and, optionally, the constraint to require it with ({@code ^3.0}).
     */
    @Parameter
    public void setNamespaces(List<ThirdPartyNamespace> namespaces) {
        this.namespaces = namespaces;
    }

    /** Where fetched repositories are kept, shared by every build of the user. */
    @Parameter(property = "mage-os.cacheDirectory", defaultValue = "${settings.localRepository}/../mage-os-cache")
    public void setCacheDirectory(File cacheDirectory) {
        this.cacheDirectory = cacheDirectory;
    }

    /** The finished Composer repository. */
    @Parameter(property = "mage-os.outputDirectory", defaultValue = "${project.build.directory}/repository")
    public void setOutputDirectory(File outputDirectory) {
        this.outputDirectory = outputDirectory;
    }

    /** Timestamp of every zip entry; Maven's reproducible-build property. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    public void setOutputTimestamp(String outputTimestamp) {
        this.outputTimestamp = outputTimestamp;
    }

    @Override
    protected boolean isSkipped() {
        return skip;
    }

    @Override
    protected String skipProperty() {
        return "mage-os.package.skip";
    }

    @Override
    protected void run() {
        PackageStep.run(distributionLog(), settings(), threads, force, deployUrl,
                new DeployStep(distributionLog()).publishedRepositories(this::targetOptions));
    }
}
