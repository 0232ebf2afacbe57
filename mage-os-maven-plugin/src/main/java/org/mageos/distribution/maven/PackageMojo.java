package org.mageos.distribution.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.build.PackageStep;
import org.mageos.distribution.core.publish.DeployTargets;

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
        int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        new PackageStep(buildLog(), cache(), repositoryDir(), manifestFile()).timestamp(timestamp()).threads(workers).force(force)
                .keeping(publishedDirectory()).publishedRepository(publishedRepository())
                .notInput(workDirectory.toPath().toAbsolutePath().getParent()).run(distribution());
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
