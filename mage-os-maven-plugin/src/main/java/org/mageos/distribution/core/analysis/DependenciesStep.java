package org.mageos.distribution.core.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.ProjectSettings;
import org.mageos.distribution.core.io.AtomicFiles;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.packaging.PackageManifest;

/**
 * The dependencies step: what the PHP code of the built repository uses against what each package requires
 * ({@link DependencyAnalyzer}), printed and written to {@code dependencies.json} beside the manifest.
 */
public final class DependenciesStep {

    private final DistributionLog log;

    public DependenciesStep(DistributionLog log) {
        this.log = log;
    }

    public DependencyReport run(ProjectSettings settings, DependencyOptions options) {
        PackageManifest manifest = PackageManifest.read(settings.manifestFile());
        if (settings.namespaces() != null) {
            options.namespaces = settings.namespaces();
        }
        // a class map's relative path is the project's, wherever Maven runs
        options.classMaps.replaceAll(p -> p.isAbsolute() || settings.projectDir() == null ? p : settings.projectDir().resolve(p));
        DependencyAnalyzer analyzer = new DependencyAnalyzer(log, options.threads > 0 ? options.threads : Runtime.getRuntime().availableProcessors());
        DependencyReport report = analyzer.analyze(manifest, settings.repositoryDir(), options);
        analyzer.print(report);
        Path reportFile = settings.manifestFile().resolveSibling("dependencies.json");
        try {
            AtomicFiles.writeIfChanged(reportFile, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        } catch (IOException e) {
            throw new DistributionException("Cannot write " + reportFile + ": " + e.getMessage(), e);
        }
        log.info("Dependency report written to " + reportFile);
        if (options.failOnMissingRequirements && report.hasMissing()) {
            List<String> lacking = new ArrayList<>();
            for (PackageDependencies p : report.packages) {
                if (!p.missing.isEmpty()) {
                    lacking.add(p.name + " lacks " + String.join(", ", p.missing));
                }
            }
            throw new DistributionException("Packages use code of packages they do not require (<failOnMissingRequirements>): "
                    + String.join("; ", lacking));
        }
        return report;
    }
}
