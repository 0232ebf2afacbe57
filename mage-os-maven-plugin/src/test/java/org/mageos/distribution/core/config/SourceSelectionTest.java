package org.mageos.distribution.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mageos.distribution.core.DistributionException;

/** {@code -Dmage-os.sources=...} and {@code <source><override>}. */
class SourceSelectionTest {

    private static Distribution mirror() {
        GeneratedPackage product = new GeneratedPackage();
        product.setName("magento/product-community-edition");
        product.setSources("magento2, security-package");
        GeneratedPackage extension = new GeneratedPackage();
        extension.setName("acme/extension-bundle");
        extension.setSources("security-package, magento2");
        Release release = new Release();
        release.setVersion("2.4.7");
        release.setTags(List.of(new Release.ReleaseTag("magento2", "2.4.7"), new Release.ReleaseTag("security-package", "1.1.4")));
        Release onlyM2 = new Release();
        onlyM2.setVersion("2.4.8");
        onlyM2.setTags(List.of(new Release.ReleaseTag("magento2", "2.4.8")));
        return new Distribution(List.of(new Source("magento2", "a"), new Source("security-package", "b"), new Source("magento-zf-soap", "c")))
                .setGeneratedPackages(List.of(product, extension)).setReleases(List.of(release, onlyM2));
    }

    private static List<String> names(Distribution d) {
        return d.getSources().stream().map(Source::getName).toList();
    }

    @Test
    void namesSelectAndABangLeavesOut() {
        assertEquals(List.of("security-package", "magento-zf-soap"), names(SourceSelection.apply(mirror(), "!magento2")));
        assertEquals(List.of("security-package"), names(SourceSelection.apply(mirror(), "!magento2,!magento-zf-soap")));
        assertEquals(List.of("magento2", "security-package"), names(SourceSelection.apply(mirror(), " security-package , magento2 ")));
        Distribution d = mirror();
        assertSame(d, SourceSelection.apply(d, " "));
    }

    @Test
    void packagesGeneratedFromALeftOutSourceAreLeftOutAndReleasesLoseItsTags() {
        Distribution d = SourceSelection.apply(mirror(), "!magento2");
        assertEquals(List.of("acme/extension-bundle"), d.getGeneratedPackages().stream().map(GeneratedPackage::getName).toList());
        assertEquals("security-package", d.getGeneratedPackages().get(0).getSources());
        assertEquals(1, d.getReleases().size());
        assertEquals(List.of("security-package"), d.getReleases().get(0).getTags().stream().map(Release.ReleaseTag::getSource).toList());
    }

    @Test
    void anUnknownNameOrNothingLeftIsAnError() {
        DistributionException e = assertThrows(DistributionException.class, () -> SourceSelection.apply(mirror(), "!magento3"));
        assertEquals("mage-os.sources=!magento3: 'magento3' is not the <name> of a <source> (declared: magento2, security-package,"
                + " magento-zf-soap)", e.getMessage());
        e = assertThrows(DistributionException.class, () -> SourceSelection.apply(mirror(), "magento2,!magento2"));
        assertTrue(e.getMessage().contains("leaves no source to build"), e.getMessage());
    }

    @Test
    void anOverridingSourceTakesThePlaceOfTheInheritedOne() {
        Source fork = new Source("security-package", "https://git.example.org/acme/security-package.git");
        fork.setOverride(true);
        Source added = new Source("acme-extension", "d");
        List<Source> merged = DistributionConfig.withOverrides(List.of(new Source("magento2", "a"), new Source("security-package", "b"), fork, added));
        assertEquals(List.of("magento2", "security-package", "acme-extension"), merged.stream().map(Source::getName).toList());
        assertSame(fork, merged.get(1));
        Source orphan = new Source("nothing-earlier", "e");
        orphan.setOverride(true);
        DistributionException e = assertThrows(DistributionException.class, () -> DistributionConfig.withOverrides(List.of(orphan)));
        assertTrue(e.getMessage().startsWith("<source> 'nothing-earlier' has <override>true</override>, but no earlier <source>"), e.getMessage());
    }
}
