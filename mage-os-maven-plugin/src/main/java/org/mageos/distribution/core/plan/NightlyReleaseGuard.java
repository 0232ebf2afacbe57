package org.mageos.distribution.core.plan;

import org.mageos.distribution.core.published.RepositoryReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.plan.PackagePlan;
import org.mageos.distribution.core.plan.PlannedVersion;
import org.mageos.distribution.core.version.InvalidVersionException;
import org.mageos.distribution.core.version.NightlyVersion;
import org.mageos.distribution.core.version.VersionParser;

/**
 * A nightly never overwrites a release, also one published by an earlier build: a nightly version this build
 * plans that a repository already serves as a release fails the build, before anything is written. A published
 * version of a nightly's form ({@code 1.2.3.1-a<YYYYMMDD>}, a {@code dev} version) is an earlier night's and may be
 * met again; anything else at the same normalized version is a release.
 */
public final class NightlyReleaseGuard {

    private NightlyReleaseGuard() {
    }

    /** @param repositories the repositories already served (the published one, the output folder, a deploy folder) */
    public static void check(PackagePlan plan, List<RepositoryReader> repositories) {
        Map<String, List<PlannedVersion>> nightlies = new LinkedHashMap<>();
        for (PlannedVersion v : plan.versions()) {
            if (v.branch() != null) {
                nightlies.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v);
            }
        }
        if (nightlies.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (RepositoryReader repository : repositories) {
            Map<String, List<ObjectNode>> published = repository.read();
            nightlies.forEach((name, versions) -> {
                for (ObjectNode entry : published.getOrDefault(name, List.of())) {
                    String version = entry.path("version").asText("");
                    if (isNightly(version)) {
                        continue;
                    }
                    String normalized = normalized(version);
                    for (PlannedVersion v : versions) {
                        if (v.versionNormalized().equals(normalized)) {
                            problems.add(v.origin() + ": the nightly version " + name + " " + v.version() + " is already published as release "
                                    + version + " at " + repository.base());
                        }
                    }
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new DistributionException("A nightly never overwrites a release:\n  " + String.join("\n  ", problems)
                    + "\nUse <nightlyVersions>branch</nightlyVersions> (dev-<branch> versions), or select other branches.");
        }
    }

    /** A version of a nightly's form: an earlier night's. */
    static boolean isNightly(String version) {
        return NightlyVersion.buildDate(version) != null || "dev".equals(VersionParser.parseStability(version));
    }

    private static String normalized(String version) {
        try {
            return VersionParser.normalize(version);
        } catch (InvalidVersionException e) {
            return version;
        }
    }
}
