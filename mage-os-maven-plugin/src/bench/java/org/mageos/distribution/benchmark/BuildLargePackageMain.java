package org.mageos.distribution.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.packaging.PackageBuilder;
import org.mageos.distribution.core.packaging.PackageManifest;
import org.mageos.distribution.core.plan.PackagePlan;
import org.mageos.distribution.core.plan.PackagePlanner;

/**
 * Plans and builds the package of a git repository (root package, every tag), for {@link LargeFileBenchmark}
 * to run in a JVM with a small heap. Prints the zip's sha1, then the peak heap used in MiB.
 * Arguments: git dir, output repository folder.
 */
public final class BuildLargePackageMain {

    private BuildLargePackageMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(Path.of(args[0]).toFile()).setMustExist(true).build()) {
            Source source = new Source("large", args[0]);
            PackagePlan plan = new PackagePlanner(DistributionLog.SILENT).plan(List.of(new PackagePlanner.SourceRepository(source, repository)));
            PackageManifest manifest = new PackageBuilder(DistributionLog.SILENT, null, 2).build(plan, Map.of("large", repository), Path.of(args[1]));
            System.out.println(manifest.versions.get(0).sha1);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println(peak / (1024 * 1024));
    }
}
