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

/** index.html in headless Chromium: it loads, lists every package, and its search box filters them. */
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
        // self-contained: nothing loaded from elsewhere
        assertFalse(Pattern.compile("(src|href)\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(), html);
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
}
