package org.mageos.distribution.core.index;

import java.nio.file.Files;
import java.util.Collection;
import java.util.List;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.KnownProblem;
import org.mageos.distribution.core.config.ProjectSettings;
import org.mageos.distribution.core.packaging.PackageManifest;
import org.mageos.distribution.core.published.RemoteRepositories;

/**
 * The verify step: reads the built repository back ({@link RepositoryVerifier}), prints its table and the versions the
 * plan skipped as Composer skips them, and fails on any problem.
 */
public final class VerifyStep {

    private final DistributionLog log;

    public VerifyStep(DistributionLog log) {
        this.log = log;
    }

    /**
     * @param firstPartyVendors vendors whose every required package must be in the repository
     * @param knownProblems     problems of versions upstream published, reported with their reason instead of failing
     */
    public void run(ProjectSettings settings, Collection<String> firstPartyVendors, java.util.List<KnownProblem> knownProblems) {
        run(settings, firstPartyVendors, knownProblems, -1, null);
    }

    /**
     * @param sample dists not in the output folder (versions kept as the published repository serves them) to download
     *               and check, chosen by {@code seed} (see {@link RepositoryVerifier#sample}); negative for all of them
     */
    public void run(ProjectSettings settings, Collection<String> firstPartyVendors, java.util.List<KnownProblem> knownProblems,
            int sample, String seed) {
        run(settings, firstPartyVendors, knownProblems, sample, seed, RemoteRepositories.NONE);
    }

    /** @param remote opens a {@code <publishedRepositoryUrl>} on S3 or SFTP (the deploy's client and credentials) */
    public void run(ProjectSettings settings, Collection<String> firstPartyVendors, java.util.List<KnownProblem> knownProblems,
            int sample, String seed, RemoteRepositories remote) {
        RepositoryVerifier.Report report = new RepositoryVerifier(settings.repositoryDir(), settings.effectiveRepositoryUrl(),
                settings.publishedRepository()).remoteRepositories(remote).firstPartyVendors(firstPartyVendors).knownProblems(knownProblems).sample(sample, seed).verify();
        for (String line : report.table().split("\n")) {
            log.info(line);
        }
        if (Files.isRegularFile(settings.manifestFile())) {
            List<String> skipped = PackageManifest.read(settings.manifestFile()).skipped;
            log.info(skipped.size() + " versions skipped as Composer skips them (see <strict>)" + (skipped.isEmpty() ? "" : ":"));
            skipped.forEach(line -> log.info("  " + line));
        }
        report.unusedKnownProblems().forEach(k -> log.warn("<knownProblems>: " + k + " has no problem any more; remove it"));
        if (!report.ok()) {
            throw new DistributionException("The repository in " + settings.repositoryDir() + " has " + report.allProblems().size()
                    + " problems:\n  " + String.join("\n  ", report.allProblems()));
        }
    }
}
