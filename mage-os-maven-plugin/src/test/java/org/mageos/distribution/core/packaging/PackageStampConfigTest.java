package org.mageos.distribution.core.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.config.ThirdPartyNamespace;

/** What {@code <requireFromCode>} reads from the configuration is part of the package stamp: a change packages again. */
class PackageStampConfigTest {

    private static Distribution distribution(boolean requireFromCode, String constraint) {
        Source source = new Source("magento2", "repos/magento2");
        PackageRule base = new PackageRule();
        base.setBase(true);
        base.setRequireFromCode(requireFromCode);
        source.setPackages(List.of(new PackageRule("app/code/Magento/*"), base));
        return new Distribution(List.of(source)).setNamespaces(List.of(new ThirdPartyNamespace("Monolog\\", "monolog/monolog", constraint)));
    }

    @Test
    void namespacesAndRequireFromCodeAreInTheStampedConfiguration() {
        // equal configurations, built twice, describe alike (no identity hash in the text)
        assertEquals(PackageStamp.describe(distribution(true, "^3.0")), PackageStamp.describe(distribution(true, "^3.0")));
        assertNotEquals(PackageStamp.describe(distribution(true, "^3.0")), PackageStamp.describe(distribution(true, "^2.9")));
        assertNotEquals(PackageStamp.describe(distribution(true, "^3.0")), PackageStamp.describe(distribution(true, null)));
        assertNotEquals(PackageStamp.describe(distribution(true, "^3.0")), PackageStamp.describe(distribution(false, "^3.0")));
    }
}
