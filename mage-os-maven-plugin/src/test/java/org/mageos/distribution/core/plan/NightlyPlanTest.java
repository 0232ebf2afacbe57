package org.mageos.distribution.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.GeneratedPackage;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Release;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.config.VendorRename;
import org.mageos.distribution.core.testing.TestRepository;

/** Branch heads planned as nightly versions, from real git repositories. */
class NightlyPlanTest {

    @TempDir
    Path tmp;

    private static String module(String name, String version, String require) {
        return "{\n    \"name\": \"" + name + "\",\n    \"version\": \"" + version + "\",\n    \"require\": {" + require + "}\n}\n";
    }

    /** Tag 1.0.0 with module-a 1.0.0 and module-b 2.1.3, then a commit after it that the given branches point to. */
    private static RevCommit released(TestRepository repo, String... branches) throws Exception {
        repo.commit("release", Map.of("A/composer.json", module("acme/module-a", "1.0.0", "\"acme/module-b\": \"^2.1\""),
                "B/composer.json", module("acme/module-b", "2.1.3", "")));
        repo.tag("1.0.0");
        RevCommit head = repo.commit("work", Map.of("A/composer.json", module("acme/module-a", "1.0.0",
                "\"acme/module-b\": \"^2.1\", \"acme/module-c\": \"*\", \"php\": \"~8.2\""), "C/composer.json", module("acme/module-c", "1.0.0", "")));
        for (String branch : branches) {
            repo.git().branchCreate().setName(branch).call();
        }
        return head;
    }

    private static Source source(TestRepository repo, String... branches) {
        Source source = new Source("modules", repo.dir().toString());
        source.setPackages(List.of(new PackageRule("*")));
        source.setBranches(List.of(branches));
        return source;
    }

    private static PackagePlan plan(Source source, TestRepository repo, Distribution distribution) {
        return new PackagePlanner(DistributionLog.SILENT).plan(List.of(new PackagePlanner.SourceRepository(source, repo.git().getRepository())),
                distribution.setSources(List.of(source)));
    }

    /** name version -> require of every planned version. */
    private static Map<String, String> planned(PackagePlan plan) {
        Map<String, String> result = new TreeMap<>();
        plan.versions().forEach(v -> result.put(v.name() + " " + v.version(), v.composerJson().path("require").toString()));
        return result;
    }

    @Test
    void defaultSchemeFromTheLatestTagWithPinnedSiblings() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            RevCommit head = released(repo, "develop", "feature");
            Source source = source(repo, "dev*");
            PackagePlan plan = plan(source, repo, new Distribution().setNightlyDate(LocalDate.of(2026, 11, 21)));
            Map<String, String> expected = new TreeMap<>();
            expected.put("acme/module-a 1.0.0", "{\"acme/module-b\":\"^2.1\"}");
            expected.put("acme/module-b 2.1.3", "{}");
            // php is no package of the distribution: its constraint stays
            expected.put("acme/module-a 1.0.0.1-a20261121",
                    "{\"acme/module-b\":\"2.1.3.1-a20261121\",\"acme/module-c\":\"0.0.1.1-a20261121\",\"php\":\"~8.2\"}");
            expected.put("acme/module-b 2.1.3.1-a20261121", "{}");
            expected.put("acme/module-c 0.0.1.1-a20261121", "{}");
            assertEquals(expected, planned(plan), "branch 'feature' does not match dev*; main is not selected");
            PlannedVersion c = plan.versions().stream().filter(v -> v.name().equals("acme/module-c")).findFirst().orElseThrow();
            assertEquals(head, c.tag().commit());
            assertEquals("develop", c.tag().name());
            assertEquals("0.0.1.1-a20261121", c.composerJson().path("version").asText(), "composer.json carries the nightly version");
        }
    }

    @Test
    void branchSchemeGivesComposerBranchVersions() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            released(repo, "2.4-develop", "2.4");
            PackagePlan plan = plan(source(repo, "2.4*"), repo, new Distribution().setNightlyVersions(Distribution.BRANCH));
            Map<String, String> nightlies = new TreeMap<>(planned(plan));
            nightlies.keySet().removeIf(k -> k.endsWith(" 1.0.0") || k.endsWith(" 2.1.3"));
            Map<String, String> expected = new TreeMap<>();
            expected.put("acme/module-a 2.4.x-dev", "{\"acme/module-b\":\"2.4.x-dev\",\"acme/module-c\":\"2.4.x-dev\",\"php\":\"~8.2\"}");
            expected.put("acme/module-b 2.4.x-dev", "{}");
            expected.put("acme/module-c 2.4.x-dev", "{}");
            expected.put("acme/module-a dev-2.4-develop",
                    "{\"acme/module-b\":\"dev-2.4-develop\",\"acme/module-c\":\"dev-2.4-develop\",\"php\":\"~8.2\"}");
            expected.put("acme/module-b dev-2.4-develop", "{}");
            expected.put("acme/module-c dev-2.4-develop", "{}");
            assertEquals(expected, nightlies);
        }
    }

    @Test
    void twoBranchesWithTheSameNightlyVersionAreAnError() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            released(repo, "develop", "2.4-develop");
            DistributionException e = assertThrows(DistributionException.class,
                    () -> plan(source(repo, "develop", "2.4-develop"), repo, new Distribution().setNightlyDate(LocalDate.of(2026, 11, 21))));
            assertTrue(e.getMessage().contains("branch 'develop'") && e.getMessage().contains("branch '2.4-develop'")
                    && e.getMessage().contains("<nightlyVersions>branch</nightlyVersions>"), e.getMessage());
        }
    }

    @Test
    void aNightlyNeverReplacesARelease() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            // an old tag released module-b at the very version tonight's nightly of 1.0.0's 2.1.3 would get
            repo.commit("odd", Map.of("B/composer.json", module("acme/module-b", "2.1.3.1-a20261121", "")));
            repo.tag("0.9.0");
            released(repo, "develop");
            DistributionException e = assertThrows(DistributionException.class,
                    () -> plan(source(repo, "develop"), repo, new Distribution().setNightlyDate(LocalDate.of(2026, 11, 21))));
            assertTrue(e.getMessage().contains("source 'modules', branch 'develop', path 'B/composer.json'")
                    && e.getMessage().contains("acme/module-b 2.1.3.1-a20261121 is already a release"), e.getMessage());
        }
    }

    @Test
    void malformedComposerJsonAtABranchHeadNamesTheBranch() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            released(repo);
            repo.commit("broken", Map.of("B/composer.json", "{\"name\": \"acme/module-b\","));
            repo.git().branchCreate().setName("develop").call();
            DistributionException e = assertThrows(DistributionException.class,
                    () -> plan(source(repo, "develop"), repo, new Distribution().setNightlyDate(LocalDate.of(2026, 11, 21))));
            assertTrue(e.getMessage().startsWith("source 'modules', branch 'develop', path 'B/composer.json': malformed composer.json"),
                    e.getMessage());
        }
    }

    private static GeneratedPackage generated(String name, String type, String... require) {
        GeneratedPackage g = new GeneratedPackage();
        g.setName(name);
        g.setType(type);
        g.setSources("modules");
        g.setRequire(List.of(require));
        return g;
    }

    private static PlannedVersion version(PackagePlan plan, String name, String version) {
        return plan.versions().stream().filter(v -> v.name().equals(name) && v.version().equals(version)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " " + version + " in " + planned(plan).keySet()));
    }

    @Test
    void generatedPackagesGetTheNightsVersionAndRequireTheNightsPackages() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            RevCommit head = released(repo, "develop");
            Source source = source(repo, "develop");
            Distribution distribution = new Distribution().setNightlyDate(LocalDate.of(2026, 11, 21)).setRepositoryUrl("https://nightly.example.org/")
                    .setGeneratedPackages(List.of(generated("acme/product", "metapackage", "php:~8.2.0"),
                            generated("acme/project", "project", "acme/product")));
            PackagePlan plan = plan(source, repo, distribution);
            // the release 1.0.0 makes both at 1.0.0, the night at the scheme applied to 1.0.0
            assertEquals("{\"acme/module-a\":\"1.0.0\",\"acme/module-b\":\"2.1.3\",\"php\":\"~8.2.0\"}",
                    version(plan, "acme/product", "1.0.0").composerJson().path("require").toString());
            PlannedVersion product = version(plan, "acme/product", "1.0.0.1-a20261121");
            assertEquals("{\"acme/module-a\":\"1.0.0.1-a20261121\",\"acme/module-b\":\"2.1.3.1-a20261121\","
                    + "\"acme/module-c\":\"0.0.1.1-a20261121\",\"php\":\"~8.2.0\"}", product.composerJson().path("require").toString(),
                    "every package of the night at its exact nightly version, module-c (never released) too");
            assertEquals("1.0.0.1-a20261121", product.composerJson().path("version").asText());
            assertEquals(head.getCommitTime(), product.time().getEpochSecond(), "the time of the branch head");
            PlannedVersion project = version(plan, "acme/project", "1.0.0.1-a20261121");
            assertEquals("{\"acme/product\":\"1.0.0.1-a20261121\"}", project.composerJson().path("require").toString());
            assertEquals("https://nightly.example.org/", project.composerJson().path("repositories").path(0).path("url").asText());
            assertEquals("alpha", project.composerJson().path("minimum-stability").asText(), "the night's modules are alpha versions");
            assertTrue(version(plan, "acme/project", "1.0.0").composerJson().path("minimum-stability").isMissingNode());

            PackagePlan branchPlan = plan(source, repo, new Distribution().setNightlyVersions(Distribution.BRANCH)
                    .setGeneratedPackages(List.of(generated("acme/product", "metapackage"), generated("acme/project", "project", "acme/product"))));
            assertEquals("{\"acme/module-a\":\"dev-develop\",\"acme/module-b\":\"dev-develop\",\"acme/module-c\":\"dev-develop\"}",
                    version(branchPlan, "acme/product", "dev-develop").composerJson().path("require").toString());
            PlannedVersion devProject = version(branchPlan, "acme/project", "dev-develop");
            assertEquals("{\"acme/product\":\"dev-develop\"}", devProject.composerJson().path("require").toString());
            assertEquals("dev", devProject.composerJson().path("minimum-stability").asText());
        }
    }

    @Test
    void aGeneratedPackageOfTwoBranchesWithTheSameVersionIsAnError() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            released(repo);
            // two branches whose packages differ (so no package collides) but whose product would be the same version
            repo.commit("other", Map.of("D/composer.json", module("acme/module-d", "1.0.0", "")));
            repo.git().branchCreate().setName("develop").call();
            Source left = source(repo, "develop");
            Source right = new Source("more", repo.dir().toString());
            right.setPackages(List.of(new PackageRule("D")));
            right.setBranches(List.of("2.4-develop"));
            repo.git().branchCreate().setName("2.4-develop").call();
            left.setPackages(List.of(new PackageRule("A")));
            GeneratedPackage g = generated("acme/product", "metapackage");
            g.setSources(null);
            Distribution distribution = new Distribution().setNightlyDate(LocalDate.of(2026, 11, 21)).setGeneratedPackages(List.of(g));
            DistributionException e = assertThrows(DistributionException.class, () -> new PackagePlanner(DistributionLog.SILENT).plan(
                    List.of(new PackagePlanner.SourceRepository(left, repo.git().getRepository()),
                            new PackagePlanner.SourceRepository(right, repo.git().getRepository())),
                    distribution.setSources(List.of(left, right))));
            assertTrue(e.getMessage().contains("<generatedPackages><generatedPackage name=acme/product>")
                    && e.getMessage().contains("acme/product 1.0.0.1-a20261121 is also built from branch"), e.getMessage());
        }
    }

    @Test
    void theNightlyStartsFromWhatTheLatestReleasePublished() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            released(repo, "develop");
            Source source = source(repo, "develop");
            Release release = new Release();
            release.setVersion("1.0.0");
            release.setVersionOverrides(List.of(new Release.VersionOverride("acme/*", "1.0.0")));
            PackagePlan plan = plan(source, repo, new Distribution().setNightlyDate(LocalDate.of(2026, 11, 21)).setReleases(List.of(release))
                    .setVendorRenames(List.of(new VendorRename("acme", "mage-os"))));
            Map<String, String> nightlies = new TreeMap<>(planned(plan));
            nightlies.keySet().removeIf(k -> !k.contains("-a2026"));
            Map<String, String> expected = new TreeMap<>();
            // module-b was published as mage-os/module-b 1.0.0 (override), not 2.1.3: its nightly starts there
            expected.put("mage-os/module-a 1.0.0.1-a20261121",
                    "{\"mage-os/module-b\":\"1.0.0.1-a20261121\",\"mage-os/module-c\":\"0.0.1.1-a20261121\",\"php\":\"~8.2\"}");
            expected.put("mage-os/module-b 1.0.0.1-a20261121", "{}");
            expected.put("mage-os/module-c 0.0.1.1-a20261121", "{}");
            assertEquals(expected, nightlies);
            // the upstream name is replaced at the upstream package's nightly version (2.1.3 -> 2.1.3.1-a...), a valid constraint
            assertEquals("{\"acme/module-b\":\"2.1.3.1-a20261121\"}",
                    version(plan, "mage-os/module-b", "1.0.0.1-a20261121").composerJson().path("replace").toString());
        }
    }
}
