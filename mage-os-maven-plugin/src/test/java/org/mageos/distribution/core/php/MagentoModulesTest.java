package org.mageos.distribution.core.php;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Magento's references by module name, its package names, and what counts as test code. */
class MagentoModulesTest {

    @Test
    void packageNamesAsMagento2sComposerJsonFilesGiveThem() {
        // names as app/code/Magento/*/composer.json and lib/internal/Magento/Framework/*/composer.json of magento2 have them
        assertEquals("catalog-url-rewrite-graph-ql", MagentoModules.kebab("CatalogUrlRewriteGraphQl"));
        assertEquals("elasticsearch-7", MagentoModules.kebab("Elasticsearch7"));
        assertEquals("aws-s3", MagentoModules.kebab("AwsS3"));
        assertEquals("re-captcha-ui", MagentoModules.kebab("ReCaptchaUi"));
        assertEquals("message-queue", MagentoModules.kebab("MessageQueue"));
        assertEquals("magento/framework", AutoloadIndex.magentoPackage("Magento\\Framework\\App\\Area"));
        assertEquals("magento/framework-message-queue", AutoloadIndex.magentoPackage("\\Magento\\Framework\\MessageQueue\\Publisher"));
        assertEquals("magento/module-open-search", AutoloadIndex.magentoPackage("Magento\\OpenSearch\\Model\\Client"));
        assertEquals("magento/magento2-base", AutoloadIndex.magentoPackage("Magento\\Setup\\Console\\Command"));
        assertNull(AutoloadIndex.magentoPackage("MagentoX\\Catalog\\Thing"));
        assertNull(AutoloadIndex.magentoPackage("Magento\\Thing"));
        assertTrue(AutoloadIndex.isMagentoPackage("magento/framework-bulk"));
        assertFalse(AutoloadIndex.isMagentoPackage("magento/magento-composer-installer"));
    }

    @Test
    void referencesByModuleName() {
        Set<String> refs = new TreeSet<>();
        MagentoModules.references("define(['jquery', 'Magento_Ui/js/modal/modal', 'text!Magento_Checkout/template/x.html', 'mage/url'],"
                + " {t: 'Magento_Catalog::product/view.phtml', a: \"Magento_Backend::admin\", no: 'Magento_Sales/', nor: 'Foo\\\\Bar_Baz::x'})", refs);
        assertEquals(new TreeSet<>(Set.of("Magento_Ui/js/modal/modal", "Magento_Checkout/template/x.html", "Magento_Catalog::product/view.phtml",
                "Magento_Backend::admin")), refs);
        PhpReferences js = MagentoModules.scan(("// Convert ../utils/util into Magento_Module/js/utils/util\n/* Magento_Other::x */\n"
                + "var url = 'http://example.org/Magento_Url/x'; define(['Magento_Ui/js/lib/view/utils/async']); // Magento_Gone/x\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
        assertEquals(new TreeSet<>(Set.of("Magento_Url/x", "Magento_Ui/js/lib/view/utils/async")), new TreeSet<>(js.modules),
                "comments of JavaScript do not count, strings with // do");
        assertEquals("Magento_Ui", MagentoModules.moduleOf("Magento_Ui/js/modal/modal"));
        assertEquals("Magento_Backend", MagentoModules.moduleOf("Magento_Backend::admin"));
        assertEquals("Magento_Store", MagentoModules.moduleOf("Magento_Store"));
    }

    @Test
    void docCommentTypes() {
        PhpReferences refs = PhpSourceScanner.scan("<?php\n/** @var $block \\Magento\\Catalog\\Block\\View */\n"
                + "/** @var \\Magento\\Framework\\Escaper $escaper */\n?><div><?= $block->getTitle() ?></div>\n"
                + "<?php\nnamespace Shop;\nuse Vendor\\Api\\ItemInterface;\ninterface Repo {\n"
                + "    /**\n     * Returns the items; see Vendor\\Prose\\Only.\n     * @param int|string $id\n"
                + "     * @return ItemInterface[]|array<string, \\Vendor\\Api\\Other>|null\n     * @throws \\Vendor\\Errors\\NotFound\n"
                + "     * @var $this\n     */\n    public function get($id);\n}\n");
        assertEquals(new TreeSet<>(Set.of("Magento\\Catalog\\Block\\View", "Magento\\Framework\\Escaper", "Vendor\\Api\\ItemInterface",
                "Vendor\\Api\\Other", "Vendor\\Errors\\NotFound")), new TreeSet<>(refs.classes));
    }

    @Test
    void testCode() {
        assertTrue(ScannedPackage.isTestPath("Test/Unit/ATest.php"));
        assertTrue(ScannedPackage.isTestPath("TestFramework/Unit/Helper.php"));
        assertTrue(ScannedPackage.isTestPath("dev/tests/integration/x.php"));
        assertTrue(ScannedPackage.isTestPath("lib/internal/Magento/Framework/TestFramework/Unit/Helper.php"));
        assertFalse(ScannedPackage.isTestPath("Model/Testing.php"));
        assertFalse(ScannedPackage.isTestPath("Test.php"));
        assertFalse(ScannedPackage.isTestPath("devtools/x.php"));
    }
}
