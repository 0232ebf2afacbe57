package org.mageos.distribution.core.testing;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.packaging.PackageManifest;
import org.mageos.distribution.core.packaging.PackageStep;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.GitCache;
import org.mageos.distribution.core.index.RepositoryIndex;

/**
 * What {@code mvn package} runs (fetch, package, index), in a process of its own, for tests that kill it:
 * {@code PackageMain CACHE_DIR PROJECT_DIR GIT_URL FORCE ENTRY_TIME}; packages every {@code mods/*} folder into
 * {@code PROJECT_DIR/target/repository}; prints its log, and {@code packaging} when the package step starts.
 */
public final class PackageMain {

    private PackageMain() {
    }

    public static void main(String[] args) {
        DistributionLog printing = new DistributionLog() {
            @Override
            public void info(String message) {
                System.out.println(message);
                System.out.flush();
            }

            @Override
            public void warn(String message) {
                info("WARNING " + message);
            }

            @Override
            public void debug(String message) {
            }
        };
        build(Path.of(args[0]), Path.of(args[1]), args[2], Boolean.parseBoolean(args[3]), Instant.parse(args[4]), printing);
    }

    public static void build(Path cacheRoot, Path project, String url, boolean force, Instant timestamp, DistributionLog log) {
        Source source = new Source("shop", url);
        source.setPackages(List.of(new PackageRule("mods/*")));
        Distribution distribution = new Distribution(List.of(source)).setProjectDir(project).setNightlyDate(LocalDate.parse("2026-11-21"));
        new GitCache(cacheRoot, log).fetch(source, false);
        log.info("packaging");
        Path output = project.resolve("target/repository");
        Path manifest = project.resolve("target/mage-os/build-manifest.json");
        new PackageStep(log, cacheRoot, output, manifest).timestamp(timestamp).threads(2).force(force)
                .notInput(project.resolve("target")).run(distribution);
        new RepositoryIndex(log).write(PackageManifest.read(manifest), "https://mirror.example.org/", output);
    }
}
