package org.mageos.distribution.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.jgit.lib.Repository;
import org.mageos.distribution.core.BuildLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.build.BuildCache;
import org.mageos.distribution.core.build.BuildManifest;
import org.mageos.distribution.core.build.PackageBuilder;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.GitCache;
import org.mageos.distribution.core.plan.BuildPlan;
import org.mageos.distribution.core.index.NightlyReleaseGuard;
import org.mageos.distribution.core.index.PublishedVersions;
import org.mageos.distribution.core.index.RepositoryReader;
import org.mageos.distribution.core.publish.DeployTargets;
import org.mageos.distribution.core.plan.BuildPlanner;

/** Turns the selected tags of every source into Composer package zips, read straight from git objects. */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackageMojo extends AbstractDistributionMojo {

    @Parameter(property = "mage-os.package.skip", defaultValue = "false")
    private boolean skip;

    /** Packages built at the same time; 0 means one per core. */
    @Parameter(property = "mage-os.threads", defaultValue = "0")
    private int threads;

    /**
     * Rebuilds every zip from git, even the versions the output or the published repository already serves.
     * Their sha1 may change, which breaks the lock files that recorded the old one: use with care.
     */
    @Parameter(property = "mage-os.package.force", defaultValue = "false")
    private boolean force;

    /** The deploy target; the versions already published there (a folder target) are not rebuilt. */
    @Parameter(property = "mage-os.deployUrl")
    private String deployUrl;

    @Override
    protected boolean isSkipped() {
        return skip;
    }

    @Override
    protected String skipProperty() {
        return "mage-os.package.skip";
    }

    @Override
    protected void run() {
        BuildLog log = buildLog();
        GitCache cache = new GitCache(cache(), log);
        List<Repository> open = new ArrayList<>();
        try {
            List<BuildPlanner.SourceRepository> repositories = new ArrayList<>();
            Map<String, Repository> byName = new HashMap<>();
            Distribution distribution = distribution();
            for (Source source : distribution.getSources()) {
                Repository repository = cache.open(source);
                open.add(repository);
                repositories.add(new BuildPlanner.SourceRepository(source, repository));
                byName.put(source.getName(), repository);
            }
            BuildPlan plan = new BuildPlanner(log).withPlanCache(cache().resolve("plans")).plan(repositories, distribution);
            NightlyReleaseGuard.check(plan, servedRepositories());
            int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            PackageBuilder builder = new PackageBuilder(log, timestamp(), workers).force(force)
                    .withCache(new BuildCache(cache().resolve("builds")))
                    .keeping(new PublishedVersions(repositoryDir()));
            Path published = publishedDirectory();
            if (published != null) {
                builder.keeping(new PublishedVersions(published));
            }
            BuildManifest manifest = builder.build(plan, byName, repositoryDir());
            manifest.write(manifestFile());
        } catch (IOException e) {
            throw new DistributionException("Cannot write the build manifest " + manifestFile() + ": " + e.getMessage(), e);
        } finally {
            open.forEach(Repository::close);
        }
    }

    /** The repositories that already serve versions: the published one, the output folder and a deploy folder, when they have an index. */
    private List<RepositoryReader> servedRepositories() {
        List<RepositoryReader> served = new ArrayList<>();
        String published = publishedRepository();
        if (published != null) {
            served.add(new RepositoryReader(published));
        }
        for (Path folder : new Path[] {repositoryDir(), publishedDirectory()}) {
            if (folder != null && Files.isRegularFile(folder.resolve("packages.json"))) {
                served.add(new RepositoryReader(folder.toString()));
            }
        }
        return served;
    }

    /** The deploy target when it is a folder that exists (a {@code file:} URL or a path); else null. */
    private Path publishedDirectory() {
        if (deployUrl == null || deployUrl.trim().isEmpty()) {
            return null;
        }
        Path path = DeployTargets.directory(deployUrl, basedir.toPath());
        return path != null && Files.isDirectory(path) ? path : null;
    }
}
