package org.mageos.distribution.core.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.advisory.SecurityAdvisories;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.ProjectSettings;
import org.mageos.distribution.core.packaging.PackageManifest;

/**
 * The index step: the repository's metadata for what the package step built (its manifest), merged with the
 * published repository. When neither the manifest nor the options changed since its last run ({@link IndexStamp}),
 * it writes nothing and says "Index up-to-date".
 */
public final class IndexStep {

    private final DistributionLog log;

    public IndexStep(DistributionLog log) {
        this.log = log;
    }

    /**
     * Indexes the project's output with {@code options}, whose repository URL, published repository and nightly date
     * come from the project's settings. Returns false when the index was up-to-date.
     */
    public boolean run(ProjectSettings settings, IndexOptions options) {
        options.repositoryUrl = settings.effectiveRepositoryUrl();
        options.publishedRepositoryUrl = settings.publishedRepository();
        options.nightlyDate = new Distribution().setNightlyDate(settings.nightlyBuildDate()).getNightlyDate();
        options.advisories = SecurityAdvisories.of(settings, log);
        return run(options, settings.manifestFile(), settings.repositoryDir());
    }

    /** Returns false when the index was up-to-date. */
    public boolean run(IndexOptions options, Path manifestFile, Path repositoryDir) {
        options.validate();
        boolean written;
        // a published repository may change between runs: then the index is always rendered again
        IndexStamp stamp = new IndexStamp(manifestFile.resolveSibling("index.stamp"));
        try {
            String key = options.publishedRepositoryUrl == null && Files.isRegularFile(manifestFile)
                    ? IndexStamp.key(Files.readAllBytes(manifestFile), options) : null;
            if (key != null && stamp.isCurrent(key, repositoryDir)) {
                log.info("Index up-to-date: nothing changed since the last run");
                written = false;
            } else {
                stamp.clear();
                new RepositoryIndex(log).write(PackageManifest.read(manifestFile), options, repositoryDir);
                if (key != null) {
                    stamp.record(key, repositoryDir);
                }
                written = true;
            }
        } catch (IOException e) {
            throw new DistributionException("Cannot read " + manifestFile + " or write " + stamp + ": " + e.getMessage(), e);
        }
        log.info("Composer repository ready in " + repositoryDir + " for " + options.repositoryUrl);
        return written;
    }
}
