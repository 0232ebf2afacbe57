package org.mageos.distribution.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.ComposerPatch;
import org.mageos.distribution.core.config.Correction;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.DistributionConfig;
import org.mageos.distribution.core.config.GeneratedPackage;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Release;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.config.SourceRef;
import org.mageos.distribution.core.git.GitCache;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;

/** What the real Magento repositories need from a mirror: no pins, corrections by version, refs, warnings, <strict>. */
class MirrorQuirksTest {

    @TempDir
    Path tmp;

    private static String module(String name, String version, String require) {
        return "{\n    \"name\": \"" + name + "\",\n" + (version == null ? "" : "    \"version\": \"" + version + "\",\n")
                + "    \"require\": {" + require + "}\n}\n";
    }

    /** A security-package-like repository: two modules and a metapackage; tag 1.1.0, then 1.2.0 where module-b has no version. */
    private TestRepository extension() throws Exception {
        TestRepository repo = TestRepository.create(tmp.resolve("ext"));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("A/composer.json", module("acme/module-a", "1.0.0", "\"acme/module-b\": \"*\", \"php\": \"~8.1\""));
        files.put("A/Model.php", "<?php // a 1.0.0\n");
        files.put("B/composer.json", module("acme/module-b", "2.0.0", "\"php\": \"~8.1\""));
        files.put("_metapackage/composer.json", "{\n    \"name\": \"acme/ext\",\n    \"type\": \"metapackage\",\n    \"version\": \"1.1.0\",\n"
                + "    \"require\": {\"acme/module-a\": \"*\", \"acme/module-b\": \"*\"}\n}\n");
        repo.commit("1.1.0", files);
        repo.tag("1.1.0");
        repo.commit("1.2.0", Map.of("A/composer.json", module("acme/module-a", "1.0.1", "\"acme/module-b\": \"*\", \"php\": \"~8.1\"")
                        .replace("\n}\n", ",\n    \"suggest\": {\"acme/module-b\": \"*\"}\n}\n"),
                "A/Model.php", "<?php // a 1.0.1\n",
                "B/composer.json", module("acme/module-b", null, "\"php\": \"~8.1\""),
                "_metapackage/composer.json", "{\n    \"name\": \"acme/ext\",\n    \"type\": \"metapackage\",\n    \"version\": \"1.2.0\",\n"
                        + "    \"require\": {\"acme/module-a\": \"*\", \"acme/module-b\": \"*\"}\n}\n"));
        repo.tag("1.2.0");
        return repo;
    }

    private static Source extensionSource() {
        Source source = new Source("ext", "unused");
        source.setPackages(List.of(new PackageRule("*")));
        return source;
    }

    private PackagePlan plan(Distribution d, Repository repository, RecordingLog log) {
        d.setProjectDir(tmp);
        DistributionConfig.validate(d);
        return new PackagePlanner(log).plan(List.of(new PackagePlanner.SourceRepository(d.getSources().get(0), repository)), d);
    }

    private static Map<String, PlannedVersion> byNameVersion(PackagePlan plan) {
        Map<String, PlannedVersion> map = new LinkedHashMap<>();
        plan.versions().forEach(v -> map.put(v.name() + " " + v.version(), v));
        return map;
    }

    @Test
    void aMirrorKeepsRequirementsAsUpstreamWroteThemAndPinsOnlyWhenAsked() throws Exception {
        try (TestRepository repo = extension()) {
            Map<String, PlannedVersion> mirror = byNameVersion(plan(new Distribution(List.of(extensionSource())), repo.git().getRepository(),
                    new RecordingLog()));
            assertEquals("*", mirror.get("acme/module-a 1.0.0").composerJson().get("require").get("acme/module-b").asText());
            assertEquals("*", mirror.get("acme/ext 1.1.0").composerJson().get("require").get("acme/module-a").asText());
            // the version of a package that keeps its composer.json is kept byte for byte
            assertEquals(module("acme/module-a", "1.0.0", "\"acme/module-b\": \"*\", \"php\": \"~8.1\""),
                    new String(mirror.get("acme/module-a 1.0.0").composerJsonBytes(), StandardCharsets.UTF_8));

            Map<String, PlannedVersion> pinned = byNameVersion(plan(new Distribution(List.of(extensionSource())).setPinRequirements(true),
                    repo.git().getRepository(), new RecordingLog()));
            assertEquals("2.0.0", pinned.get("acme/module-a 1.0.0").composerJson().get("require").get("acme/module-b").asText());
            assertEquals("~8.1", pinned.get("acme/module-a 1.0.0").composerJson().get("require").get("php").asText());
        }
    }

    @Test
    void aVersionFromTheTagNameIsWarnedAboutAndAnOverrideFixesItAndPinsIt() throws Exception {
        try (TestRepository repo = extension()) {
            RecordingLog log = new RecordingLog();
            Map<String, PlannedVersion> v = byNameVersion(plan(new Distribution(List.of(extensionSource())), repo.git().getRepository(), log));
            assertTrue(v.containsKey("acme/module-b 1.2.0"), v.keySet().toString());
            assertTrue(log.text().contains("source 'ext', tag '1.2.0': acme/module-b has no \"version\" in B/composer.json; it takes the tag's"
                    + " name 1.2.0"), log.text());

            // <strict> fails, naming source, tag and package
            DistributionException e = assertThrows(DistributionException.class, () -> plan(new Distribution(List.of(extensionSource()))
                    .setStrict(true), repo.git().getRepository(), new RecordingLog()));
            assertTrue(e.getMessage().contains("<strict>") && e.getMessage().contains("source 'ext', tag '1.2.0': acme/module-b"), e.getMessage());

            // the version upstream released, for that tag: published under it, and the metapackage's "*" on it pinned
            Release fix = new Release();
            fix.setVersion("1.2.0");
            fix.setTags(List.of(new Release.ReleaseTag("ext", "1.2.0")));
            fix.setVersionOverrides(List.of(new Release.VersionOverride("acme/module-b", "2.0.1")));
            RecordingLog fixedLog = new RecordingLog();
            Map<String, PlannedVersion> fixed = byNameVersion(plan(new Distribution(List.of(extensionSource())).setReleases(List.of(fix))
                    .setStrict(true), repo.git().getRepository(), fixedLog));
            assertTrue(fixed.containsKey("acme/module-b 2.0.1") && !fixed.containsKey("acme/module-b 1.2.0"), fixed.keySet().toString());
            assertEquals("2.0.1", fixed.get("acme/ext 1.2.0").composerJson().get("require").get("acme/module-b").asText());
            assertEquals("2.0.1", fixed.get("acme/module-a 1.0.1").composerJson().get("require").get("acme/module-b").asText());
            // as the generator's version fixes: its suggest names that version too
            assertEquals("2.0.1", fixed.get("acme/module-a 1.0.1").composerJson().get("suggest").get("acme/module-b").asText());
            assertFalse(fixedLog.text().contains("has no \"version\""), fixedLog.text());
        }
    }

    @Test
    void correctionsApplyToAPackageVersionWhicheverReleaseBuildsIt() throws Exception {
        try (TestRepository repo = extension()) {
            Files.createDirectories(tmp.resolve("fix"));
            Files.writeString(tmp.resolve("fix/Model.php"), "<?php // as upstream released it\n");
            Correction suggest = new Correction();
            suggest.setPackage("acme/module-a");
            suggest.setVersion("1.0.1");
            suggest.setPatches(List.of(new ComposerPatch(null, "suggest", "acme/module-c", "1.2.*"),
                    new ComposerPatch(null, "require", "php", "~7.4||~8.1")));
            Release.FileReplacement file = new Release.FileReplacement();
            file.setPath("Model.php");
            file.setFrom("fix/Model.php");
            suggest.setFiles(List.of(file));
            Correction range = new Correction();
            range.setPackage("acme/ext");
            range.setVersion(">=1.1.0 <1.2.0");
            range.setPatches(List.of(new ComposerPatch(null, "conflict", "acme/legacy", ">=4.7.0")));
            Correction exclude = new Correction();
            exclude.setPackage("acme/module-a");
            exclude.setVersion("!=1.0.1");
            exclude.setExcludes(List.of("Model.php"));
            Map<String, PlannedVersion> v = byNameVersion(plan(new Distribution(List.of(extensionSource())).setCorrections(List.of(suggest, range, exclude)),
                    repo.git().getRepository(), new RecordingLog()));
            PlannedVersion a101 = v.get("acme/module-a 1.0.1");
            assertEquals("1.2.*", a101.composerJson().get("suggest").get("acme/module-c").asText());
            assertEquals("~7.4||~8.1", a101.composerJson().get("require").get("php").asText());
            assertEquals("<?php // as upstream released it\n", new String(a101.files().get("Model.php"), StandardCharsets.UTF_8));
            assertNull(v.get("acme/module-a 1.0.0").composerJson().get("suggest"));
            assertTrue(v.get("acme/module-a 1.0.0").files().isEmpty());
            assertEquals(List.of("/Model.php"), v.get("acme/module-a 1.0.0").excludes());
            assertEquals(List.of(), a101.excludes());
            assertEquals(">=4.7.0", v.get("acme/ext 1.1.0").composerJson().get("conflict").get("acme/legacy").asText());
            assertNull(v.get("acme/ext 1.2.0").composerJson().get("conflict"));
        }
    }

    @Test
    void aVersionOutsideTagsIsNotPublishedAndIsWarnedAbout() throws Exception {
        // composer-dependency-version-audit-plugin: tag 0.1.2 says 0.1.1; a tag v1.0 says 0.1.0
        try (TestRepository repo = TestRepository.create(tmp.resolve("plugin"))) {
            for (String[] tv : new String[][] {{"0.1.1", "0.1.1"}, {"0.1.2", "0.1.1"}, {"v1.0", "0.1.0"}, {"0.1.3", "0.1.3"}}) {
                repo.commit(tv[0], Map.of("composer.json", module("acme/plugin", tv[1], "\"php\": \">=7.4\"")));
                repo.tag(tv[0]);
            }
            Source source = new Source("plugin", "unused");
            source.setTags(">=0.1.2");
            RecordingLog log = new RecordingLog();
            Map<String, PlannedVersion> v = byNameVersion(plan(new Distribution(List.of(source)), repo.git().getRepository(), log));
            assertEquals(Set.of("acme/plugin 0.1.3"), v.keySet());
            assertTrue(log.text().contains("source 'plugin', tag '0.1.2': acme/plugin 0.1.1 (its composer.json \"version\") is outside"
                    + " <tags>>=0.1.2</tags>; not published"), log.text());
            assertTrue(log.text().contains("source 'plugin', tag 'v1.0': acme/plugin 0.1.0"), log.text());
            Source strict = new Source("plugin", "unused");
            strict.setTags(">=0.1.2");
            assertThrows(DistributionException.class, () -> plan(new Distribution(List.of(strict)).setStrict(true), repo.git().getRepository(),
                    new RecordingLog()));
        }
    }

    @Test
    void aCommitNoTagNamesIsFetchedByItsIdAndReleasedAsAVersion() throws Exception {
        try (TestRepository repo = extension()) {
            // upstream released 1.2.0-p1 from a branch head it never tagged
            repo.git().checkout().setCreateBranch(true).setName("1.2-p1-alpha").call();
            RevCommit untagged = repo.commit("1.2.0-p1", Map.of("A/composer.json", module("acme/module-a", "1.0.1-p1",
                    "\"acme/module-b\": \"*\", \"php\": \"~8.1\""), "_metapackage/composer.json", "{\n    \"name\": \"acme/ext\",\n"
                    + "    \"type\": \"metapackage\",\n    \"version\": \"1.2.0-p1\",\n    \"require\": {\"acme/module-a\": \"*\"}\n}\n"));
            repo.git().checkout().setName("main").call();
            // upstream later tagged v1.2.0-p1 on another commit, with 1.2.0's content: the POM's ref says which is the release
            repo.commit("wrong tag", Map.of("README.md", "not the release\n"));
            repo.tag("v1.2.0-p1");
            Source source = extensionSource();
            source.setUrl(repo.dir().toString());
            SourceRef ref = new SourceRef();
            ref.setCommit(untagged.name());
            ref.setVersion("1.2.0-p1");
            ref.setReason("upstream issue 3354");
            source.setRefs(List.of(ref));
            RecordingLog log = new RecordingLog();
            GitCache cache = new GitCache(tmp.resolve("cache"), log);
            cache.fetch(source, false);
            try (Repository cached = cache.open(source)) {
                assertNull(cached.exactRef("refs/heads/1.2-p1-alpha"), "only the commit is fetched, not the branch");
                Map<String, PlannedVersion> v = byNameVersion(plan(new Distribution(List.of(source)), cached, log));
                assertEquals(untagged.name(), v.get("acme/module-a 1.0.1-p1").tag().commit().name());
                assertEquals(new TreeSet<>(List.of("acme/ext 1.1.0", "acme/ext 1.2.0", "acme/ext 1.2.0-p1")),
                        v.keySet().stream().filter(k -> k.startsWith("acme/ext ")).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
                assertTrue(log.text().contains("released as 1.2.0-p1 (<refs>): upstream issue 3354"), log.text());
                assertTrue(log.text().contains("tag 'v1.2.0-p1' (commit "), log.text());
            }
            // a second fetch finds it in the cache
            cache.fetch(source, false);
        }
    }

    @Test
    void aProjectTemplateCarriesEverythingOfItsFileWithPerReleaseFiles() throws Exception {
        try (TestRepository repo = extension()) {
            Files.createDirectories(tmp.resolve("project/1.2.0"));
            String template = "{\n  \"name\": \"ignored/name\",\n  \"license\": [\"OSL-3.0\"],\n  \"config\": {\"allow-plugins\": {\"acme/plugin\": true}},\n"
                    + "  \"require\": {\"acme/plugin\": \"^1.0\"},\n  \"require-dev\": {\"phpunit/phpunit\": \"^9\"},\n"
                    + "  \"autoload\": {\"psr-4\": {\"App\\\\\": \"app/\"}},\n  \"minimum-stability\": \"stable\",\n  \"prefer-stable\": true,\n"
                    + "  \"scripts\": {\"post-install-cmd\": [\"@php bin/setup\"]},\n  \"extra\": {\"magento-force\": \"override\"},\n"
                    + "  \"repositories\": [{\"type\": \"composer\", \"url\": \"https://elsewhere.example.org/\"}]\n}\n";
            Files.writeString(tmp.resolve("project/composer.json"), template);
            Files.writeString(tmp.resolve("project/1.2.0/composer.json"), template.replace("^1.0", "^2.0"));
            GeneratedPackage project = new GeneratedPackage();
            project.setName("acme/project");
            project.setType("project");
            project.setSources("ext");
            project.setComposerJson("project/composer.json");
            project.setRequire(List.of("acme/ext"));
            Distribution d = new Distribution(List.of(extensionSource())).setGeneratedPackages(List.of(project))
                    .setRepositoryUrl("https://mirror.example.org/");
            Map<String, PlannedVersion> v = byNameVersion(plan(d, repo.git().getRepository(), new RecordingLog()));
            var p110 = v.get("acme/project 1.1.0").composerJson();
            assertEquals("acme/project", p110.get("name").asText());
            assertEquals("project", p110.get("type").asText());
            assertEquals("^1.0", p110.get("require").get("acme/plugin").asText());
            assertEquals("1.1.0", p110.get("require").get("acme/ext").asText());
            assertTrue(p110.get("config").get("allow-plugins").get("acme/plugin").asBoolean());
            for (String key : List.of("license", "require-dev", "autoload", "minimum-stability", "prefer-stable", "scripts", "extra")) {
                assertTrue(p110.has(key), key);
            }
            assertEquals("https://mirror.example.org/", p110.get("repositories").get(0).get("url").asText());
            assertEquals(1, p110.get("repositories").size());
            assertEquals("^2.0", v.get("acme/project 1.2.0").composerJson().get("require").get("acme/plugin").asText());
        }
    }

    @Test
    void generatedPackagesStartFromTheRootComposerJsonOfTheirFirstSource() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("m2"))) {
            repo.commit("2.4.7", Map.of("composer.json", "{\n  \"name\": \"magento/magento2ce\",\n  \"type\": \"project\",\n  \"license\": [\"OSL-3.0\"],\n"
                    + "  \"require\": {\"php\": \"~8.2.0\", \"laminas/laminas-code\": \"^4.13\"},\n  \"require-dev\": {\"phpunit/phpunit\": \"^10\"},\n"
                    + "  \"replace\": {\"magento/module-catalog\": \"*\"},\n  \"config\": {\"allow-plugins\": {\"magento/*\": true}},\n"
                    + "  \"autoload\": {\"psr-4\": {\"Magento\\\\\": \"app/code/Magento/\"}}\n}\n",
                    "app/code/Magento/Catalog/composer.json", module("magento/module-catalog", "104.0.7", "\"php\": \"~8.2.0\"")));
            repo.tag("2.4.7");
            Source source = new Source("magento2", "unused");
            source.setPackages(List.of(new PackageRule("app/code/Magento/*")));
            GeneratedPackage product = new GeneratedPackage();
            product.setName("magento/product-community-edition");
            product.setSources("magento2");
            product.setFromRoot(true);
            GeneratedPackage project = new GeneratedPackage();
            project.setName("magento/project-community-edition");
            project.setType("project");
            project.setSources("magento2");
            project.setFromRoot(true);
            project.setRequire(List.of("magento/product-community-edition"));
            Correction bundled = new Correction();
            bundled.setPackage("magento/product-community-edition");
            bundled.setVersion("2.4.7");
            bundled.setPatches(List.of(new ComposerPatch(null, "require", "magento/security-package", "1.1.6")));
            Map<String, PlannedVersion> v = byNameVersion(plan(new Distribution(List.of(source)).setGeneratedPackages(List.of(product, project))
                    .setCorrections(List.of(bundled)), repo.git().getRepository(), new RecordingLog()));
            var p = v.get("magento/product-community-edition 2.4.7").composerJson();
            assertEquals("{\"php\":\"~8.2.0\",\"laminas/laminas-code\":\"^4.13\",\"magento/module-catalog\":\"104.0.7\",\"magento/security-package\":\"1.1.6\"}",
                    p.get("require").toString());
            assertEquals("metapackage", p.get("type").asText());
            assertFalse(p.has("autoload") || p.has("config") || p.has("replace") || p.has("require-dev"), p.toString());
            var t = v.get("magento/project-community-edition 2.4.7").composerJson();
            assertEquals("{\"magento/product-community-edition\":\"2.4.7\"}", t.get("require").toString());
            assertEquals("project", t.get("type").asText());
            assertTrue(t.has("autoload") && t.has("config") && t.has("require-dev") && t.has("license") && !t.has("replace"), t.toString());
        }
    }
}
