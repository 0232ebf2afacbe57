package org.mageos.distribution.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.testing.HeadlessChromium;

/** index.html in headless Chromium: it loads, lists every package with what Satis's page shows, and its search box filters them. */
class IndexPageBrowserTest {

    @TempDir
    Path tmp;

    @Test
    void thePageListsThePackagesAndTheSearchFiltersThem() throws Exception {
        RepositoryFixture f = new RepositoryFixture(tmp.resolve("repo"));
        f.add("magento/module-catalog", "103.0.7", ", \"description\": \"Catalog <products>\", \"require\": {\"magento/framework\": \"103.0.7\"}", "c");
        f.add("magento/module-checkout", "100.4.7", ", \"description\": \"Checkout\"", "k");
        f.add("magento/framework", "103.0.7", ", \"description\": \"Framework\", \"require\": {\"php\": \"~8.2.0\"}", "f");
        f.add("magento/framework", "103.0.6", ", \"description\": \"Framework\"", "f6");
        f.add("magento/project-community-edition", "2.4.7", ", \"type\": \"project\", \"description\": \"Project\"", "p");
        String base = "https://mirror.example.org/";
        new RepositoryIndex(DistributionLog.SILENT).write(f.manifest, base, f.dir);
        Path page = f.dir.resolve("index.html");
        byte[] first = Files.readAllBytes(page);
        String html = new String(first, java.nio.charset.StandardCharsets.UTF_8);
        // self-contained: nothing loaded from elsewhere (links are to the page's own anchors and the zips)
        assertFalse(Pattern.compile("(src\\s*=|<link)", Pattern.CASE_INSENSITIVE).matcher(html).find(), html);
        java.util.regex.Matcher hrefs = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (hrefs.find()) {
            assertTrue(hrefs.group(1).startsWith("#") || hrefs.group(1).startsWith(base + "dist/"), hrefs.group(1));
        }
        assertFalse(html.contains("Catalog <products>"), "descriptions are escaped");

        try (HeadlessChromium chromium = HeadlessChromium.start(tmp.resolve("chromium-profile"))) {
            chromium.open(page.toUri().toString());
            assertEquals("Composer repository " + base, chromium.evaluate("document.title").asText());
            String rows = "Array.from(document.querySelectorAll('#packages>tbody>tr.package'))";
            String visible = rows + ".filter(r => r.offsetParent !== null).map(r => r.querySelector('code').textContent).join(',')";
            assertEquals("magento/framework,magento/module-catalog,magento/module-checkout,magento/project-community-edition",
                    chromium.evaluate(visible).asText());
            assertEquals("Catalog <products>", chromium.evaluate(rows + "[1].querySelector('small').textContent").asText());
            // versions, sizes and requirements of each version
            String framework = rows + "[0].querySelectorAll('table.versions tr')";
            assertEquals(2, chromium.evaluate(framework + ".length").asInt());
            assertEquals("103.0.7", chromium.evaluate(framework + "[0].cells[0].textContent").asText());
            assertEquals(IndexPage.humanSize(Files.size(f.dir.resolve(f.manifest.versions.get(2).distPath))),
                    chromium.evaluate(framework + "[0].cells[2].textContent").asText());
            assertEquals("php ~8.2.0", chromium.evaluate(framework + "[0].cells[3].textContent").asText());
            // the commands to use it
            String commands = chromium.evaluate("document.getElementById('commands').textContent").asText();
            assertTrue(commands.contains("composer config repositories.distribution composer " + base), commands);
            assertTrue(commands.contains("composer create-project --repository-url=" + base + " magento/project-community-edition"), commands);
            assertEquals(0, chromium.evaluate("performance.getEntriesByType('resource').length").asInt());

            // typing in the search box
            String type = "(function(t){var b=document.getElementById('search');b.value=t;b.dispatchEvent(new Event('input'));"
                    + "return document.getElementById('shown').textContent;})";
            assertEquals("2 of 4 packages", chromium.evaluate(type + "('module')").asText());
            assertEquals("magento/module-catalog,magento/module-checkout", chromium.evaluate(visible).asText());
            assertEquals("1 of 4 packages", chromium.evaluate(type + "('CATALOG products')").asText());
            assertEquals("magento/module-catalog", chromium.evaluate(visible).asText());
            assertEquals("0 of 4 packages", chromium.evaluate(type + "('nothing-like-this')").asText());
            assertEquals("", chromium.evaluate(visible).asText());
            assertEquals("4 of 4 packages", chromium.evaluate(type + "('')").asText());

            // a query in the URL fragment
            // a query in the URL fragment (with a query string: a new document, not a jump within this one)
            chromium.open(page.toUri() + "?reload#q=framework");
            assertEquals("framework", chromium.evaluate("document.getElementById('search').value").asText());
            assertEquals("magento/framework", chromium.evaluate(visible).asText());
        }
        // the same bytes when written again
        new RepositoryIndex(DistributionLog.SILENT).write(f.manifest, base, f.dir);
        assertArrayEquals(first, Files.readAllBytes(page));
    }

    @Test
    void eachPackageHasItsAnchorNewestStableLicenseHomepageAbandonedFlagAdvisoriesAndRequiredBy() throws Exception {
        RepositoryFixture f = new RepositoryFixture(tmp.resolve("repo"));
        f.add("magento/module-catalog", "103.0.7", ", \"license\": \"OSL-3.0\", \"homepage\": \"https://example.org/catalog?a=1&b=2\","
                + " \"require\": {\"magento/framework\": \"103.0.7\"}", "c");
        f.add("magento/module-catalog", "103.1.0-beta1", ", \"license\": \"OSL-3.0\", \"require\": {\"magento/framework\": \"103.0.7\"}", "cb");
        f.add("magento/module-checkout", "100.4.7", ", \"homepage\": \"javascript:alert(1)\", \"require\": {\"Magento/Framework\": \"*\"}", "k");
        f.add("magento/framework", "103.0.7", ", \"license\": [\"OSL-3.0\", \"AFL-3.0\"]", "f");
        f.add("magento/framework", "103.0.6", ", \"license\": [\"OSL-3.0\", \"AFL-3.0\"]", "f6");
        f.add("magento/nightly", "1.0.0-alpha1", "", "n");
        Path advisories = tmp.resolve("advisories/magento/framework");
        Files.createDirectories(advisories);
        Files.writeString(advisories.resolve("2024-01-15.yaml"), SecurityAdvisoriesTest.LIB_ADVISORY.replace("acme/lib", "magento/framework")
                .replace("<1.10.1-p1", "<103.0.7"));
        String base = "https://mirror.example.org/";
        IndexOptions options = IndexOptions.at(base);
        options.abandoned = java.util.Map.of("magento/module-checkout", "magento/module-catalog");
        options.advisories = org.mageos.distribution.core.advisory.SecurityAdvisories.of(new org.mageos.distribution.core.config.ProjectSettings(
                tmp, tmp.resolve("cache"), tmp.resolve("out"), tmp.resolve("work"), null, null, java.util.List.of(), null, null, null, null, null,
                "nightly", null, null, false, null, false, false, null, tmp.resolve("advisories").toString()), DistributionLog.SILENT);
        new RepositoryIndex(DistributionLog.SILENT).write(f.manifest, options, f.dir);
        Path page = f.dir.resolve("index.html");

        try (HeadlessChromium chromium = HeadlessChromium.start(tmp.resolve("chromium-profile"))) {
            chromium.open(page.toUri().toString());
            String row = "(function(n){return document.getElementById(n);})";
            // the newest stable version, not a newer beta; none for a package without a stable version
            assertEquals("103.0.7", chromium.evaluate(row + "('magento/module-catalog').querySelector('td.stable').textContent").asText());
            assertEquals("none", chromium.evaluate(row + "('magento/nightly').querySelector('td.stable').textContent").asText());
            // license and homepage; a homepage that is no http(s) URL is not a link
            assertEquals("license OSL-3.0 · https://example.org/catalog?a=1&b=2",
                    chromium.evaluate(row + "('magento/module-catalog').querySelector('.facts').textContent").asText());
            assertEquals("https://example.org/catalog?a=1&b=2",
                    chromium.evaluate(row + "('magento/module-catalog').querySelector('a.homepage').href").asText());
            assertEquals("license OSL-3.0, AFL-3.0", chromium.evaluate(row + "('magento/framework').querySelector('.facts').textContent").asText());
            assertTrue(chromium.evaluate(row + "('magento/module-checkout').querySelector('a.homepage')===null").asBoolean());
            // abandoned, with its replacement linked to its row
            assertTrue(chromium.evaluate(row + "('magento/module-checkout').classList.contains('abandoned')").asBoolean());
            String checkout = chromium.evaluate(row + "('magento/module-checkout').cells[0].textContent").asText();
            assertTrue(checkout.startsWith("magento/module-checkout abandoned: use magento/module-catalog instead"), checkout);
            assertEquals(page.toUri() + "#magento/module-catalog",
                    chromium.evaluate(row + "('magento/module-checkout').querySelector('.flag').nextElementSibling.href").asText());
            // required by, whatever the case of the requirement
            assertEquals("required by 2 packages", chromium.evaluate(row + "('magento/framework').querySelector('.required-by summary').textContent").asText());
            assertEquals("#magento/module-catalog,#magento/module-checkout", chromium.evaluate("Array.from(" + row
                    + "('magento/framework').querySelectorAll('.required-by a')).map(a => a.getAttribute('href')).join(',')").asText());
            // the advisory
            assertEquals("1 security advisory", chromium.evaluate(row + "('magento/framework').querySelector('.advisories summary').textContent").asText());
            assertEquals("Remote code execution in magento/framework (CVE-2024-12345): >=1.0.0,<103.0.7",
                    chromium.evaluate(row + "('magento/framework').querySelector('.advisories li').textContent").asText());
            // every version's zip, linked
            assertEquals(base + f.manifest.versions.get(4).distPath,
                    chromium.evaluate(row + "('magento/framework').querySelectorAll('table.versions a')[1].href").asText());

            // an anchor hidden by the search shows again
            String type = "(function(t){var b=document.getElementById('search');b.value=t;b.dispatchEvent(new Event('input'));"
                    + "return document.getElementById('shown').textContent;})";
            assertEquals("2 of 4 packages", chromium.evaluate(type + "('module')").asText());
            assertTrue(chromium.evaluate(row + "('magento/framework').hidden").asBoolean());
            chromium.evaluate("location.hash='#magento/framework'");
            long until = System.nanoTime() + 5_000_000_000L;
            while (chromium.evaluate(row + "('magento/framework').hidden").asBoolean() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertFalse(chromium.evaluate(row + "('magento/framework').hidden").asBoolean());
            assertEquals("", chromium.evaluate("document.getElementById('search').value").asText());
        }
    }
}
