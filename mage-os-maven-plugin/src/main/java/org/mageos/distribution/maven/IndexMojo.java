package org.mageos.distribution.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.config.AbandonedPackage;
import org.mageos.distribution.core.index.IndexOptions;
import org.mageos.distribution.core.index.IndexStep;
import org.mageos.distribution.core.publish.DeployStep;

/** Writes the Composer repository metadata (packages.json, p2/, include/) for what the package goal built. */
@Mojo(name = "index", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class IndexMojo extends AbstractPublishedMojo {

    /** Skips the {@code index} goal; {@code mage-os.skip} skips every goal of the plugin. */
    @Parameter(property = "mage-os.index.skip", defaultValue = "false")
    private boolean skip;

    /** Also write Composer 1's {@code includes} (for Magento 2.3-era projects). */
    @Parameter(property = "mage-os.index.includes", defaultValue = "true")
    private boolean includes;

    /** {@code notify-batch} of packages.json: where clients report what they installed. */
    @Parameter(property = "mage-os.notifyBatch")
    private String notifyBatch;

    /**
     * Where clients will read the repository: packages.json's metadata-url and every dist URL are written under it.
     * Default: the {@code file://} URL of the output folder, so that a local build installs as it is.
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

    /** The finished Composer repository. */
    @Parameter(property = "mage-os.outputDirectory", defaultValue = "${project.build.directory}/repository")
    public void setOutputDirectory(File outputDirectory) {
        this.outputDirectory = outputDirectory;
    }

    /**
     * The build date ({@code 2026-11-21}) from which {@code <nightlyRetentionDays>} counts back; default: today's date in UTC.
     */
    @Parameter(property = "mage-os.nightly.date")
    public void setNightlyDate(String nightlyDate) {
        this.nightlyDate = nightlyDate;
    }

    /**
     * {@code vendor/name:version} entries this index drops on purpose from the versions of the published repository
     * ({@code <publishedRepositoryUrl>}); a published version is never dropped otherwise.
     */
    @Parameter
    public void setRemoveVersions(List<String> removeVersions) {
        this.removeVersions = removeVersions;
    }

    /**
     * {@code vendor/name:version} entries this build may index with bytes (or a version string) other than those the
     * published repository lists; every lock file that recorded the old sha1 breaks.
     */
    @Parameter
    public void setRepublishVersions(List<String> republishVersions) {
        this.republishVersions = republishVersions;
    }

    /**
     * Days before {@code <nightlyDate>} that the published repository's nightly versions ({@code 1.2.3.1-a<YYYYMMDD>})
     * stay in this index; older ones are left out, each logged.
     */
    @Parameter(property = "mage-os.nightlyRetentionDays", defaultValue = "30")
    public void setNightlyRetentionDays(int nightlyRetentionDays) {
        this.nightlyRetentionDays = nightlyRetentionDays;
    }

    /**
     * Security advisories in the FriendsOfPHP/security-advisories format ({@code <vendor>/<package>/<id>.yaml}): a git
     * repository URL (its default branch is fetched into the cache like a source) or a folder of YAML files. The index writes them the way Composer 2 reads them, so that {@code composer audit} finds them in the repository; a package
     * that replaces an advised one at an exact version gets its advisories too.
     */
    @Parameter(property = "mage-os.securityAdvisories")
    public void setSecurityAdvisories(String securityAdvisories) {
        this.securityAdvisories = securityAdvisories;
    }

    /** Where fetched repositories are kept: a git repository of {@code <securityAdvisories>} is read there. */
    @Parameter(property = "mage-os.cacheDirectory", defaultValue = "${settings.localRepository}/../mage-os-cache")
    public void setCacheDirectory(File cacheDirectory) {
        this.cacheDirectory = cacheDirectory;
    }

    /**
     * Packages marked abandoned on every version in the metadata this index writes (Composer warns whoever installs them), each a
     * {@code <name>} with, optionally, the {@code <replacement>} package to use instead;
     * {@code <abandoned>false</abandoned>} takes the mark back from versions an earlier build published with it.
     */
    @Parameter
    public void setAbandonedPackages(List<AbandonedPackage> abandonedPackages) {
        this.abandonedPackages = abandonedPackages;
    }

    @Override
    protected boolean isSkipped() {
        return skip;
    }

    @Override
    protected String skipProperty() {
        return "mage-os.index.skip";
    }

    @Override
    protected void run() {
        IndexOptions options = retention(new IndexOptions());
        options.includes = includes;
        options.notifyBatch = notifyBatch;
        options.remoteRepositories = new DeployStep(distributionLog()).publishedRepositories(this::targetOptions);
        new IndexStep(distributionLog()).run(settings(), options);
    }
}
