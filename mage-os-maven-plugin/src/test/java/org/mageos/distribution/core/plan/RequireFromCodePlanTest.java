package org.mageos.distribution.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.config.VendorRename;
import org.mageos.distribution.core.config.ThirdPartyNamespace;
import org.mageos.distribution.core.testing.TestRepository;

/** {@code <requireFromCode>}: a base package's require computed at plan time from its code in git. */
class RequireFromCodePlanTest {

    @TempDir
    Path tmp;

    private static String module(String name, String version, String autoload, String type) {
        return "{\n    \"name\": \"" + name + "\",\n    \"version\": \"" + version + "\",\n" + (type == null ? "" : "    \"type\": \"" + type + "\",\n")
                + "    \"autoload\": " + autoload + "\n}\n";
    }

    private static String psr4(String prefix) {
        return "{\"psr-4\": {\"" + prefix.replace("\\", "\\\\") + "\": \"\"}}";
    }

    /** The base's composer.json at the root: it requires what the analysis can and cannot judge. */
    private static final String BASE = "{\n    \"name\": \"acme/base\",\n    \"version\": \"1.0.0\",\n    \"require\": {\n"
            + "        \"acme/module-unused\": \"*\",\n        \"vendor/unknown\": \"^1.0\",\n        \"acme/plugin\": \"*\",\n"
            + "        \"psr/log\": \"^1 || ^2 || ^3\",\n        \"ext-json\": \"*\",\n        \"php\": \"~8.2.0\"\n    },\n"
            + "    \"archive\": {\"exclude\": [\"/build\"]}\n}\n";

    private static Map<String, String> release() {
        Map<String, String> files = new HashMap<>();
        files.put("composer.json", BASE);
        files.put("A/composer.json", module("acme/module-a", "1.0.0",
                "{\"psr-4\": {\"Acme\\\\A\\\\\": \"\"}, \"files\": [\"functions.php\"]}", null));
        files.put("A/functions.php", "<?php\nfunction acme_helper() { return 1; }\n");
        files.put("B/composer.json", module("acme/module-b", "2.1.3", psr4("Acme\\B\\"), null));
        files.put("U/composer.json", module("acme/module-unused", "3.0.0", psr4("Acme\\U\\"), null));
        files.put("P/composer.json", module("acme/plugin", "1.0.0", psr4("Acme\\Plugin\\"), "composer-plugin"));
        // the base's own code: a class of module-a, a function of module-a's autoload files, third-party classes
        files.put("setup/Installer.php", "<?php\nnamespace Acme\\Setup;\n\nuse Acme\\A\\Model\\Thing;\nuse Monolog\\Logger;\n\n"
                + "class Installer extends Helper\n{\n    public function run(\\Psr\\Log\\LoggerInterface $log): Thing\n    {\n"
                + "        acme_helper();\n        $x = 'Acme\\\\U\\\\NotCode';\n        return new Thing(new Logger('x'));\n    }\n}\n");
        files.put("setup/Helper.php", "<?php\nnamespace Acme\\Setup;\n\nclass Helper\n{\n}\n");
        // configuration: module-b through di.xml
        files.put("app/etc/di.xml", "<?xml version=\"1.0\"?>\n<config xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
                + "    <preference for=\"Acme\\B\\Api\\ThingInterface\" type=\"Acme\\B\\Model\\Thing\"/>\n</config>\n");
        // tests (require-dev's business), export-ignored and archive-excluded files do not count
        files.put("dev/tests/InstallerTest.php", "<?php\nnamespace Acme\\Test;\nclass InstallerTest extends \\PHPUnit\\Framework\\TestCase {}\n");
        files.put("ignored/Old.php", "<?php\nnew \\Laminas\\Code\\Generator();\n");
        files.put(".gitattributes", "/ignored export-ignore\n");
        files.put("build/Tool.php", "<?php\nnew \\Laminas\\Code\\Generator();\n");
        return files;
    }

    private static List<ThirdPartyNamespace> namespaces(String monologConstraint) {
        List<ThirdPartyNamespace> list = new ArrayList<>();
        list.add(new ThirdPartyNamespace("Monolog\\", "monolog/monolog", monologConstraint));
        list.add(new ThirdPartyNamespace("Psr\\Log\\", "psr/log"));
        list.add(new ThirdPartyNamespace("Laminas\\Code\\", "laminas/laminas-code"));
        list.add(new ThirdPartyNamespace("PHPUnit\\", "phpunit/phpunit"));
        return list;
    }

    private static Source source(TestRepository repo, String... branches) {
        Source source = new Source("magento", repo.dir().toString());
        PackageRule base = new PackageRule();
        base.setBase(true);
        base.setRequireFromCode(true);
        source.setPackages(List.of(new PackageRule("*"), base));
        source.setBranches(List.of(branches));
        return source;
    }

    private static PackagePlan plan(PackagePlanner planner, Source source, TestRepository repo, Distribution distribution) {
        return planner.plan(List.of(new PackagePlanner.SourceRepository(source, repo.git().getRepository())), distribution.setSources(List.of(source)));
    }

    private static String require(PackagePlan plan, String name, String version) {
        return plan.versions().stream().filter(v -> v.name().equals(name) && v.version().equals(version)).findFirst().orElseThrow()
                .composerJson().path("require").toString();
    }

    @Test
    void baseRequiresWhatItsCodeUsesAtTheReleasesVersionsSortedAsComposer() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            repo.commit("release", release());
            repo.tag("1.0.0");
            PackagePlan plan = plan(new PackagePlanner(DistributionLog.SILENT), source(repo), repo, new Distribution().setPinRequirements(true).setNamespaces(namespaces("^3.0")));
            // platform packages first, then names (strnatcmp); module-a for a class and a function, module-b through di.xml,
            // monolog at its <constraint>, psr/log at composer.json's constraint (its <namespace> has none), the plugin
            // (no code to judge) pinned as a "*" requirement of the release is, vendor/unknown kept (nothing says what it
            // holds); module-unused dropped (a string naming its class is no use); tests, export-ignore'd and excluded files
            // (PHPUnit, Laminas) do not count
            assertEquals("{\"php\":\"~8.2.0\",\"ext-json\":\"*\",\"acme/module-a\":\"1.0.0\",\"acme/module-b\":\"2.1.3\",\"acme/plugin\":\"1.0.0\","
                    + "\"monolog/monolog\":\"^3.0\",\"psr/log\":\"^1 || ^2 || ^3\",\"vendor/unknown\":\"^1.0\"}", require(plan, "acme/base", "1.0.0"));
        }
    }

    @Test
    void aThirdPartyPackageWithNoConstraintIsAnErrorNamingItsNamespace() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            repo.commit("release", release());
            repo.tag("1.0.0");
            DistributionException e = assertThrows(DistributionException.class,
                    () -> plan(new PackagePlanner(DistributionLog.SILENT), source(repo), repo, new Distribution().setNamespaces(namespaces(null))));
            assertTrue(e.getMessage().contains("release 1.0.0") && e.getMessage().contains("monolog/monolog (uses Monolog\\Logger")
                    && e.getMessage().contains("<prefix>Monolog\\</prefix><package>monolog/monolog</package> has no <constraint>"), e.getMessage());
        }
    }

    @Test
    void aNightlyBaseRequiresTheNightVersionsAndTheConstraintFollowsTheConfiguration() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            repo.commit("release", release());
            repo.tag("1.0.0");
            // develop: a module never released, which the base now uses; module-b is no longer used
            Map<String, String> develop = new HashMap<>();
            develop.put("C/composer.json", module("acme/module-c", "1.0.0-dev", psr4("Acme\\C\\"), null));
            develop.put("app/etc/di.xml", "<?xml version=\"1.0\"?>\n<config><type name=\"Acme\\C\\Model\\Thing\"/></config>\n");
            repo.commit("develop", develop);
            repo.git().branchCreate().setName("develop").call();
            Source source = source(repo, "develop");
            Distribution distribution = new Distribution().setNightlyDate(LocalDate.of(2026, 11, 21)).setNamespaces(namespaces("^3.0"));
            PackagePlanner cached = new PackagePlanner(DistributionLog.SILENT).withPlanCache(tmp.resolve("plans"));
            PackagePlan plan = plan(cached, source, repo, distribution);
            assertEquals("{\"php\":\"~8.2.0\",\"ext-json\":\"*\",\"acme/module-a\":\"1.0.0.1-a20261121\",\"acme/module-c\":\"0.0.1.1-a20261121\","
                    + "\"acme/plugin\":\"1.0.0.1-a20261121\",\"monolog/monolog\":\"^3.0\",\"psr/log\":\"^1 || ^2 || ^3\",\"vendor/unknown\":\"^1.0\"}",
                    require(plan, "acme/base", "1.0.0.1-a20261121"));

            // the same tags and branch from the plan cache, with another <constraint>: the require follows the configuration
            PackagePlan again = plan(new PackagePlanner(DistributionLog.SILENT).withPlanCache(tmp.resolve("plans")), source, repo,
                    new Distribution().setNightlyDate(LocalDate.of(2026, 11, 21)).setNamespaces(namespaces("^2.9")));
            assertTrue(require(again, "acme/base", "1.0.0").contains("\"monolog/monolog\":\"^2.9\""));
            assertTrue(require(again, "acme/base", "1.0.0.1-a20261121").contains("\"monolog/monolog\":\"^2.9\""));
        }
    }

    @Test
    void renamedVendorsAreRequiredByTheirNewNamesInComposerOrder() throws Exception {
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            repo.commit("release", release());
            repo.tag("1.0.0");
            VendorRename rename = new VendorRename();
            rename.setFrom("acme");
            rename.setTo("zeta");
            PackagePlan plan = plan(new PackagePlanner(DistributionLog.SILENT), source(repo), repo,
                    new Distribution().setPinRequirements(true).setNamespaces(namespaces("^3.0")).setVendorRenames(List.of(rename)));
            assertEquals("{\"php\":\"~8.2.0\",\"ext-json\":\"*\",\"monolog/monolog\":\"^3.0\",\"psr/log\":\"^1 || ^2 || ^3\",\"vendor/unknown\":\"^1.0\","
                    + "\"zeta/module-a\":\"1.0.0\",\"zeta/module-b\":\"2.1.3\",\"zeta/plugin\":\"1.0.0\"}", require(plan, "zeta/base", "1.0.0"));
        }
    }
}
