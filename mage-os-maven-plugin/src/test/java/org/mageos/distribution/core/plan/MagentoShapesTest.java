package org.mageos.distribution.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.packaging.PackageManifest;
import org.mageos.distribution.core.packaging.PackagedVersion;
import org.mageos.distribution.core.packaging.PackageBuilder;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.config.ComposerPatch;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.DistributionConfig;
import org.mageos.distribution.core.config.GeneratedPackage;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Release;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.config.VendorRename;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;

/** The shapes of Magento's repositories, planned and built: package rules, releases, pins, renames, patches. */
class MagentoShapesTest {

    @TempDir
    Path tmp;

    private static String module(String name, String version, String require) {
        return "{\n    \"name\": \"" + name + "\",\n    \"version\": \"" + version + "\",\n    \"require\": {" + require + "}\n}\n";
    }

    /** A magento2-like repository at tags 2.4.6 and 2.4.7. */
    private TestRepository magento2() throws Exception {
        TestRepository repo = TestRepository.create(tmp.resolve("magento2"));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("composer.json", "{\n    \"name\": \"magento/magento2ce\",\n    \"replace\": {\"magento/module-catalog\": \"*\"}\n}\n");
        files.put("composer.lock", "{}\n");
        files.put(".github/workflows/ci.yml", "on: push\n");
        files.put("index.php", "<?php\n");
        files.put("app/etc/di.xml", "<config/>\n");
        files.put("pub/media/.htaccess", "deny\n");
        files.put("app/code/Magento/Catalog/composer.json", module("magento/module-catalog", "104.0.6",
                "\"magento/framework\": \"*\", \"magento/module-store\": \"*\", \"laminas/laminas-code\": \"^4.5\""));
        files.put("app/code/Magento/Catalog/Model/Product.php", "<?php // 2.4.6\n");
        files.put("app/code/Magento/Store/composer.json", module("magento/module-store", "101.0.6", "\"magento/framework\": \"*\""));
        files.put("app/code/Magento/NoPackage/README.md", "a folder without composer.json belongs to the base package\n");
        files.put("lib/internal/Magento/Framework/composer.json", module("magento/framework", "103.0.6", "\"php\": \"~8.1.0\""));
        files.put("lib/internal/Magento/Framework/App.php", "<?php\n");
        files.put("lib/internal/Magento/Framework/Amqp/composer.json", module("magento/framework-amqp", "100.4.4",
                "\"magento/framework\": \"*\""));
        files.put("lib/internal/Magento/Framework/Amqp/Config.php", "<?php\n");
        repo.commit("2.4.6", files);
        repo.tag("2.4.6");
        repo.commit("2.4.7", Map.of(
                "app/code/Magento/Catalog/composer.json", module("magento/module-catalog", "104.0.7",
                        "\"magento/framework\": \"*\", \"magento/module-store\": \"*\", \"laminas/laminas-code\": \"^4.5\""),
                "app/code/Magento/Catalog/Model/Product.php", "<?php // 2.4.7\n",
                "lib/internal/Magento/Framework/composer.json", module("magento/framework", "103.0.7", "\"php\": \"~8.2.0\"")));
        repo.tag("2.4.7");
        return repo;
    }

    private Source magento2Source() throws Exception {
        Source source = new Source("magento2", "unused");
        PackageRule modules = new PackageRule("app/code/Magento/*");
        PackageRule framework = new PackageRule("lib/internal/Magento/Framework");
        framework.setExcludes(List.of("Amqp"));
        PackageRule amqp = new PackageRule("lib/internal/Magento/Framework/Amqp");
        PackageRule base = new PackageRule();
        base.setBase(true);
        base.setExcludes(List.of("composer.lock", ".github"));
        base.setEmptyFolders(List.of("var", "generated/code"));
        base.setComposerJson("base/composer.json");
        Path project = tmp.resolve("project");
        Files.createDirectories(project.resolve("base/2.4.7"));
        Files.writeString(project.resolve("base/composer.json"), "{\n    \"name\": \"magento/magento2-base\",\n    \"require\": {\"magento/framework\": \"*\"}\n}\n");
        Files.writeString(project.resolve("base/2.4.7/composer.json"),
                "{\n    \"name\": \"magento/magento2-base\",\n    \"description\": \"for 2.4.7\",\n    \"require\": {\"magento/framework\": \"*\"}\n}\n");
        source.setPackages(List.of(modules, framework, amqp, base));
        return source;
    }

    private static Map<String, PlannedVersion> byNameVersion(PackagePlan plan) {
        Map<String, PlannedVersion> map = new LinkedHashMap<>();
        plan.versions().forEach(v -> map.put(v.name() + " " + v.version(), v));
        return map;
    }

    private static Set<String> entries(Path zip) throws Exception {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return Collections.list(z.entries()).stream().map(ZipEntry::getName).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String text(Path zip, String entry) throws Exception {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return new String(z.getInputStream(z.getEntry(entry)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private PackageManifest build(PackagePlan plan, Map<String, Repository> repositories, Path out) {
        return new PackageBuilder(DistributionLog.SILENT, null, 2).build(plan, repositories, out);
    }

    @Test
    void magento2PackageRulesPinsAndBasePackage() throws Exception {
        try (TestRepository repo = magento2()) {
            Distribution d = new Distribution(List.of(magento2Source())).setProjectDir(tmp.resolve("project")).setPinRequirements(true);
            DistributionConfig.validate(d);
            RecordingLog log = new RecordingLog();
            PackagePlan plan = new PackagePlanner(log).plan(List.of(new PackagePlanner.SourceRepository(d.getSources().get(0),
                    repo.git().getRepository())), d);
            // store 101.0.6, built for 2.4.6, pins the framework to 103.0.6; release 2.4.7 has 103.0.7
            assertTrue(log.text().contains("release 2.4.7: magento/module-store 101.0.6 (built for release 2.4.6) requires magento/framework"
                    + " 103.0.6, but this release has 103.0.7; give it a version of its own for this release (<versionOverrides>)"), log.text());
            Map<String, PlannedVersion> v = byNameVersion(plan);
            assertEquals(new TreeSet<>(List.of("magento/module-catalog 104.0.6", "magento/module-catalog 104.0.7", "magento/module-store 101.0.6",
                    "magento/framework 103.0.6", "magento/framework 103.0.7", "magento/framework-amqp 100.4.4", "magento/magento2-base 2.4.6",
                    "magento/magento2-base 2.4.7")), new TreeSet<>(v.keySet()));
            // pinned to what the same tag built; a third-party requirement is left alone
            JsonNode catalog7 = v.get("magento/module-catalog 104.0.7").composerJson().get("require");
            assertEquals("103.0.7", catalog7.get("magento/framework").asText());
            assertEquals("101.0.6", catalog7.get("magento/module-store").asText(), "store is 101.0.6 at 2.4.7 too, built from 2.4.6");
            assertEquals("^4.5", catalog7.get("laminas/laminas-code").asText());
            assertEquals("103.0.6", v.get("magento/module-catalog 104.0.6").composerJson().get("require").get("magento/framework").asText());
            assertEquals("2.4.6", v.get("magento/module-store 101.0.6").tag().name());
            assertEquals("~8.1.0", v.get("magento/framework 103.0.6").composerJson().get("require").get("php").asText());
            // the base package's composer.json comes from the project, per tag when there is one
            assertFalse(v.get("magento/magento2-base 2.4.6").composerJson().has("description"));
            assertEquals("for 2.4.7", v.get("magento/magento2-base 2.4.7").composerJson().get("description").asText());
            assertEquals("2.4.7", v.get("magento/magento2-base 2.4.7").composerJson().get("version").asText());
            assertEquals("103.0.7", v.get("magento/magento2-base 2.4.7").composerJson().get("require").get("magento/framework").asText());

            Path out = tmp.resolve("out");
            PackageManifest manifest = build(plan, Map.of("magento2", repo.git().getRepository()), out);
            Map<String, PackagedVersion> built = new HashMap<>();
            manifest.versions.forEach(b -> built.put(b.name + " " + b.version, b));
            Path framework = out.resolve(built.get("magento/framework 103.0.7").distPath);
            assertEquals(new TreeSet<>(List.of("App.php", "composer.json")), entries(framework), "Amqp is a package of its own");
            assertEquals(new TreeSet<>(List.of("Config.php", "composer.json")),
                    entries(out.resolve(built.get("magento/framework-amqp 100.4.4").distPath)));
            Path base = out.resolve(built.get("magento/magento2-base 2.4.7").distPath);
            assertEquals(new TreeSet<>(List.of("app/code/Magento/NoPackage/README.md", "app/etc/di.xml", "composer.json", "generated/code/",
                    "index.php", "pub/media/.htaccess", "var/")), entries(base));
            assertTrue(text(base, "composer.json").contains("for 2.4.7"));
            try (ZipFile z = new ZipFile(base.toFile())) {
                ZipEntry var = z.getEntry("var/");
                assertTrue(var.isDirectory());
                assertEquals(0, var.getSize());
            }
            try (org.apache.commons.compress.archivers.zip.ZipFile z = new org.apache.commons.compress.archivers.zip.ZipFile(base.toFile())) {
                assertEquals(040755, z.getEntry("var/").getUnixMode());
                assertEquals(0100644, z.getEntry("index.php").getUnixMode());
            }
            // the same input gives the same bytes
            PackageManifest again = build(plan, Map.of("magento2", repo.git().getRepository()), tmp.resolve("out2"));
            assertEquals(manifest.versions.stream().map(b -> b.sha1).collect(Collectors.toList()),
                    again.versions.stream().map(b -> b.sha1).collect(Collectors.toList()));
        }
    }

    @Test
    void releaseAcrossSourcesRenamedWithOverridesPatchesFilesAndGeneratedPackages() throws Exception {
        try (TestRepository magento = magento2(); TestRepository security = TestRepository.create(tmp.resolve("security"))) {
            security.commit("1.1.4", Map.of(
                    "TwoFactorAuth/composer.json", module("magento/module-two-factor-auth", "1.1.5",
                            "\"magento/module-catalog\": \"*\", \"magento/framework\": \"^103\", \"magento/module-integration\": \"*\""),
                    "TwoFactorAuth/Model/Tfa.php", "<?php\n",
                    "_metapackage/composer.json", "{\n    \"name\": \"magento/security-package\",\n    \"type\": \"metapackage\",\n"
                            + "    \"version\": \"1.1.4\",\n    \"require\": {\"magento/module-two-factor-auth\": \"*\"}\n}\n"));
            security.tag("1.1.4");
            Source sec = new Source("security-package", "unused");
            sec.setPackages(List.of(new PackageRule("*")));
            Source m2 = magento2Source();
            m2.setTags("2.4.7");

            Release release = new Release();
            release.setVersion("1.0.0");
            release.setTags(List.of(new Release.ReleaseTag("magento2", "2.4.7"), new Release.ReleaseTag("security-package", "1.1.4")));
            release.setVersionOverrides(List.of(new Release.VersionOverride("magento/module-two-factor-auth", "1.1.5-p1")));
            release.setPatches(List.of(new ComposerPatch("magento/module-catalog", "require", "laminas/laminas-code", null),
                    new ComposerPatch("mage-os/module-store", "conflict", "magento/module-legacy", "*")));
            Release.FileReplacement file = new Release.FileReplacement();
            file.setPackage("magento/module-catalog");
            file.setPath("Model/Product.php");
            file.setFrom("fixed/Product.php");
            Files.createDirectories(tmp.resolve("project/fixed"));
            Files.writeString(tmp.resolve("project/fixed/Product.php"), "<?php // fixed\n");
            release.setFiles(List.of(file));
            GeneratedPackage product = new GeneratedPackage();
            product.setName("mage-os/product-community-edition");
            product.setSources("magento2, security-package");
            product.setRequire(List.of("php:~8.2.0"));
            GeneratedPackage project = new GeneratedPackage();
            project.setName("mage-os/project-community-edition");
            project.setType("project");
            project.setSources("magento2");
            project.setRequire(List.of("mage-os/product-community-edition"));

            Distribution d = new Distribution(List.of(m2, sec)).setProjectDir(tmp.resolve("project")).setPinRequirements(true).setReleases(List.of(release))
                    .setGeneratedPackages(List.of(product, project)).setVendorRenames(List.of(new VendorRename("magento", "mage-os")))
                    .setRepositoryUrl("https://mirror.example.org/");
            DistributionConfig.validate(d);
            PackagePlan plan = new PackagePlanner(DistributionLog.SILENT).plan(List.of(
                    new PackagePlanner.SourceRepository(m2, magento.git().getRepository()),
                    new PackagePlanner.SourceRepository(sec, security.git().getRepository())), d);
            Map<String, PlannedVersion> v = byNameVersion(plan);
            assertEquals(new TreeSet<>(List.of("mage-os/module-catalog 104.0.7", "mage-os/module-store 101.0.6", "mage-os/framework 103.0.7",
                    "mage-os/framework-amqp 100.4.4", "mage-os/magento2-base 2.4.7", "mage-os/module-two-factor-auth 1.1.5-p1",
                    "mage-os/security-package 1.1.4", "mage-os/product-community-edition 1.0.0", "mage-os/project-community-edition 1.0.0")),
                    new TreeSet<>(v.keySet()));
            JsonNode tfa = v.get("mage-os/module-two-factor-auth 1.1.5-p1").composerJson();
            assertEquals("1.1.5-p1", tfa.get("version").asText());
            // pinned across sources of the release, renamed; a package not in the distribution keeps its vendor and constraint
            // "^103" on the framework, whose version the release does not override, is the author's and stays
            assertEquals(Json.MAPPER.readTree("{\"mage-os/module-catalog\": \"104.0.7\", \"mage-os/framework\": \"^103\","
                    + " \"magento/module-integration\": \"*\"}"), tfa.get("require"));
            assertEquals(Json.MAPPER.readTree("{\"magento/module-two-factor-auth\": \"1.1.5\"}"), tfa.get("replace"), "replace at the upstream version");
            assertEquals("1.1.5-p1", v.get("mage-os/security-package 1.1.4").composerJson().get("require").get("mage-os/module-two-factor-auth").asText());
            JsonNode catalog = v.get("mage-os/module-catalog 104.0.7").composerJson();
            assertNull(catalog.get("require").get("laminas/laminas-code"), "patched out");
            assertEquals("*", v.get("mage-os/module-store 101.0.6").composerJson().get("conflict").get("magento/module-legacy").asText());
            assertEquals("1.0.0", v.get("mage-os/module-store 101.0.6").release());

            JsonNode productJson = v.get("mage-os/product-community-edition 1.0.0").composerJson();
            assertEquals("metapackage", productJson.get("type").asText());
            Map<String, String> required = new LinkedHashMap<>();
            productJson.get("require").fields().forEachRemaining(e -> required.put(e.getKey(), e.getValue().asText()));
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("mage-os/framework", "103.0.7");
            expected.put("mage-os/framework-amqp", "100.4.4");
            expected.put("mage-os/magento2-base", "2.4.7");
            expected.put("mage-os/module-catalog", "104.0.7");
            expected.put("mage-os/module-store", "101.0.6");
            expected.put("mage-os/module-two-factor-auth", "1.1.5-p1");
            expected.put("mage-os/security-package", "1.1.4");
            expected.put("php", "~8.2.0");
            assertEquals(expected, required);
            JsonNode projectJson = v.get("mage-os/project-community-edition 1.0.0").composerJson();
            assertEquals("project", projectJson.get("type").asText());
            assertEquals("1.0.0", projectJson.get("require").get("mage-os/product-community-edition").asText());
            assertEquals("https://mirror.example.org/", projectJson.get("repositories").get(0).get("url").asText());

            Path out = tmp.resolve("out");
            Map<String, Repository> repos = Map.of("magento2", magento.git().getRepository(), "security-package", security.git().getRepository());
            PackageManifest manifest = build(plan, repos, out);
            Map<String, PackagedVersion> built = new HashMap<>();
            manifest.versions.forEach(b -> built.put(b.name + " " + b.version, b));
            Path catalogZip = out.resolve(built.get("mage-os/module-catalog 104.0.7").distPath);
            assertEquals("<?php // fixed\n", text(catalogZip, "Model/Product.php"));
            assertTrue(text(catalogZip, "composer.json").contains("\"name\": \"mage-os/module-catalog\""));
            assertNull(built.get("mage-os/product-community-edition 1.0.0").distPath, "a metapackage has no zip");
            PackagedVersion projectBuilt = built.get("mage-os/project-community-edition 1.0.0");
            assertEquals(Set.of("composer.json"), entries(out.resolve(projectBuilt.distPath)));
            assertEquals(magento.lastCommitTime().toString().replace("Z", "+00:00"), projectBuilt.time, "the newest tag of the release");
            List<String> order = new ArrayList<>();
            plan.versions().forEach(p -> order.add(p.name()));
            assertTrue(order.indexOf("mage-os/product-community-edition") > order.indexOf("mage-os/module-catalog"));
        }
    }

    @Test
    void tagsSelectedByConstraintAndNamePatterns() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("tags"))) {
            repo.commit("c", Map.of("composer.json", "{\"name\": \"acme/lib\"}\n"));
            for (String tag : List.of("2.4.5", "2.4.6", "2.4.6-p1", "2.4.7-beta1", "2.4.7", "2.5.0")) {
                repo.tag(tag);
            }
            Source source = new Source("lib", "unused");
            source.setTags(">=2.4.6");
            source.setIncludeTags(List.of("2.4.*"));
            source.setExcludeTags(List.of("*-beta*", "*-p?"));
            List<String> tags = PackagePlanner.selectTags(source, repo.git().getRepository(), DistributionLog.SILENT).stream()
                    .map(t -> t.name()).collect(Collectors.toList());
            assertEquals(List.of("2.4.6", "2.4.7"), tags);
        }
    }
}
