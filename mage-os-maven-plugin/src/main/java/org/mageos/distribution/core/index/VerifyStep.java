package org.mageos.distribution.core.index;

import java.util.Collection;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.KnownProblem;
import org.mageos.distribution.core.config.ProjectSettings;

/** The verify step: reads the built repository back ({@link RepositoryVerifier}), prints its table and fails on any problem. */
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
        RepositoryVerifier.Report report = new RepositoryVerifier(settings.repositoryDir(), settings.effectiveRepositoryUrl(),
                settings.publishedRepository()).firstPartyVendors(firstPartyVendors).knownProblems(knownProblems).verify();
        for (String line : report.table().split("\n")) {
            log.info(line);
        }
        report.unusedKnownProblems().forEach(k -> log.warn("<knownProblems>: " + k + " has no problem any more; remove it"));
        if (!report.ok()) {
            throw new DistributionException("The repository in " + settings.repositoryDir() + " has " + report.allProblems().size()
                    + " problems:\n  " + String.join("\n  ", report.allProblems()));
        }
    }
}
