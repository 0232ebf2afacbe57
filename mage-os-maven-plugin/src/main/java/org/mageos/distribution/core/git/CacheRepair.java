package org.mageos.distribution.core.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.mageos.distribution.core.DistributionLog;

/**
 * Cleans what a fetch killed half-way leaves in a cached repository: lock files of refs and of the repository's
 * files (which would make the next ref update fail), and partial packs (an incoming pack, or a pack without its
 * index, which git ignores but never removes). Runs under the repository's lock, so no other fetch is writing;
 * readers never create these files.
 */
final class CacheRepair {

    private CacheRepair() {
    }

    static void clean(Path gitDir, DistributionLog log) throws IOException {
        List<Path> leftovers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(gitDir)) {
            files.filter(Files::isRegularFile).filter(f -> isLeftover(gitDir, f)).forEach(leftovers::add);
        }
        for (Path leftover : leftovers) {
            Files.deleteIfExists(leftover);
            log.warn("removed " + gitDir.relativize(leftover) + " from the cache " + gitDir + ", left by an interrupted fetch");
        }
    }

    private static boolean isLeftover(Path gitDir, Path file) {
        String name = file.getFileName().toString();
        Path relative = gitDir.relativize(file);
        if (name.endsWith(".lock")) {
            return true;
        }
        if (relative.startsWith("objects")) {
            if (name.startsWith("incoming_") || name.startsWith("tmp_") || name.startsWith("insert_")) {
                return true;
            }
            if (relative.getParent() != null && relative.getParent().endsWith("pack") && name.startsWith("pack-")) {
                String base = name.substring(0, name.lastIndexOf('.'));
                if (name.endsWith(".pack")) {
                    return !Files.exists(file.resolveSibling(base + ".idx"));
                }
                if (name.endsWith(".idx") || name.endsWith(".bitmap") || name.endsWith(".rev")) {
                    return !Files.exists(file.resolveSibling(base + ".pack"));
                }
            }
        }
        return false;
    }

    /**
     * What is wrong with the objects of the selected refs (each commit and its root tree read), or null when they are
     * readable: a damaged pack makes JGit report the objects in it as missing, on every run, until the cache is
     * fetched again. A commit whose parents are missing must be one a shallow fetch left without history (listed in
     * the {@code shallow} file): a deepening killed half-way leaves that list short, and fetches would then walk into
     * the missing parents. Deeper objects are read when packages are built.
     */
    static String damage(Repository repository, Predicate<String> selected) {
        try (RevWalk walk = new RevWalk(repository)) {
            Set<ObjectId> shallow = repository.getObjectDatabase().getShallowCommits();
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_REFS)) {
                if (ref.isSymbolic() || !selected.test(ref.getName())) {
                    continue;
                }
                try {
                    RevCommit commit = walk.parseCommit(ref.getObjectId());
                    walk.parseTree(commit.getTree());
                    for (RevCommit parent : commit.getParents()) {
                        if (!shallow.contains(commit) && !repository.getObjectDatabase().has(parent)) {
                            return Repository.shortenRefName(ref.getName()) + ": parent " + parent.name() + " of commit " + commit.name()
                                    + " is missing";
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    return Repository.shortenRefName(ref.getName()) + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                }
            }
            return null;
        } catch (IOException e) {
            return "cannot read its refs: " + e.getMessage();
        }
    }

    /** Removes a directory tree, if there is one. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
