package org.mageos.distribution.core.plan;

import org.mageos.distribution.core.published.RepositoryReader;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.plan.PackagePlan;
import org.mageos.distribution.core.plan.PackagePlanner;
import org.mageos.distribution.core.testing.TestRepository;

/** A nightly version of this build against the versions a repository published by earlier builds already serves. */
class NightlyReleaseGuardTest {

    @TempDir
    Path tmp;

    /** Tag 1.0.0 with acme/module-b 2.1.3, a develop branch after it: tonight's nightly is 2.1.3.1-a20261121. */
    private PackagePlan nightlyPlan(String scheme) throws Exception {
        return plan(scheme, List.of("develop"));
    }

    private PackagePlan plan(String scheme, List<String> branches) throws Exception {
        try (TestRepository repo = TestRepository.create(Files.createTempDirectory(tmp, "repo"))) {
            String json = "{\"name\": \"acme/module-b\", \"version\": \"2.1.3\"}\n";
            repo.commit("release", Map.of("B/composer.json", json));
            repo.tag("1.0.0");
            repo.commit("work", Map.of("B/Thing.php", "<?php\n"));
            repo.git().branchCreate().setName("develop").call();
            Source source = new Source("modules", repo.dir().toString());
            source.setPackages(List.of(new PackageRule("*")));
            source.setBranches(branches);
            return new PackagePlanner(DistributionLog.SILENT).plan(List.of(new PackagePlanner.SourceRepository(source, repo.git().getRepository())),
                    new Distribution().setNightlyDate(LocalDate.of(2026, 11, 21)).setNightlyVersions(scheme).setSources(List.of(source)));
        }
    }

    /** A repository folder as a client reads it, written by hand: packages.json and one p2 file listing the given versions. */
    private RepositoryReader published(String name, String... versions) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("published-" + name.replace('/', '-') + "-" + versions.length + "-" + versions[0]));
        Files.writeString(dir.resolve("packages.json"), "{\"packages\": [], \"metadata-url\": \"/p2/%package%.json\", \"available-packages\": [\""
                + name + "\"]}", StandardCharsets.UTF_8);
        StringBuilder list = new StringBuilder();
        for (String v : versions) {
            list.append(list.length() == 0 ? "" : ", ").append("{\"name\": \"").append(name).append("\", \"version\": \"").append(v).append("\"}");
        }
        Path p2 = Files.createDirectories(dir.resolve("p2/" + name.substring(0, name.indexOf('/')))).resolve(name.substring(name.indexOf('/') + 1) + ".json");
        Files.writeString(p2, "{\"packages\": {\"" + name + "\": [" + list + "]}}", StandardCharsets.UTF_8);
        return new RepositoryReader(dir.toString());
    }

    @Test
    void aReleasePublishedAtTheNightlyVersionFailsNamingSourceBranchPackageAndVersion() throws Exception {
        PackagePlan plan = nightlyPlan(null);
        RepositoryReader repository = published("acme/module-b", "2.1.3", "2.1.3.1-alpha20261121");
        DistributionException e = assertThrows(DistributionException.class, () -> NightlyReleaseGuard.check(plan, List.of(repository)));
        assertTrue(e.getMessage().contains("source 'modules', branch 'develop', path 'B/composer.json': the nightly version acme/module-b "
                + "2.1.3.1-a20261121 is already published as release 2.1.3.1-alpha20261121 at " + repository.base()), e.getMessage());
    }

    @Test
    void earlierNightsAndOtherVersionsAreNoConflict() throws Exception {
        PackagePlan plan = nightlyPlan(null);
        // the same night built before (a rerun), an earlier night, the release it starts from, another package
        assertDoesNotThrow(() -> NightlyReleaseGuard.check(plan, List.of(published("acme/module-b", "2.1.3", "2.1.3.1-a20261121",
                "2.1.3.1-a20261120"), published("acme/module-x", "2.1.3.1-alpha20261121"))));
        PackagePlan branchPlan = nightlyPlan(Distribution.BRANCH);
        assertDoesNotThrow(() -> NightlyReleaseGuard.check(branchPlan, List.of(published("acme/module-b", "2.1.3", "dev-develop"))));
    }

    @Test
    void aPlanWithoutNightliesReadsNoRepository() throws Exception {
        PackagePlan releasesOnly = plan(null, List.of());
        RepositoryReader nowhere = new RepositoryReader(tmp.resolve("no-such-repository").toString());
        assertThrows(DistributionException.class, nowhere::read, "reading it would fail");
        assertDoesNotThrow(() -> NightlyReleaseGuard.check(releasesOnly, List.of(nowhere)));
    }
}
