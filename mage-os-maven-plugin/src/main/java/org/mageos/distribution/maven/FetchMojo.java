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
import org.mageos.distribution.core.git.FetchOptions;
import org.mageos.distribution.core.git.FetchStep;
import org.mageos.distribution.core.plan.PlanCacheStep;
import org.mageos.distribution.core.publish.DeployStep;

/** Clones or updates the source repositories in the shared cache, transferring only the selected tags that are new. */
@Mojo(name = "fetch", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class FetchMojo extends AbstractPublishedMojo {

    /** Skips the {@code fetch} goal; {@code mage-os.skip} skips every goal of the plugin. */
    @Parameter(property = "mage-os.fetch.skip", defaultValue = "false")
    private boolean skip;

    /**
     * How many times a network error that may pass (connection refused or reset, time-out, HTTP 5xx) is retried,
     * after 2, 4, 8... seconds. Errors that cannot pass (no such repository, authentication refused, unknown host)
     * fail at once.
     */
    @Parameter(property = "mage-os.fetch.retries", defaultValue = "3")
    private int retries;

    /**
     * Seconds a fetch of one source may take in all, retries included: a server that sends a byte now and then passes
     * the per-read time-out (120 s) for ever.
     */
    @Parameter(property = "mage-os.fetch.timeout", defaultValue = "3600")
    private int timeout = 3600;

    /**
     * Where SSH reads {@code config}, {@code known_hosts} and default keys, as OpenSSH does. A host whose key is not
     * in known_hosts is refused (unless the config says {@code StrictHostKeyChecking accept-new}).
     */
    @Parameter(property = "mage-os.sshDirectory", defaultValue = "${user.home}/.ssh")
    private File sshDirectory;

    /** Sources fetched at the same time. */
    @Parameter(property = "mage-os.fetch.threads", defaultValue = "4")
    private int fetchThreads = 4;

    /**
     * Whether a source on a git server whose cache is empty gets only its selected tags' commits (depth 1), without the
     * history behind them, which no rule of the build reads: a fresh CI runner transfers what the tags hold, not the
     * history. A cache fetched so stays shallow. {@code false} fetches whole histories and deepens a shallow cache.
     */
    @Parameter(property = "mage-os.fetch.shallow", defaultValue = "true")
    private boolean shallow = true;

    /** The git repositories of the distribution. */
    @Parameter
    public void setSources(List<Source> sources) {
        this.sources = sources;
    }

    /**
     * Build a subset of the sources: {@code a,b} selects, {@code !c} leaves out; packages generated from a left-out source are left out too.
     */
    @Parameter(property = SourceSelection.PROPERTY)
    public void setSelectedSources(String selectedSources) {
        this.selectedSources = selectedSources;
    }

    /** Where fetched repositories are kept, shared by every build of the user. */
    @Parameter(property = "mage-os.cacheDirectory", defaultValue = "${settings.localRepository}/../mage-os-cache")
    public void setCacheDirectory(File cacheDirectory) {
        this.cacheDirectory = cacheDirectory;
    }

    /**
     * Security advisories in the FriendsOfPHP/security-advisories format ({@code <vendor>/<package>/<id>.yaml}): a git
     * repository URL (its default branch is fetched into the cache like a source) or a folder of YAML files. Fetched here beside the sources when it is a git repository.
     */
    @Parameter(property = "mage-os.securityAdvisories")
    public void setSecurityAdvisories(String securityAdvisories) {
        this.securityAdvisories = securityAdvisories;
    }

    /**
     * Where clients will read the repository (absolute: dist URLs and metadata-url are written under it).
     * Default: the {@code file://} URL of the output folder, so a local build installs as it is.
     */
    @Parameter(property = "mage-os.repositoryUrl")
    public void setRepositoryUrl(String repositoryUrl) {
        this.repositoryUrl = repositoryUrl;
    }

    /**
     * The repository already published: a source's tags whose versions it serves, planned under the same rules
     * (its record of planned tags), are not fetched into an empty cache. Unset: every selected tag is fetched.
     * A folder, a {@code file:} or {@code http(s):} URL; {@code s3://bucket/prefix} or {@code sftp://host/path} is
     * read with the deploy's settings and credentials ({@code <deployServerId>}, {@code <s3Endpoint>}...).
     */
    @Parameter(property = "mage-os.publishedRepositoryUrl")
    public void setPublishedRepositoryUrl(String publishedRepositoryUrl) {
        this.publishedRepositoryUrl = publishedRepositoryUrl;
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

    /** The finished Composer repository. */
    @Parameter(property = "mage-os.outputDirectory", defaultValue = "${project.build.directory}/repository")
    public void setOutputDirectory(File outputDirectory) {
        this.outputDirectory = outputDirectory;
    }

    @Override
    protected boolean isSkipped() {
        return skip;
    }

    @Override
    protected String skipProperty() {
        return "mage-os.fetch.skip";
    }

    @Override
    protected void run() {
        ServerCredentials servers = new ServerCredentials(settings, settingsDecrypter);
        new FetchStep(distributionLog()).run(settings(), new FetchOptions().retries(retries).timeout(timeout).threads(fetchThreads)
                .shallow(shallow).remoteRepositories(new DeployStep(distributionLog()).publishedRepositories(this::targetOptions)).sshDirectory(sshDirectory == null ? null : sshDirectory.toPath())
                .credentials(source -> servers.decrypt(source.getServerId().trim(), "<source> '" + source.getName() + "': ", "serverId"))
                // the plan's tree walks of a fetched source start while other sources are still fetching
                .whenFetched(new PlanCacheStep(distributionLog())::warm));
    }
}
