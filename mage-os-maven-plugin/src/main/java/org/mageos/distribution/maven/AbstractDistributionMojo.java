package org.mageos.distribution.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.GeneratedPackage;
import org.mageos.distribution.core.config.ProjectSettings;
import org.mageos.distribution.core.config.Release;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.config.SourceSelection;
import org.mageos.distribution.core.config.ThirdPartyNamespace;
import org.mageos.distribution.core.config.VendorRename;

/** The parameters every goal shares, and the mapping of the core's errors to Maven's. */
public abstract class AbstractDistributionMojo extends AbstractMojo {

    /**
     * Where clients will read the repository (absolute: dist URLs and metadata-url are written under it).
     * Default: the {@code file://} URL of {@link #outputDirectory}, so a local build installs as it is.
     */
    @Parameter(property = "mage-os.repositoryUrl")
    protected String repositoryUrl;

    /**
     * The repository already published (an earlier build's output folder, a {@code file:} or {@code http(s):} URL):
     * the index keeps every version it lists, so a release only needs its own sources. Unset: nothing is merged.
     */
    @Parameter(property = "mage-os.publishedRepositoryUrl")
    protected String publishedRepositoryUrl;

    /** The git repositories of the distribution. */
    @Parameter
    protected List<Source> sources;

    /** Releases of the distribution: the tag of each source in it, version overrides, patches, file replacements. */
    @Parameter
    protected List<Release> releases;

    /** Packages the build makes for each release: metapackages and project templates. */
    @Parameter
    protected List<GeneratedPackage> generatedPackages;

    /** Vendors renamed in the packages built ({@code magento} -> {@code mage-os}). */
    @Parameter
    protected List<VendorRename> vendorRenames;

    /** Changes to packages at given versions (a version or a Composer constraint), whatever release builds them. */
    @Parameter
    protected List<org.mageos.distribution.core.config.Correction> corrections;

    /**
     * Pin every {@code "*"} requirement on a package of the same release to its exact version there (a Mage-OS
     * release). Off, as a mirror: requirements stay as upstream wrote them, except on a package whose version a
     * release's versionOverride changed.
     */
    @Parameter(property = "mage-os.pinRequirements", defaultValue = "false")
    protected boolean pinRequirements;

    /**
     * The warnings that name a source, tag or path fail the build instead: a tag (or package folder at a tag) whose
     * composer.json Composer would skip (invalid JSON, an invalid package, a version that is not the tag's), upstream's
     * quirks (a version from a tag's name, a version outside a source's tags constraint...).
     */
    @Parameter(property = "mage-os.strict", defaultValue = "false")
    protected boolean strict;

    /** Build a subset of the sources: {@code a,b} selects, {@code !c} leaves out; packages generated from a left-out source are left out too. */
    @Parameter(property = SourceSelection.PROPERTY)
    protected String selectedSources;

    /**
     * Security advisories in the FriendsOfPHP/security-advisories format ({@code <vendor>/<package>/<id>.yaml}): a git
     * repository URL (its default branch is fetched into the cache like a source) or a folder of YAML files. The index
     * writes them the way Composer 2 reads them, so that {@code composer audit} finds them in the repository; a package
     * that replaces an advised one at an exact version gets its advisories too.
     */
    @Parameter(property = "mage-os.securityAdvisories")
    protected String securityAdvisories;

    /** Zips of the project (paths relative to it) added to the repository as they are. */
    @Parameter
    protected List<String> prebuiltPackages;

    /**
     * The build date of nightly versions built from a source's branches ({@code 2026-11-21} gives {@code -a20261121});
     * set it for a reproducible build. Default: today's date in UTC.
     */
    @Parameter(property = "mage-os.nightly.date")
    protected String nightlyDate;

    /** How branch heads become versions: {@code nightly} ({@code 103.0.2.1-a20261121}) or {@code branch} ({@code dev-develop}). */
    @Parameter(property = "mage-os.nightlyVersions", defaultValue = "nightly")
    protected String nightlyVersions;

    /**
     * Namespace prefixes of packages outside the distribution, for {@code mage-os:dependencies} and
     * requireFromCode: each namespace element names a prefix ({@code Monolog\}), the package that provides it
     * ({@code monolog/monolog}) and, optionally, the constraint to require it with ({@code ^3.0}).
     */
    @Parameter
    protected List<ThirdPartyNamespace> namespaces;

    /** Where fetched repositories are kept, shared by every build of the user. */
    @Parameter(property = "mage-os.cacheDirectory", defaultValue = "${settings.localRepository}/../mage-os-cache")
    protected File cacheDirectory;

    /** The finished Composer repository. */
    @Parameter(property = "mage-os.outputDirectory", defaultValue = "${project.build.directory}/repository")
    protected File outputDirectory;

    /** Intermediate files: the build manifest handed from package to index. */
    @Parameter(defaultValue = "${project.build.directory}/mage-os", readonly = true)
    protected File workDirectory;

    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    protected File basedir;

    @Parameter(defaultValue = "${session}", readonly = true)
    protected MavenSession session;

    /** Timestamp of every zip entry; Maven's reproducible-build property. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    protected String outputTimestamp;

    /** Skips every goal of the plugin (each goal also has a skip property of its own, {@code mage-os.GOAL.skip}). */
    @Parameter(property = "mage-os.skip", defaultValue = "false")
    protected boolean skipAll;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        GitLogging.configure();
        if (skipAll) {
            getLog().info("Skipping: mage-os.skip is set");
            return;
        }
        if (isSkipped()) {
            getLog().info("Skipping: " + skipProperty() + " is set");
            return;
        }
        try {
            run();
        } catch (DistributionException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    protected abstract boolean isSkipped();

    protected abstract String skipProperty();

    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    protected DistributionLog distributionLog() {
        return new MavenLog(getLog());
    }

    /** The parameters every goal shares, as the core reads them. */
    protected ProjectSettings settings() {
        return new ProjectSettings(path(basedir), path(cacheDirectory), path(outputDirectory), path(workDirectory), repositoryUrl,
                publishedRepositoryUrl, sources, releases, generatedPackages, vendorRenames, prebuiltPackages, nightlyDate, nightlyVersions,
                namespaces, outputTimestamp, session != null && session.isOffline(), corrections, pinRequirements, strict, selectedSources,
                securityAdvisories);
    }

    private static java.nio.file.Path path(File file) {
        return file == null ? null : file.toPath();
    }
}
