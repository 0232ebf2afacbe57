package org.mageos.distribution.core.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.mageos.distribution.core.BuildLog;
import org.mageos.distribution.core.DistributionException;

/**
 * Publishes a built repository to a folder: dists first, then the p2 metadata, then packages.json, so that
 * a client never reads metadata pointing to a dist that is not there yet. Unchanged files are skipped;
 * a dist already published with other bytes is never overwritten (lock files hold its sha1).
 */
public final class DirectoryDeployer {

    private final BuildLog log;

    public DirectoryDeployer(BuildLog log) {
        this.log = log;
    }

    public static final class Result {
        public int uploaded;
        public int skipped;
    }

    public Result deploy(Path repositoryDir, Path target) {
        if (!Files.isRegularFile(repositoryDir.resolve("packages.json"))) {
            throw new DistributionException("Nothing to deploy: " + repositoryDir + " has no packages.json (run mvn package first)");
        }
        Result result = new Result();
        try {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(repositoryDir)) {
                files = walk.filter(Files::isRegularFile).map(repositoryDir::relativize).sorted().collect(java.util.stream.Collectors.toList());
            }
            List<Path> dists = new ArrayList<>();
            List<Path> metadata = new ArrayList<>();
            for (Path f : files) {
                String p = f.toString().replace('\\', '/');
                if (p.equals("packages.json")) {
                    continue;
                }
                (p.startsWith("dist/") ? dists : metadata).add(f);
            }
            // refuse a changed dist before anything is written
            for (Path d : dists) {
                Path to = target.resolve(d.toString());
                if (Files.isRegularFile(to) && Files.mismatch(to, repositoryDir.resolve(d)) != -1) {
                    throw new DistributionException("Deploy refused: " + to + " is already published with other bytes; "
                            + "replacing it would break every lock file that recorded its sha1");
                }
            }
            for (Path d : dists) {
                copy(repositoryDir.resolve(d), target.resolve(d.toString()), result);
            }
            for (Path m : metadata) {
                copy(repositoryDir.resolve(m), target.resolve(m.toString()), result);
            }
            copy(repositoryDir.resolve("packages.json"), target.resolve("packages.json"), result);
        } catch (IOException e) {
            throw new DistributionException("Deploy to " + target + " failed: " + e.getMessage(), e);
        }
        log.info("Deployed to " + target + ": " + result.uploaded + " files copied, " + result.skipped + " unchanged");
        return result;
    }

    private void copy(Path from, Path to, Result result) throws IOException {
        if (!AtomicFiles.copyIfChanged(from, to)) {
            result.skipped++;
            return;
        }
        result.uploaded++;
        log.debug("copied " + to);
    }
}
