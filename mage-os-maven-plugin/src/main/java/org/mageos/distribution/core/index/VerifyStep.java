package org.mageos.distribution.core.index;

import java.util.Collection;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.ProjectSettings;

/** The verify step: reads the built repository back ({@link RepositoryVerifier}), prints its table and fails on any problem. */
public final class VerifyStep {

    private final DistributionLog log;

    public VerifyStep(DistributionLog log) {
        this.log = log;
    }

    /** @param firstPartyVendors vendors whose every required package must be in the repository */
    public void run(ProjectSettings settings, Collection<String> firstPartyVendors) {
        RepositoryVerifier.Report report = new RepositoryVerifier(settings.repositoryDir(), settings.effectiveRepositoryUrl(),
                settings.publishedRepository()).firstPartyVendors(firstPartyVendors).verify();
        for (String line : report.table().split("\n")) {
            log.info(line);
        }
        if (!report.ok()) {
            throw new DistributionException("The repository in " + settings.repositoryDir() + " has " + report.allProblems().size()
                    + " problems:\n  " + String.join("\n  ", report.allProblems()));
        }
    }
}
