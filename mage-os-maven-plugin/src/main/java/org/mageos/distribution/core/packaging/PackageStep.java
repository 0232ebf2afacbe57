package org.mageos.distribution.core.packaging;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.ProjectSettings;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.GitCache;
import org.mageos.distribution.core.io.RepositoryLocation;
import org.mageos.distribution.core.plan.NightlyReleaseGuard;
import org.mageos.distribution.core.plan.PackagePlan;
import org.mageos.distribution.core.plan.PackagePlanner;
import org.mageos.distribution.core.published.PublishedRepository;
import org.mageos.distribution.core.published.RemoteRepositories;

/**
 * The package step: plans the distribution from the cached repositories, builds the zips into the repository
 * folder and writes the build manifest for the index step. When nothing it reads or writes changed since its last
 * run ({@link PackageStamp}), it does nothing at all and says "Package up-to-date".
 */
public final class PackageStep {

    private final DistributionLog log;
    private final Path cacheRoot;
    private final Path repositoryDir;
    private final Path manifestFile;
    private Instant timestamp;
    private int threads = 1;
    private boolean force;
    private Path publishedDir;
    private String publishedRepository;
    private RemoteRepositories remoteRepositories = RemoteRepositories.NONE;
    private final List<Path> notProject = new ArrayList<>();

    /**
     * @param cacheRoot     the shared cache: git repositories, plans ({@code plans/}) and zips ({@code builds/})
     * @param repositoryDir the Composer repository folder
     * @param manifestFile  where the build manifest goes; the stamp of the last run is kept beside it
     */
    public PackageStep(DistributionLog log, Path cacheRoot, Path repositoryDir, Path manifestFile) {
        this.log = log;
        this.cacheRoot = cacheRoot;
        this.repositoryDir = repositoryDir;
        this.manifestFile = manifestFile;
        notProject.add(cacheRoot);
    }

    /** Timestamp of every zip entry; null for the documented constant. */
    public PackageStep timestamp(Instant entryTime) {
        this.timestamp = entryTime;
        return this;
    }

    public PackageStep threads(int workers) {
        this.threads = workers;
        return this;
    }

    /** Rebuilds every zip from git, whatever the repositories, the caches and the last run hold. */
    public PackageStep force(boolean rebuild) {
        this.force = rebuild;
        return this;
    }

    /** A folder already published (the deploy target): its versions are kept, not rebuilt; null for none. */
    public PackageStep keeping(Path published) {
        this.publishedDir = published;
        return this;
    }

    /** The repository already published ({@code <publishedRepositoryUrl>}: a folder or a URL); null for none. */
    public PackageStep publishedRepository(String location) {
        this.publishedRepository = location;
        return this;
    }

    /** Opens a published repository on S3 or SFTP (the deploy's client and credentials). */
    public PackageStep remoteRepositories(RemoteRepositories remote) {
        this.remoteRepositories = remote;
        return this;
    }

    /** A folder of the project that is no input of the build (the build directory). */
    public PackageStep notInput(Path folder) {
        notProject.add(folder);
        return this;
    }

    /**
     * Packages the project: its settings give the folders, the timestamp and the distribution; the versions already
     * in the deploy target ({@code deployUrl}, when it is a folder that exists) are kept, not rebuilt.
     *
     * @param threads packages built at the same time; 0 for one per core
     * @param force   rebuild every zip from git (their sha1 may change)
     */
    public static boolean run(DistributionLog log, ProjectSettings settings, int threads, boolean force, String deployUrl) {
        return run(log, settings, threads, force, deployUrl, RemoteRepositories.NONE);
    }

    /** @param remote opens a {@code <publishedRepositoryUrl>} on S3 or SFTP (the deploy's client and credentials) */
    public static boolean run(DistributionLog log, ProjectSettings settings, int threads, boolean force, String deployUrl, RemoteRepositories remote) {
        Path deployFolder = null;
        if (deployUrl != null && !deployUrl.trim().isEmpty()) {
            Path path = RepositoryLocation.of(deployUrl, settings.projectDir(), "<deployUrl>").path();
            deployFolder = path != null && Files.isDirectory(path) ? path : null;
        }
        return new PackageStep(log, settings.cache(), settings.repositoryDir(), settings.manifestFile()).timestamp(settings.timestamp())
                .threads(threads > 0 ? threads : Runtime.getRuntime().availableProcessors()).force(force).keeping(deployFolder)
                .publishedRepository(settings.publishedRepository()).remoteRepositories(remote).notInput(settings.workDirectory().toAbsolutePath().getParent())
                .run(settings.distribution());
    }

    /** Runs the step; returns false when it was up-to-date and did nothing. */
    public boolean run(Distribution distribution) {
        GitCache cache = new GitCache(cacheRoot, log);
        List<Path> gitDirs = new ArrayList<>();
        distribution.getSources().forEach(s -> gitDirs.add(cache.repositoryDirectory(s)));
        List<Path> outputs = new ArrayList<>(List.of(repositoryDir, manifestFile));
        if (publishedDir != null) {
            outputs.add(publishedDir);
        }
        // a published repository behind a URL may change at any time, unseen: then every run plans and checks
        Path publishedFolder = publishedRepository == null ? null : localFolder(publishedRepository);
        boolean remote = publishedRepository != null && publishedFolder == null;
        if (publishedFolder != null) {
            outputs.add(publishedFolder);
        }
        PackageStamp stamp = new PackageStamp(manifestFile.resolveSibling("package.stamp"));
        String options = "timestamp=" + timestamp + " published=" + publishedDir + " repository=" + repositoryDir
                + " publishedRepository=" + publishedRepository;
        try {
            if (!force && !remote && stamp.isCurrent(PackageStamp.state(distribution, options, gitDirs, outputs, notProject))) {
                log.info("Package up-to-date: nothing changed since the last run (" + stamp + ")");
                return false;
            }
            stamp.clear();
        } catch (IOException e) {
            throw new DistributionException("Cannot read the state of the last package run " + stamp + ": " + e.getMessage(), e);
        }
        build(distribution, cache);
        try {
            stamp.record(PackageStamp.state(distribution, options, gitDirs, outputs, notProject));
        } catch (IOException e) {
            // the build is complete without it: the next run checks everything again
            log.debug("cannot record " + stamp + ": " + e.getMessage());
        }
        return true;
    }

    /** The folder a published repository location names (a path or a {@code file:} URL); null for any other URL. */
    private static Path localFolder(String location) {
        try {
            return RepositoryLocation.of(location, Path.of(""), "<publishedRepositoryUrl>").path();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void build(Distribution distribution, GitCache cache) {
        List<Repository> open = new ArrayList<>();
        PublishedRepository published = null;
        try {
            List<PackagePlanner.SourceRepository> repositories = new ArrayList<>();
            Map<String, Repository> byName = new HashMap<>();
            for (Source source : distribution.getSources()) {
                Repository repository = cache.open(source);
                open.add(repository);
                repositories.add(new PackagePlanner.SourceRepository(source, repository));
                byName.put(source.getName(), repository);
            }
            // what is already published is read once: the output and deploy folders serve the versions to keep, the
            // published repository too, and its record of planned tags spares the plan the tags it made already
            published = PublishedRepository.of(log, publishedRepository, remoteRepositories, repositoryDir, publishedDir);
            long planStart = System.nanoTime();
            PackagePlan plan = new PackagePlanner(log).withPlanCache(cacheRoot.resolve("plans")).withPublished(force ? PublishedRepository.NONE : published)
                    .plan(repositories, distribution);
            log.debug("Planned " + plan.versions().size() + " package versions in " + (System.nanoTime() - planStart) / 1_000_000 + " ms");
            NightlyReleaseGuard.check(plan, published.readers());
            plan.keep(published, force);
            PackageBuilder builder = new PackageBuilder(log, timestamp, threads).force(force).strict(distribution.isStrict())
                    .withCache(new ZipCache(cacheRoot.resolve("builds")));
            PackageManifest manifest = builder.build(plan, byName, repositoryDir);
            manifest.skipped = new ArrayList<>(plan.skipped());
            manifest.plannedTags = plan.record().isEmpty() ? null : plan.record().toJson();
            for (org.mageos.distribution.core.plan.ReleaseContent content : plan.releases()) {
                PackageManifest.TagContent tag = new PackageManifest.TagContent();
                tag.release = content.release;
                tag.source = content.source;
                tag.tag = content.tag;
                tag.newestTag = content.newestTag;
                tag.packages.putAll(content.packages);
                manifest.releases.add(tag);
            }
            manifest.write(manifestFile);
        } catch (IOException e) {
            throw new DistributionException("Cannot write the build manifest " + manifestFile + ": " + e.getMessage(), e);
        } finally {
            open.forEach(Repository::close);
            if (published != null) {
                published.close();
            }
        }
    }
}
