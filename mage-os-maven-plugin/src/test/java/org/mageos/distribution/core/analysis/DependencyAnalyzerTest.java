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
        assertEquals(set(), user.missing);
        assertEquals(set("magento/framework"), user.missingInTests, "a test's use is satisfied by require-dev only");
        // php, ext-*, lib-*, composer-plugin-api, a metapackage, a composer plugin and unknown packages never count
        assertEquals(set("legacy/zend", "psr/log"), user.unused);
        assertNull(find(report, "acme/product"), "a metapackage is not analyzed");
        assertEquals(set("vendor/unknown"), user.unchecked, "nothing tells what it holds");
        assertEquals(6, user.checked);
        assertTrue(!report.hasMissing(), "tests' needs are no runtime requirement");
        String row = report.table().stream().filter(l -> l.startsWith("acme/user ")).findFirst().orElseThrow();
        assertEquals(List.of("acme/user", "1.10.0", "2", "findings", "-", "magento/framework", "-", "legacy/zend, psr/log", "6/7",
                "vendor/unknown", "0"), List.of(row.split(" {2,}")));
    }

    private static String module(String name, String moduleName, String psr4, String require, String suggest) {
        return "{\"name\": \"" + name + "\", \"type\": \"magento2-module\", \"require\": {" + require + "}, \"suggest\": {" + suggest + "},"
                + " \"autoload\": {\"files\": [\"registration.php\"], \"psr-4\": {\"" + psr4.replace("\\", "\\\\") + "\": \"\"}}}";
    }

    private static String registration(String moduleName) {
        return "<?php\nuse Magento\\Framework\\Component\\ComponentRegistrar;\n"
                + "ComponentRegistrar::register(ComponentRegistrar::MODULE, '" + moduleName + "', __DIR__);\n";
    }

    private static final String XML = "<?xml version=\"1.0\"?>\n<config xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";

    /**
     * Each of Magento's own references is a use of the module's package, which its registration.php or etc/module.xml
     * names; tests and suggested packages are told apart; magento2's namespaces go to its packages.
     */
    @Test
    void magentoReferencesBeyondPhpClassNames() throws IOException {
        add(module("magento/module-ui", "Magento_Ui", "Magento\\Ui\\", "", ""), files("registration.php", registration("Magento_Ui")));
        add(module("magento/module-backend", "Magento_Backend", "Magento\\Backend\\", "", ""),
                files("etc/module.xml", XML + "<module name=\"Magento_Backend\"/></config>"));
        add(module("magento/module-catalog", "Magento_Catalog", "Magento\\Catalog\\", "", ""), files("registration.php", registration("Magento_Catalog")));
        add(module("magento/module-store", "Magento_Store", "Magento\\Store\\", "", ""), files("registration.php", registration("Magento_Store")));
        add(module("magento/module-theme", "Magento_Theme", "Magento\\Theme\\", "", ""), files("registration.php", registration("Magento_Theme")));
        add(module("magento/module-cms", "Magento_Cms", "Magento\\Cms\\", "", ""), files("registration.php", registration("Magento_Cms")));
        String required = "\"php\": \"~8.2.0\", \"magento/module-ui\": \"*\", \"magento/module-backend\": \"*\", \"magento/module-catalog\": \"*\","
                + " \"magento/module-store\": \"*\", \"magento/module-theme\": \"*\", \"magento/module-eav\": \"*\","
                + " \"magento/module-config\": \"*\", \"magento/framework\": \"*\", \"magento/module-cms\": \"*\", \"magento/module-wishlist\": \"*\"";
        add(module("acme/module-shop", "Acme_Shop", "Acme\\Shop\\", required, "\"magento/module-review\": \"*\""), files(
                "registration.php", registration("Acme_Shop"),
                // RequireJS ids
                "view/frontend/requirejs-config.js", "var config = {map: {'*': {shopGrid: 'Magento_Ui/js/grid/listing'}}};",
                // ACL ids
                "etc/acl.xml", XML + "<acl><resources><resource id=\"Magento_Backend::admin\"><resource id=\"Acme_Shop::shop\"/></resource></resources></acl></config>",
                // template ids in layout XML
                "view/frontend/layout/default.xml", "<page><body><block class=\"Acme\\Shop\\Block\\View\" template=\"Magento_Catalog::product/view.phtml\"/></body></page>",
                // module.xml <sequence>
                "etc/module.xml", XML + "<module name=\"Acme_Shop\"><sequence><module name=\"Magento_Store\"/></sequence></module></config>",
                // JS ids in a template's HTML; a PHP comment and PHP code shaped like ids do not count
                "view/frontend/templates/x.phtml", "<?php /* Magento_Cms::comment */ echo \\Zend_Json::encode([]); ?>\n"
                        + "<script type=\"text/x-magento-init\">{\"*\": {\"Magento_Theme/js/view/breadcrumbs\": {}}}</script>",
                // a constant argument of a magento2 module outside the analysis, a docblock type, a suggested package
                "etc/di.xml", XML + "<type name=\"Acme\\Shop\\Model\\X\"><arguments><argument name=\"t\" xsi:type=\"const\">"
                        + "Magento\\Eav\\Model\\Entity::DEFAULT_ENTITY_ID</argument></arguments></type></config>",
                "Model/X.php", "<?php\nnamespace Acme\\Shop\\Model;\n\nclass X\n{\n    /**\n     * @param \\Magento\\Config\\Model\\Config[]|null $config\n"
                        + "     * @return \\Magento\\Framework\\Phrase\n     */\n    public function f($config)\n    {\n"
                        + "        return new \\Magento\\Review\\Model\\Review();\n    }\n}\n",
                // tests: a unit test and a TestFramework folder
                "Test/Unit/XTest.php", "<?php new \\Magento\\Sales\\Model\\Order();",
                "TestFramework/Fixture.php", "<?php new \\Magento\\Customer\\Model\\Customer(); $x = 'Vendor_Gone::x';"));
        PackageDependencies shop = find(analyze(), "acme/module-shop");
        assertEquals(set("magento/module-cms"), shop.unused, "only a PHP comment names Magento_Cms: " + shop.uses);
        assertEquals(set(), shop.missing);
        assertEquals(set("Magento_Ui/js/grid/listing"), shop.uses.get("magento/module-ui"));
        assertEquals(set("Magento_Backend::admin"), shop.uses.get("magento/module-backend"));
        assertEquals(set("Magento_Catalog::product/view.phtml"), shop.uses.get("magento/module-catalog"));
        assertEquals(set("Magento_Store"), shop.uses.get("magento/module-store"));
        assertEquals(set("Magento_Theme/js/view/breadcrumbs"), shop.uses.get("magento/module-theme"));
        assertEquals(set("Magento\\Eav\\Model\\Entity"), shop.uses.get("magento/module-eav"), "magento2's namespaces by default");
        assertEquals(set("Magento\\Config\\Model\\Config"), shop.uses.get("magento/module-config"));
        assertEquals(set("Magento\\Framework\\Component\\ComponentRegistrar", "Magento\\Framework\\Phrase"), shop.uses.get("magento/framework"));
        assertEquals(set("magento/module-review"), shop.optional, "a suggested package is optional");
        assertEquals(set("magento/module-customer", "magento/module-sales"), shop.missingInTests, "TestFramework/ is test code");
        assertEquals(set(), shop.unresolved);
        assertEquals(set("Vendor_Gone"), shop.unresolvedInTests);
        assertEquals(9, shop.checked, "magento2's packages are known by their names");
        assertEquals(set("magento/module-wishlist"), shop.unchecked, "not analyzed and not used: its DI preferences, observers... were not read");
        assertEquals("findings", shop.getResult());
        assertEquals(set("magento/framework"), find(analyze(), "magento/module-ui").missing, "registration.php uses the framework");
        assertEquals("clean", find(analyze(), "magento/module-backend").getResult(), "nothing required, nothing used");
    }

    /** A vendor folder Composer installed resolves third-party names: its psr-4 rules and what its classmap files declare. */
    @Test
    void aClassMapFromAnInstalledVendorFolder(@TempDir Path project) throws IOException {
        Path vendor = project.resolve("vendor");
        Files.createDirectories(vendor.resolve("composer"));
        Files.writeString(vendor.resolve("composer/installed.json"), "{\"packages\": ["
                + "{\"name\": \"psr/log\", \"version\": \"3.0.0\", \"autoload\": {\"psr-4\": {\"Psr\\\\Log\\\\\": \"src\"}}, \"install-path\": \"../psr/log\"},"
                + "{\"name\": \"old/credis\", \"version\": \"1.0.0\", \"autoload\": {\"classmap\": [\"Client.php\"]}, \"install-path\": \"../old/credis\"}],"
                + " \"dev\": true}");
        Files.createDirectories(vendor.resolve("old/credis"));
        Files.writeString(vendor.resolve("old/credis/Client.php"), "<?php class Credis_Client {}");
        add("{\"name\": \"acme/cache\", \"require\": {\"psr/log\": \"^3\", \"old/credis\": \"*\", \"other/thing\": \"*\"}}", files(
                "Cache.php", "<?php\nnamespace Acme\\Cache;\nclass Cache { function f(\\Psr\\Log\\LoggerInterface $l): \\Credis_Client {} }"));
        DependencyOptions options = new DependencyOptions();
        options.classMaps = List.of(project);
        PackageDependencies cache = find(new DependencyAnalyzer(DistributionLog.SILENT, 2).analyze(manifest, repository, options), "acme/cache");
        assertEquals(set("Psr\\Log\\LoggerInterface"), cache.uses.get("psr/log"));
        assertEquals(set("Credis_Client"), cache.uses.get("old/credis"));
        assertEquals(set(), cache.unused);
        assertEquals(2, cache.checked);
        assertEquals(set("other/thing"), cache.unchecked);
        assertEquals("unchecked", cache.getResult(), "clean only when every requirement was checked");

        options.classMaps = List.of(project.resolve("nothing-here"));
        DistributionException e = assertThrows(DistributionException.class,
                () -> new DependencyAnalyzer(DistributionLog.SILENT, 2).analyze(manifest, repository, options));
        assertTrue(e.getMessage().contains("<classMaps><classMap>") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    /** The newest tag of each source by default, or a named release: never a stale version or a package gone from the newest tag. */
    @Test
    void theAnalyzedSetIsTheNewestTagOfEachSourceOrARelease() throws IOException {
        add("{\"name\": \"acme/a\", \"version\": \"1.0.0\"}", files("A.php", "<?php new \\Acme\\Gone\\X();"));
        add("{\"name\": \"acme/gone\", \"version\": \"5.0.0\", \"autoload\": {\"psr-4\": {\"Acme\\\\Gone\\\\\": \"\"}}}", files());
        add("{\"name\": \"acme/a\", \"version\": \"1.1.0\"}", files());
        add("{\"name\": \"acme/a\", \"version\": \"2.0.0-beta1\"}", files());
        add("{\"name\": \"lib/x\", \"version\": \"3.0.0\"}", files());
        manifest.releases.add(tag("1.0.0", "shop", "1.0.0", false, "acme/a", "1.0.0", "acme/gone", "5.0.0"));
        manifest.releases.add(tag("1.1.0", "shop", "1.1.0", true, "acme/a", "1.1.0"));
        manifest.releases.add(tag("3.0.0", "lib", "v3.0.0", true, "lib/x", "3.0.0"));
        DependencyReport newest = analyze();
        assertEquals(set("acme/a", "lib/x"), new TreeSet<>(newest.packages.stream().map(p -> p.name).toList()));
        assertEquals("1.1.0", find(newest, "acme/a").version, "the newest tag's, not the highest version");
        assertEquals("the newest tag of each source: shop 1.1.0, lib v3.0.0", newest.analyzed);

        DependencyOptions options = new DependencyOptions();
        options.release = "1.0";
        DependencyReport old = new DependencyAnalyzer(DistributionLog.SILENT, 2).analyze(manifest, repository, options);
        assertEquals("1.0.0", find(old, "acme/a").version);
        assertEquals(set("acme/gone"), find(old, "acme/a").missing);

        options.release = "9.9.9";
        DistributionException e = assertThrows(DistributionException.class,
                () -> new DependencyAnalyzer(DistributionLog.SILENT, 2).analyze(manifest, repository, options));
        assertEquals("<analyzeRelease>9.9.9</analyzeRelease>: the build has no such release (it has 1.0.0, 1.1.0, 3.0.0)", e.getMessage());
    }

    private static PackageManifest.TagContent tag(String release, String source, String tag, boolean newest, String... namesAndVersions) {
        PackageManifest.TagContent t = new PackageManifest.TagContent();
        t.release = release;
        t.source = source;
        t.tag = tag;
        t.newestTag = newest;
        for (int i = 0; i < namesAndVersions.length; i += 2) {
            t.packages.put(namesAndVersions[i], VersionParser.normalize(namesAndVersions[i + 1]));
        }
        return t;
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
