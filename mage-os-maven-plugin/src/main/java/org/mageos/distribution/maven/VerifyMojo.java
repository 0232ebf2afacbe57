package org.mageos.distribution.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.index.VerifyStep;
import org.mageos.distribution.core.publish.DeployStep;

/**
 * Reads the built repository back and fails when a client would stumble: a dist missing or with another sha1, a
 * zip whose composer.json disagrees with the metadata, a first-party requirement no version satisfies, two
 * versions that normalize alike.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractPublishedMojo {

    /** Skips the {@code verify} goal; {@code mage-os.skip} skips every goal of the plugin. */
    @Parameter(property = "mage-os.verify.skip", defaultValue = "false")
    private boolean skip;

    /** Vendors whose every required package must be in the repository (e.g. {@code magento}); by default only the names it has. */
    @Parameter
    private List<String> firstPartyVendors = new ArrayList<>();

    /**
     * Problems of package versions upstream published, served as they are: each knownProblem names a package
     * ({@code vendor/name}), a version or constraint ({@code 1.0.0}) and the reason; such a problem is reported with
     * its reason instead of failing the build.
     */
    @Parameter
    private List<org.mageos.distribution.core.config.KnownProblem> knownProblems = new ArrayList<>();

    /**
     * Of the dists that are not in the output folder (versions kept as {@code <publishedRepositoryUrl>} serves them, not
     * downloaded by the build), download and check only this many, chosen by {@link #sampleSeed}; -1 checks all of them.
     */
    @Parameter(property = "mage-os.verify.sample", defaultValue = "-1")
    private int sample;

    /** Chooses the sample: the same seed picks the same dists; pass a build number to check others on each run. */
    @Parameter(property = "mage-os.verify.seed", defaultValue = "")
    private String sampleSeed;

    /**
     * The URL the repository was built for ({@code mage-os.repositoryUrl} of the build): its dist URLs are read back
     * from the output folder. Default: the {@code file://} URL of the output folder.
     */
    @Parameter(property = "mage-os.repositoryUrl")
    public void setRepositoryUrl(String repositoryUrl) {
        this.repositoryUrl = repositoryUrl;
    }

    /**
     * The repository already published that the index merged (as for {@code mage-os:index}): the dists of the versions
     * carried over from it, which the output folder lacks, are read and checked there (S3 and SFTP with the deploy's
     * settings and credentials).
     */
    @Parameter(property = "mage-os.publishedRepositoryUrl")
    public void setPublishedRepositoryUrl(String publishedRepositoryUrl) {
        this.publishedRepositoryUrl = publishedRepositoryUrl;
    }

    /** The Composer repository to verify. */
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
        return "mage-os.verify.skip";
    }

    @Override
    protected void run() {
        new VerifyStep(distributionLog()).run(settings(), firstPartyVendors, knownProblems, sample, sampleSeed,
                new DeployStep(distributionLog()).publishedRepositories(this::targetOptions));
    }
}
