package org.mageos.distribution.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.build.BuildManifest;
import org.mageos.distribution.core.composer.Json;
import org.mageos.distribution.core.php.DependencyAnalyzer;
import org.mageos.distribution.core.php.DependencyReport;
import org.mageos.distribution.core.php.PackageDependencies;
import org.mageos.distribution.core.publish.AtomicFiles;

/**
 * Compares the classes and functions each package's PHP code uses with the requirements of its composer.json,
 * from the repository the package goal built, and prints missing and unused requirements as a table.
 */
@Mojo(name = "dependencies", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class DependenciesMojo extends AbstractDistributionMojo {

    @Parameter(property = "mage-os.dependencies.skip", defaultValue = "false")
    private boolean skip;

    /** Fail the build when a package's code uses a package its composer.json does not require. */
    @Parameter(property = "mage-os.dependencies.failOnMissingRequirements", defaultValue = "false")
    private boolean failOnMissingRequirements;

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
        BuildManifest manifest = BuildManifest.read(manifestFile());
        DependencyAnalyzer analyzer = new DependencyAnalyzer(buildLog(), threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        DependencyReport report = analyzer.analyze(manifest, repositoryDir(), namespaces == null ? List.of() : namespaces);
        analyzer.print(report);
        Path reportFile = workDirectory.toPath().resolve("dependencies.json");
        try {
            AtomicFiles.writeIfChanged(reportFile, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        } catch (IOException e) {
            throw new DistributionException("Cannot write " + reportFile + ": " + e.getMessage(), e);
        }
        getLog().info("Dependency report written to " + reportFile);
        if (failOnMissingRequirements && report.hasMissing()) {
            List<String> lacking = new ArrayList<>();
            for (PackageDependencies p : report.packages) {
                if (!p.missing.isEmpty()) {
                    lacking.add(p.name + " lacks " + String.join(", ", p.missing));
                }
            }
            throw new DistributionException("Packages use code of packages they do not require (<failOnMissingRequirements>): "
                    + String.join("; ", lacking));
        }
    }
}
