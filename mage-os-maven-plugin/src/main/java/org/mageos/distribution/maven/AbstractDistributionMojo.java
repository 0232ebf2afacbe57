package org.mageos.distribution.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.AbandonedPackage;
import org.mageos.distribution.core.config.Correction;
import org.mageos.distribution.core.config.GeneratedPackage;
import org.mageos.distribution.core.config.ProjectSettings;
import org.mageos.distribution.core.config.Proxies;
import org.mageos.distribution.core.config.Release;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.config.ThirdPartyNamespace;
import org.mageos.distribution.core.config.VendorRename;
import org.mageos.distribution.core.index.RetentionOptions;

/** What every goal shares: {@code mage-os.skip}, the project's settings built for its step, the mapping of the core's errors to Maven's. */
public abstract class AbstractDistributionMojo extends AbstractMojo {

    // What the goals read into the project's settings: each goal declares as parameters (setters, in its own class) the
    // ones its step reads, so that its parameter list (help, site) is what it uses; the others stay unset.
    protected String repositoryUrl;
    protected String publishedRepositoryUrl;
    protected List<Source> sources;
    protected List<Release> releases;
    protected List<GeneratedPackage> generatedPackages;
    protected List<VendorRename> vendorRenames;
    protected List<Correction> corrections;
    protected boolean pinRequirements;
    protected boolean strict;
    protected String selectedSources;
    protected String securityAdvisories;
    protected List<String> prebuiltPackages;
    protected String nightlyDate;
    protected String nightlyVersions;
    protected List<ThirdPartyNamespace> namespaces;
    protected File cacheDirectory;
    protected File outputDirectory;
    protected String outputTimestamp;
    protected List<String> removeVersions = new ArrayList<>();
    protected List<String> republishVersions = new ArrayList<>();
    protected int nightlyRetentionDays = 30;
    protected List<AbandonedPackage> abandonedPackages = new ArrayList<>();

    /** Intermediate files: the build manifest handed from package to index, the stamps. */
    @Parameter(defaultValue = "${project.build.directory}/mage-os", readonly = true)
    protected File workDirectory;

    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    protected File basedir;

    @Parameter(defaultValue = "${session}", readonly = true)
    protected MavenSession session;

    /** The user's settings.xml: its proxies, and the servers that credentials name. */
    @Parameter(defaultValue = "${settings}", readonly = true)
    protected Settings settings;

    @Component
    protected SettingsDecrypter settingsDecrypter;

    /** Skips every goal of the plugin (each goal also has a skip property of its own, {@code mage-os.GOAL.skip}). */
    @Parameter(property = "mage-os.skip", defaultValue = "false")
    protected boolean skipAll;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skipAll) {
            getLog().info("Skipping: mage-os.skip is set");
            return;
        }
        if (isSkipped()) {
            getLog().info("Skipping: " + skipProperty() + " is set");
            return;
        }
        GitLogging.configure();
        try {
            proxies().install();
            run();
        } catch (DistributionException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    protected abstract boolean isSkipped();

    protected abstract String skipProperty();

    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /** The settings.xml proxies, which every request over HTTP(S) goes through. */
    protected Proxies proxies() {
        return SettingsProxies.of(settings, settingsDecrypter);
    }

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

    /** {@code <removeVersions>}, {@code <republishVersions>}, {@code <nightlyRetentionDays>} and {@code <abandonedPackages>} copied into {@code options}. */
    protected <T extends RetentionOptions> T retention(T options) {
        options.removeVersions = removeVersions;
        options.republishVersions = republishVersions;
        options.nightlyRetentionDays = nightlyRetentionDays;
        options.abandoned = AbandonedPackage.byName(abandonedPackages);
        return options;
    }

    private static java.nio.file.Path path(File file) {
        return file == null ? null : file.toPath();
    }
}
