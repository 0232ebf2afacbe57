package org.mageos.distribution.core.archive;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.mageos.distribution.core.DistributionLog;

/** Writes the zip of a repository's HEAD and prints its sha1; run under other JDKs by {@link ReproducibleAcrossJdksTest}. */
public final class WriteZipMain {

    private WriteZipMain() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(write(Path.of(args[0]), Path.of(args[1])));
    }

    static String write(Path gitDir, Path target) throws Exception {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
                RevWalk walk = new RevWalk(repository);
                ObjectReader reader = repository.newObjectReader()) {
            RevCommit head = walk.parseCommit(repository.resolve("HEAD"));
            List<PackageFile> files = PackageTreeReader.list(reader, head.getTree(), ExcludeRules.of(null, List.of()), DistributionLog.SILENT::warn);
            return new DistArchiveWriter(null).write(reader, files, Map.of(), target);
        }
    }
}
