package org.mageos.distribution.core.analysis;

import org.mageos.distribution.core.config.ThirdPartyNamespace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.packaging.PackageManifest;
import org.mageos.distribution.core.packaging.PackagedVersion;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.version.VersionParser;

/** The analysis over real zips and a build manifest, as the package goal leaves them. */
class DependencyAnalyzerTest {

    @TempDir
    Path repository;

    private final PackageManifest manifest = new PackageManifest();

    private void add(String composerJson, Map<String, String> files) throws IOException {
        ObjectNode json = Json.parseObject(composerJson.getBytes(StandardCharsets.UTF_8));
        PackagedVersion v = new PackagedVersion();
        v.name = json.get("name").asText();
        v.version = json.path("version").asText("1.0.0");
        v.versionNormalized = VersionParser.normalize(v.version);
        v.composerJson = json;
        if (!json.path("type").asText().equals("metapackage")) {
            v.distPath = "dist/" + v.name + "-" + v.version + ".zip";
            Path zip = repository.resolve(v.distPath);
            Files.createDirectories(zip.getParent());
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
                for (Map.Entry<String, String> f : files.entrySet()) {
                    z.putNextEntry(new ZipEntry(f.getKey()));
                    z.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                    z.closeEntry();
                }
            }
        }
        manifest.versions.add(v);
    }

    private static Map<String, String> files(String... pathsAndContents) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return files;
    }

    private DependencyReport analyze(ThirdPartyNamespace... namespaces) {
        return new DependencyAnalyzer(DistributionLog.SILENT, 2).analyze(manifest, repository, List.of(namespaces));
    }

    private static PackageDependencies find(DependencyReport report, String name) {
        return report.packages.stream().filter(p -> p.name.equals(name)).findFirst().orElse(null);
    }

    private static Set<String> set(String... names) {
        return new TreeSet<>(Set.of(names));
    }

    private void libraries() throws IOException {
        add("{\"name\": \"legacy/zend\", \"autoload\": {\"psr-0\": {\"Zend_\": \"library/\"}}}",
                files("library/Zend/Db/Table.php", "<?php class Zend_Db_Table {}"));
        add("{\"name\": \"acme/classmapped\", \"autoload\": {\"classmap\": [\"lib/\"]}}",
                files("lib/Anything.php", "<?php namespace Weird\\Place; class Thing {}"));
        add("{\"name\": \"acme/helpers\", \"autoload\": {\"files\": [\"src/functions.php\"]}}",
                files("src/functions.php", "<?php namespace Acme\\Helpers; function format() {}"));
        add("{\"name\": \"acme/one\", \"autoload\": {\"psr-4\": {\"Acme\\\\Shared\\\\\": \"src/\"}}}",
                files("src/A.php", "<?php namespace Acme\\Shared; class A {}"));
        add("{\"name\": \"acme/two\", \"autoload\": {\"psr-4\": {\"Acme\\\\Shared\\\\\": [\"src/\"]}}}",
                files("src/B.php", "<?php namespace Acme\\Shared; class B {}"));
        add("{\"name\": \"magento/framework\", \"autoload\": {\"psr-4\": {\"Magento\\\\Framework\\\\\": \"\"}}}",
                files("App/Area.php", "<?php namespace Magento\\Framework\\App; class Area {}"));
        add("{\"name\": \"magento/framework-amqp\", \"autoload\": {\"psr-4\": {\"Magento\\\\Framework\\\\Amqp\\\\\": \"\"}}}",
                files("Config.php", "<?php namespace Magento\\Framework\\Amqp; class Config {}"));
        add("{\"name\": \"acme/bundle\", \"replace\": {\"acme/one\": \"self.version\"}}", files());
        add("{\"name\": \"acme/product\", \"type\": \"metapackage\", \"require\": {\"acme/one\": \"*\"}}", files());
        add("{\"name\": \"acme/installer\", \"type\": \"composer-plugin\"}", files());
    }

    @Test
    void everyAutoloadRuleMapsClassesAndFunctionsToTheirPackage() throws IOException {
        libraries();
        add("{\"name\": \"acme/user\", \"version\": \"1.0.0\", \"autoload\": {\"psr-4\": {\"Acme\\\\User\\\\\": \"\"}}}", files(
                "Model/User.php", "<?php\nnamespace Acme\\User\\Model;\nuse function Acme\\Helpers\\format;\n"
                        + "class User extends \\Zend_Db_Table implements \\Weird\\Place\\Thing {\n"
                        + "  public function f(\\Acme\\Shared\\A $a, \\Acme\\Shared\\B $b, \\Exception $e, \\DateTime $d): \\Magento\\Framework\\Amqp\\ConfigFactory {\n"
                        + "    format(); \\Magento\\Framework\\App\\Area::class; strlen('x'); new \\Unknown\\Vendor\\Thing(); new Own();\n  }\n}\n"));
        PackageDependencies user = find(analyze(), "acme/user");
        assertEquals(set("legacy/zend", "acme/classmapped", "acme/helpers", "acme/one", "acme/two", "magento/framework",
                "magento/framework-amqp"), user.uses.keySet());
        assertEquals(set("Acme\\Helpers\\format()"), user.uses.get("acme/helpers"));
        assertEquals(set("Magento\\Framework\\Amqp\\ConfigFactory"), user.uses.get("magento/framework-amqp"),
                "a generated class goes to the longest namespace prefix");
        assertEquals(user.uses.keySet(), user.missing, "nothing is required");
        assertEquals(set("Unknown\\Vendor\\Thing"), user.unresolved, "built-in classes and functions are no dependencies");
    }

    @Test
    void missingAndUnusedRequirements() throws IOException {
        libraries();
        add("{\"name\": \"acme/user\", \"version\": \"1.9.0\", \"require\": {\"acme/two\": \"*\"}}",
                files("a.php", "<?php new \\Acme\\Shared\\B();"));
        add("{\"name\": \"acme/user\", \"version\": \"1.10.0\", \"require\": {\"php\": \">=8.1\", \"ext-json\": \"*\","
                + " \"lib-icu\": \"*\", \"composer-plugin-api\": \"^2\", \"acme/bundle\": \"*\", \"acme/product\": \"*\","
                + " \"acme/installer\": \"*\", \"vendor/unknown\": \"*\", \"legacy/zend\": \"*\", \"acme/two\": \"*\","
                + " \"psr/log\": \"*\"}, \"require-dev\": {\"phpunit/phpunit\": \"*\"}}", files(
                "src/User.php", "<?php new \\Acme\\Shared\\A(); new \\Acme\\Shared\\B();",
                "Test/Unit/UserTest.php", "<?php class UserTest extends \\PHPUnit\\Framework\\TestCase { function t(\\Magento\\Framework\\App\\Area $a) {} }"));
        DependencyReport report = analyze(new ThirdPartyNamespace("PHPUnit\\", "phpunit/phpunit"),
                new ThirdPartyNamespace("\\Psr\\Log\\", "psr/log"));
        PackageDependencies user = find(report, "acme/user");
        assertEquals("1.10.0", user.version, "the newest version in Composer's order");
        // acme/one comes with acme/bundle (replace); phpunit is in require-dev and used by tests only
        assertEquals(set("magento/framework"), user.missing, "a test's use is satisfied by require-dev only");
        // php, ext-*, lib-*, composer-plugin-api, a metapackage, a composer plugin and unknown packages never count
        assertEquals(set("legacy/zend", "psr/log"), user.unused);
        assertNull(find(report, "acme/product"), "a metapackage is not analyzed");
        assertTrue(report.hasMissing());
        String row = report.table().stream().filter(l -> l.startsWith("acme/user ")).findFirst().orElseThrow();
        assertEquals(List.of("acme/user", "1.10.0", "2", "magento/framework", "legacy/zend, psr/log"), List.of(row.split(" {2,}")));
    }

    @Test
    void unreadableFilesAreReportedNotFatal() throws IOException {
        add("{\"name\": \"acme/broken\", \"require\": {\"acme/lib\": \"*\"}}", files(
                "Broken.php", "<?php\nnew \\Acme\\Lib\\Used();\n$s = 'never closed;\n",
                "etc/di.xml", "<config><type name=\"Acme\\Lib\\FromXml\">"));
        add("{\"name\": \"acme/lib\", \"autoload\": {\"psr-4\": {\"Acme\\\\Lib\\\\\": \"\"}}}", files());
        PackageDependencies broken = find(analyze(), "acme/broken");
        assertEquals(set("Acme\\Lib\\FromXml", "Acme\\Lib\\Used"), broken.uses.get("acme/lib"));
        assertEquals(2, broken.problems.size(), broken.problems.toString());
        assertTrue(broken.problems.get(0).startsWith("Broken.php: unterminated string"), broken.problems.toString());
        assertTrue(broken.problems.get(1).startsWith("etc/di.xml: not well-formed XML"), broken.problems.toString());
    }

    @Test
    void aVersionWhoseZipIsElsewhereIsReportedNotFatal() throws IOException {
        add("{\"name\": \"acme/kept\", \"require\": {\"acme/lib\": \"*\"}}", files("A.php", "<?php new \\Acme\\Lib\\X();"));
        Files.delete(repository.resolve(manifest.versions.get(0).distPath));
        add("{\"name\": \"acme/lib\", \"autoload\": {\"psr-4\": {\"Acme\\\\Lib\\\\\": \"\"}}}", files());
        PackageDependencies kept = find(analyze(), "acme/kept");
        assertEquals(0, kept.files);
        assertTrue(kept.unused.isEmpty() && kept.missing.isEmpty(), "nothing is said of code not read");
        assertEquals(1, kept.problems.size());
        assertTrue(kept.problems.get(0).contains("the code of this version was not analyzed"), kept.problems.toString());
    }

    @Test
    void aNamespaceWithoutPackageIsRefused() {
        DistributionException e = assertThrows(DistributionException.class, () -> analyze(new ThirdPartyNamespace("Psr\\Log\\", " ")));
        assertTrue(e.getMessage().contains("<namespaces><namespace> needs both <prefix> and <package>"), e.getMessage());
    }
}
