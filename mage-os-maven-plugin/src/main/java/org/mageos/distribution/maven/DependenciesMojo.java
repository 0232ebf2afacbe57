package org.mageos.distribution.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import java.io.File;
import org.mageos.distribution.core.analysis.DependenciesStep;
import org.mageos.distribution.core.analysis.DependencyOptions;

/**
 * Compares the classes and functions each package's PHP code uses with the requirements of its composer.json,
 * from the repository the package goal built, and prints missing and unused requirements as a table.
 */
@Mojo(name = "dependencies", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class DependenciesMojo extends AbstractDistributionMojo {

    /** Skips the {@code dependencies} goal; {@code mage-os.skip} skips every goal of the plugin. */
    @Parameter(property = "mage-os.dependencies.skip", defaultValue = "false")
    private boolean skip;

    /** Fail the build when a package's runtime code uses a package its composer.json does not require. */
    @Parameter(property = "mage-os.dependencies.failOnMissingRequirements", defaultValue = "false")
    private boolean failOnMissingRequirements;

    /**
     * Class maps of packages outside the distribution, each a path (relative to the project): a {@code vendor/}
     * folder Composer installed (or the project folder that holds it), an {@code installed.json}, a
     * {@code composer.lock}, or a package's {@code composer.json}.
     */
    @Parameter
    private java.util.List<File> classMaps;

    /**
     * The release analyzed (its version, as the build names it); by default the newest tag of each source.
     */
    @Parameter(property = "mage-os.dependencies.release")
    private String analyzeRelease;

    /**
     * Attribute the names of magento2's own namespaces and modules that no package of the analysis provides to
     * magento2's packages ({@code Magento\Framework\} to magento/framework, {@code Magento\Catalog\} and
     * {@code Magento_Catalog} to magento/module-catalog).
     */
    @Parameter(property = "mage-os.dependencies.magentoNamespaces", defaultValue = "true")
    private boolean magentoNamespaces;

    /** Packages scanned at the same time; 0 means one per core. */
    @Parameter(property = "mage-os.threads", defaultValue = "0")
    private int threads;

    @Override
    protected boolean isSkipped() {
        return skip;
    }

    @Override
    protected String skipProperty() {
        return "mage-os.dependencies.skip";
    }

    @Override
    protected void run() {
        DependencyOptions options = new DependencyOptions();
        if (classMaps != null) {
            classMaps.forEach(f -> options.classMaps.add(f.toPath()));
        }
        options.release = analyzeRelease == null || analyzeRelease.isBlank() ? null : analyzeRelease.trim();
        options.magentoDefaults = magentoNamespaces;
        options.threads = threads;
        options.failOnMissingRequirements = failOnMissingRequirements;
        new DependenciesStep(distributionLog()).run(settings(), options);
    }
}
