package org.mageos.distribution.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.testing.TestRepository;

class PackagePlannerTest {

    @TempDir
    Path tmp;

    private static String module(String name, String version) {
        return "{\n    \"name\": \"" + name + "\",\n    \"version\": \"" + version + "\",\n    \"type\": \"magento2-module\"\n}\n";
    }

    private PackagePlan plan(Source source, TestRepository repo) {
        return new PackagePlanner(DistributionLog.SILENT).plan(List.of(new PackagePlanner.SourceRepository(source, repo.git().getRepository())));
    }

    private PackagePlan strictPlan(Source source, TestRepository repo) {
        return new PackagePlanner(DistributionLog.SILENT).plan(List.of(new PackagePlanner.SourceRepository(source, repo.git().getRepository())),
                new Distribution(List.of(source)).setStrict(true));
    }

    @Test
    void eachVersionOnceFromTheEarliestTagInVersionOrder() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            // commits in this order, but 1.9.0 < 1.10.0 as versions (and "1.10.0" < "1.9.0" as strings)
            RevCommit c1 = repo.commit("a", Map.of("A/composer.json", module("acme/module-a", "1.0.0"),
                    "B/composer.json", module("acme/module-b", "2.0.0"), "docs/readme.txt", "no package here"));
            repo.tag("1.9.0");
            repo.commit("b", Map.of("B/composer.json", module("acme/module-b", "2.0.1")));
            repo.tag("1.10.0");
            repo.tag("v1.10.0");
            repo.tag("not-a-version");
            repo.commit("c", Map.of("B/composer.json", module("acme/module-b", "2.0.2")));
            repo.tag("1.11.0-beta1");

            Source source = new Source("modules", repo.dir().toString());
            source.setPackages(List.of(new PackageRule("*")));
            PackagePlan plan = plan(source, repo);
            List<String> built = plan.versions().stream().map(v -> v.name() + " " + v.version() + " @" + v.tag().name())
                    .collect(Collectors.toList());
            assertEquals(List.of("acme/module-a 1.0.0 @1.9.0", "acme/module-b 2.0.0 @1.9.0", "acme/module-b 2.0.1 @1.10.0",
                    "acme/module-b 2.0.2 @1.11.0-beta1"), built);
            PlannedVersion a = plan.versions().get(0);
            assertEquals(c1, a.tag().commit());
            assertEquals("A", a.folder());
            PackagePlan.SourceSummary summary = plan.summaries().get("modules");
            assertEquals(5, summary.tags());
            assertEquals(3, summary.selectedTags(), "v1.10.0 duplicates 1.10.0, not-a-version is no version");
            assertEquals(4, summary.versions());
            assertEquals(2, summary.reused());
        }
    }

    /** What each tag holds, for the dependency analysis: a version built at an earlier tag, but not a package gone. */
    @Test
    void whatEachTagGivesItsRelease() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            repo.commit("a", Map.of("A/composer.json", module("acme/module-a", "1.0.0"), "G/composer.json", module("acme/module-gone", "5.0.0")));
            repo.tag("1.0.0");
            Map<String, String> next = new java.util.HashMap<>();
            next.put("G/composer.json", null);
            next.put("B/composer.json", module("acme/module-b", "2.0.0"));
            repo.commit("b", next);
            repo.tag("1.1.0");

            Source source = new Source("modules", repo.dir().toString());
            source.setPackages(List.of(new PackageRule("*")));
            List<ReleaseContent> releases = plan(source, repo).releases();
            assertEquals(2, releases.size());
            ReleaseContent first = releases.get(0);
            assertEquals(List.of("1.0.0", "modules", "1.0.0", false), List.of(first.release, first.source, first.tag, first.newestTag));
            assertEquals(Map.of("acme/module-a", "1.0.0.0", "acme/module-gone", "5.0.0.0"), first.packages);
            ReleaseContent newest = releases.get(1);
            assertEquals(List.of("1.1.0", "modules", "1.1.0", true), List.of(newest.release, newest.source, newest.tag, newest.newestTag));
            assertEquals(Map.of("acme/module-a", "1.0.0.0", "acme/module-b", "2.0.0.0"), newest.packages,
                    "module-a's version was built at 1.0.0 and is still in 1.1.0; module-gone is not");
        }
    }

    @Test
    void tagConstraintVersionFromTagAndComposerJsonGetsTheVersion() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            repo.commit("a", Map.of("composer.json", "{\n    \"name\": \"acme/lib\",\n    \"description\": \"d\",\n    \"require\": {}\n}\n"));
            repo.tag("v1.0.0");
            repo.commit("b", Map.of("README", "x"));
            repo.tag("v1.1.0");
            repo.commit("c", java.util.Collections.singletonMap("composer.json", null));
            repo.tag("v1.2.0");
            Source source = new Source("lib", repo.dir().toString());
            source.setTags(">=1.1");
            PackagePlan plan = plan(source, repo);
            assertEquals(1, plan.versions().size(), "1.0.0 is outside the constraint; 1.2.0 has no composer.json");
            PlannedVersion v = plan.versions().get(0);
            assertEquals("v1.1.0", v.version());
            assertEquals("1.1.0.0", v.versionNormalized());
            assertEquals("{\n    \"name\": \"acme/lib\",\n    \"description\": \"d\",\n    \"version\": \"v1.1.0\",\n    \"require\": {}\n}\n",
                    new String(v.composerJsonBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void composerJsonThatCarriesItsVersionIsKeptByteForByte() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            String original = "{\"name\":\"acme/m\",  \"version\":\"1.0.0\"}";
            repo.commit("a", Map.of("composer.json", original));
            repo.tag("v1.0.0");
            PlannedVersion v = plan(new Source("m", repo.dir().toString()), repo).versions().get(0);
            assertEquals(original, new String(v.composerJsonBytes(), java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("1.0.0", v.version());
        }
    }

    @Test
    void malformedComposerJsonNamesSourceTagAndPath() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            repo.commit("a", Map.of("Mod/composer.json", module("acme/mod", "1.0.0")));
            repo.tag("1.0.0");
            repo.commit("b", Map.of("Mod/composer.json", "{\"name\": \"acme/mod\",\n \"version\": }"));
            repo.tag("1.0.1");
            Source source = new Source("security-package", repo.dir().toString());
            source.setPackages(List.of(new PackageRule("*")));
            // Composer skips what it cannot read, with a warning; <strict> makes it the build's failure
            DistributionException e = assertThrows(DistributionException.class, () -> strictPlan(source, repo));
            assertTrue(e.getMessage().startsWith("source 'security-package', tag '1.0.1', path 'Mod/composer.json': skipped, composer.json does not"
                    + " contain valid JSON"), e.getMessage());
            assertTrue(e.getMessage().contains("line 2"), e.getMessage());
            PackagePlan plan = plan(source, repo);
            assertEquals(List.of("acme/mod 1.0.0"), plan.versions().stream().map(v -> v.name() + " " + v.version()).toList());
            assertEquals(1, plan.skipped().size(), plan.skipped().toString());
            assertTrue(plan.skipped().get(0).startsWith("source 'security-package', tag '1.0.1', path 'Mod/composer.json': skipped"));
        }
    }

    @Test
    void invalidNameAndVersionAreReported() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            repo.commit("a", Map.of("composer.json", "{\"name\": \"Acme/Lib\"}"));
            repo.tag("1.0.0");
            DistributionException e = assertThrows(DistributionException.class, () -> strictPlan(new Source("lib", "x"), repo));
            assertTrue(e.getMessage().contains("tag '1.0.0', path 'composer.json': skipped, invalid package: name : Acme/Lib is invalid"),
                    e.getMessage());
            assertEquals(List.of(), plan(new Source("lib", "x"), repo).versions());
        }
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo2"))) {
            repo.commit("a", Map.of("composer.json", "{\"name\": \"acme/lib\", \"version\": \"1.0.0-meh\"}"));
            repo.tag("1.0.0");
            DistributionException e = assertThrows(DistributionException.class, () -> strictPlan(new Source("lib", "x"), repo));
            assertTrue(e.getMessage().contains("tag '1.0.0'") && e.getMessage().contains("\"version\": \"1.0.0-meh\" in composer.json is not a"
                    + " version"), e.getMessage());
        }
    }

    @Test
    void folderGlobMatchesLevelByLevelAndSkipsHiddenFolders() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            repo.commit("a", Map.of(
                    "app/code/Magento/Catalog/composer.json", module("magento/module-catalog", "1.0.0"),
                    "app/code/Magento/Cms/composer.json", module("magento/module-cms", "1.0.0"),
                    "app/code/Vendor/Other/composer.json", module("vendor/other", "1.0.0"),
                    "app/code/Magento/.hidden/composer.json", module("magento/hidden", "1.0.0"),
                    "app/code/Magento/Catalog/Sub/composer.json", module("magento/sub", "1.0.0")));
            repo.tag("1.0.0");
            Source source = new Source("m2", repo.dir().toString());
            source.setPackages(List.of(new PackageRule("app/code/Magento/*")));
            List<String> names = new ArrayList<>();
            plan(source, repo).versions().forEach(v -> names.add(v.name() + "@" + v.folder()));
            assertEquals(List.of("magento/module-catalog@app/code/Magento/Catalog", "magento/module-cms@app/code/Magento/Cms"), names);
        }
    }
}
