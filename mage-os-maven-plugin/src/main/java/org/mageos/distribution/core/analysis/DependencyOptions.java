package org.mageos.distribution.core.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mageos.distribution.core.config.ThirdPartyNamespace;

/** What {@code mage-os:dependencies} analyzes and how names find their packages. */
public final class DependencyOptions {

    /** Namespace prefix -> package, for packages outside the distribution. */
    public List<ThirdPartyNamespace> namespaces = new ArrayList<>();
    /** Class maps of packages outside the distribution: vendor folders, installed.json, composer.lock or composer.json files. */
    public List<Path> classMaps = new ArrayList<>();
    /** Names of magento2's namespaces and modules no package provides go to magento2's packages. */
    public boolean magentoDefaults = true;
    /** The release analyzed; null for the newest tag of each source. */
    public String release;
    /** Packages scanned at the same time. */
    public int threads = 1;
    /** Fail when a package's runtime code uses a package its composer.json does not require. */
    public boolean failOnMissingRequirements;
}
