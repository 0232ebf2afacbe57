package org.mageos.distribution.core.composer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PackageLinkOrderTest {

    /**
     * The order Composer 2.5.5's own {@code JsonManipulator::sortPackages} (what {@code sort-packages} uses) gave these
     * names, run through PHP 8.2 with reflection; platform packages first, strnatcmp within each group.
     */
    private static final List<String> COMPOSER_ORDER = List.of("php", "php-64bit", "hhvm", "ext-2d", "ext-intl", "ext-json", "ext-pdo",
            "ext-pdo_mysql", "lib-icu", "lib-libxml", "composer", "composer-plugin-api", "composer-runtime-api", "Magento/Module-B", "a/b010",
            "a/b09", "a/b9", "a/b10", "laminas/laminas-code", "magento/framework", "magento/framework-amqp", "magento/module-a",
            "magento/module-catalog", "magento/module-catalog-search", "magento/zend-cache", "monolog/monolog", "psr/log",
            "symfony/polyfill-php8", "symfony/polyfill-php73", "symfony/polyfill-php80");

    @Test
    void sortsAsComposerSortPackages() {
        for (long seed = 0; seed < 20; seed++) {
            List<String> shuffled = new ArrayList<>(COMPOSER_ORDER);
            Collections.shuffle(shuffled, new Random(seed));
            java.util.Map<String, Integer> links = new java.util.LinkedHashMap<>();
            shuffled.forEach(name -> links.put(name, 0));
            shuffled.sort(PackageLinkOrder.INSTANCE);
            assertEquals(COMPOSER_ORDER, shuffled, "seed " + seed);
            assertEquals(COMPOSER_ORDER, new ArrayList<>(PackageLinkOrder.sorted(links).keySet()), "seed " + seed);
        }
    }

    @Test
    void platformPackages() {
        for (String name : List.of("php", "php-64bit", "php-zts", "hhvm", "ext-pdo_mysql", "lib-icu-uc", "composer-plugin-api", "composer",
                "EXT-JSON")) {
            assertTrue(PackageLinkOrder.isPlatform(name), name);
        }
        for (String name : List.of("php-amqplib/php-amqplib", "phpunit/phpunit", "ext-", "ext-_x", "composer/composer", "library")) {
            assertFalse(PackageLinkOrder.isPlatform(name), name);
        }
    }

    @Test
    void strnatcmpAsPhp() {
        // php -r 'echo strnatcmp($a, $b);' for each pair
        assertEquals(-1, PackageLinkOrder.strnatcmp("img2", "img10"));
        assertEquals(1, PackageLinkOrder.strnatcmp("img12", "img10"));
        assertEquals(-1, PackageLinkOrder.strnatcmp("a01", "a1"));
        assertEquals(1, PackageLinkOrder.strnatcmp("x2-y", "x2"));
        assertEquals(0, PackageLinkOrder.strnatcmp("007", "7"));
        assertEquals(-1, PackageLinkOrder.strnatcmp("A", "a"));
        assertEquals(-1, PackageLinkOrder.strnatcmp("", "a"));
    }
}
