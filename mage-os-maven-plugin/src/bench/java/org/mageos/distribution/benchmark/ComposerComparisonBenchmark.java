/*
 * The plugin against the real Composer on real PHP libraries. Not a test: a main class that prints figures.
 *
 *   mvn -q -f mage-os-maven-plugin/pom.xml -Pbench test-compile exec:java -Dexec.classpathScope=test \
 *       -Dexec.mainClass=org.mageos.distribution.benchmark.ComposerComparisonBenchmark \
 *       -Dexec.args="--samples 30 --work /tmp/cmp GITDIR..."
 *
 * Each GITDIR is a git repository of one library (a bare mirror is fine). For each it prints: the tag and branch
 * versions (name, version, version_normalized) Composer's VcsRepository reads (ValidatingArrayLoader) and how many of
 * them the plugin builds the same (branches with <branches>*</branches> and <nightlyVersions>branch</nightlyVersions>),
 * the versions only one side has, and for N sampled tag versions (spread evenly over the version list) whether the
 * zip holds the files, with the bytes, of `composer archive` in a checkout of the same commit. Needs php, composer, git.
 */
package org.mageos.distribution.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.mageos.distribution.core.packaging.PackageManifest;
import org.mageos.distribution.core.packaging.PackagedVersion;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.testing.ComposerReference;
import org.mageos.distribution.core.testing.RecordingLog;

public final class ComposerComparisonBenchmark {

    private ComposerComparisonBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int samples = 30;
        Path work = Files.createTempDirectory("composer-comparison");
        List<Path> repositories = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--samples")) {
                samples = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--work")) {
                work = Path.of(args[++i]);
            } else {
                repositories.add(Path.of(args[i]));
            }
        }
        int allEqual = 0;
        for (Path mirror : repositories) {
            String name = mirror.getParent().getFileName().toString().replaceAll("[^A-Za-z0-9.-]", "-");
            Path dir = work.resolve(name);
            Path gitDir = dir.resolve("complete.git");
            int[] copied = completeCopy(mirror, gitDir);
            System.out.printf("%s: %d tags and %d branches whose trees are complete in the snapshot (%d left out)%n", name, copied[0],
                    copied[1], copied[2]);
            long start = System.nanoTime();
            TreeSet<String> composerTags = new TreeSet<>();
            TreeSet<String> composerBranches = new TreeSet<>();
            for (ComposerReference.VcsVersion v : ComposerReference.vcsVersions(gitDir, dir.resolve("composer"))) {
                boolean branch = v.version().startsWith("dev-") || v.version().endsWith("-dev");
                (branch ? composerBranches : composerTags).add(v.name() + " " + v.version() + " " + v.versionNormalized());
            }
            long composerNanos = System.nanoTime() - start;
            start = System.nanoTime();
            Source source = new Source(name, gitDir.toString());
            source.setBranches(List.of("*"));
            RecordingLog log = new RecordingLog();
            PackageManifest manifest = ComposerReference.pluginBuild(source, new Distribution().setNightlyVersions(Distribution.BRANCH), dir.resolve("plugin"),
                    log);
            long pluginNanos = System.nanoTime() - start;
            TreeSet<String> ourTags = new TreeSet<>();
            TreeSet<String> ourBranches = new TreeSet<>();
            List<PackagedVersion> tagVersions = new ArrayList<>();
            for (PackagedVersion v : manifest.versions) {
                boolean branch = v.version.startsWith("dev-") || v.version.endsWith("-dev");
                (branch ? ourBranches : ourTags).add(v.name + " " + v.version + " " + v.versionNormalized);
                if (!branch) {
                    tagVersions.add(v);
                }
            }
            long skipped = log.lines.stream().filter(l -> l.startsWith("WARN ") && l.contains(": skipped, ")).count();
            System.out.printf("%s: Composer reads %d tag versions, %d branch versions (%.1f s); the plugin builds %d and %d (%.1f s), "
                    + "%d skipped with a warning%n", name, composerTags.size(), composerBranches.size(), composerNanos / 1e9, ourTags.size(),
                    ourBranches.size(), pluginNanos / 1e9, skipped);
            boolean tagsEqual = report("  tags", composerTags, ourTags);
            boolean branchesEqual = report("  branches", composerBranches, ourBranches);
            tagVersions.sort((a, b) -> org.mageos.distribution.core.version.VersionComparator.ASCENDING.compare(a.versionNormalized,
                    b.versionNormalized));
            int n = Math.min(samples, tagVersions.size());
            int same = 0;
            int files = 0;
            for (int i = 0; i < n; i++) {
                PackagedVersion v = tagVersions.get(n == 1 ? 0 : (int) ((long) i * (tagVersions.size() - 1) / (n - 1)));
                Map<String, byte[]> composers = ComposerReference.composerArchive(gitDir, v.commit, dir.resolve("archive"));
                Map<String, byte[]> ours = ComposerReference.zipFiles(dir.resolve("plugin/repository").resolve(v.distPath));
                List<String> differences = ComposerReference.differences(ours, composers);
                files += composers.size();
                if (differences.isEmpty()) {
                    same++;
                } else {
                    System.out.println("  zip " + v.version + " differs: " + String.join("; ", differences.subList(0, Math.min(5,
                            differences.size()))) + (differences.size() > 5 ? "; and " + (differences.size() - 5) + " more" : ""));
                }
            }
            System.out.printf("  zips: %d of %d sampled versions equal to composer archive of the same commit (%d files compared)%n", same, n,
                    files);
            if (tagsEqual && branchesEqual && same == n) {
                allEqual++;
            }
        }
        System.out.printf("%d of %d libraries: every version and every sampled zip as Composer's%n", allEqual, repositories.size());
    }

    /**
     * A repository with the tags and branches of {@code mirror} whose trees have every object (snapshots may lack large
     * blobs): one parentless commit per tree, under the same ref names, HEAD on the same branch. Composer and the plugin
     * both read this copy: the names and trees are the library's, only the history is cut.
     */
    static int[] completeCopy(Path mirror, Path target) throws Exception {
        int[] counts = new int[3];
        if (Files.isDirectory(target)) {
            org.mageos.distribution.core.testing.TestRepository.delete(target);
        }
        try (org.eclipse.jgit.lib.Repository from = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(mirror.toFile())
                .setMustExist(true).build();
                org.eclipse.jgit.api.Git to = org.eclipse.jgit.api.Git.init().setBare(true).setGitDir(target.toFile()).call();
                org.eclipse.jgit.lib.ObjectReader reader = from.newObjectReader();
                org.eclipse.jgit.lib.ObjectInserter inserter = to.getRepository().newObjectInserter();
                org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(reader)) {
            java.util.Set<org.eclipse.jgit.lib.ObjectId> copied = new java.util.HashSet<>();
            org.eclipse.jgit.lib.PersonIdent who = new org.eclipse.jgit.lib.PersonIdent("snapshot", "snapshot@example.org", new java.util.Date(0L),
                    java.util.TimeZone.getTimeZone("UTC"));
            org.eclipse.jgit.lib.Ref head = from.exactRef("HEAD");
            for (org.eclipse.jgit.lib.Ref ref : from.getRefDatabase().getRefsByPrefix("refs/")) {
                boolean tag = ref.getName().startsWith("refs/tags/");
                if (!tag && !ref.getName().startsWith("refs/heads/")) {
                    continue;
                }
                org.eclipse.jgit.revwalk.RevCommit commit;
                try {
                    commit = walk.parseCommit(ref.getObjectId());
                } catch (Exception e) {
                    counts[2]++;
                    continue;
                }
                List<org.eclipse.jgit.lib.ObjectId> objects = new ArrayList<>();
                boolean complete = true;
                try (org.eclipse.jgit.treewalk.TreeWalk tw = new org.eclipse.jgit.treewalk.TreeWalk(reader)) {
                    tw.addTree(commit.getTree());
                    tw.setRecursive(true);
                    tw.setPostOrderTraversal(true);
                    while (tw.next() && complete) {
                        org.eclipse.jgit.lib.ObjectId id = tw.getObjectId(0);
                        if (!org.eclipse.jgit.lib.FileMode.GITLINK.equals(tw.getFileMode(0))) {
                            complete = reader.has(id);
                            objects.add(id.copy());
                        }
                    }
                } catch (org.eclipse.jgit.errors.MissingObjectException e) {
                    complete = false;
                }
                if (!complete) {
                    counts[2]++;
                    continue;
                }
                objects.add(commit.getTree().copy());
                for (org.eclipse.jgit.lib.ObjectId id : objects) {
                    if (copied.add(id)) {
                        org.eclipse.jgit.lib.ObjectLoader loader = reader.open(id);
                        inserter.insert(loader.getType(), loader.getBytes());
                    }
                }
                org.eclipse.jgit.lib.CommitBuilder cb = new org.eclipse.jgit.lib.CommitBuilder();
                cb.setTreeId(commit.getTree());
                cb.setAuthor(new org.eclipse.jgit.lib.PersonIdent(who, new java.util.Date(commit.getCommitTime() * 1000L)));
                cb.setCommitter(cb.getAuthor());
                cb.setMessage(commit.getShortMessage());
                org.eclipse.jgit.lib.ObjectId id = inserter.insert(cb);
                inserter.flush();
                org.eclipse.jgit.lib.RefUpdate update = to.getRepository().updateRef(ref.getName());
                update.setNewObjectId(id);
                update.forceUpdate();
                counts[tag ? 0 : 1]++;
            }
            if (head != null && head.isSymbolic() && to.getRepository().exactRef(head.getTarget().getName()) != null) {
                to.getRepository().updateRef("HEAD").link(head.getTarget().getName());
            }
        }
        return counts;
    }

    private static boolean report(String what, TreeSet<String> composer, TreeSet<String> ours) {
        TreeSet<String> onlyComposer = new TreeSet<>(composer);
        onlyComposer.removeAll(ours);
        TreeSet<String> onlyOurs = new TreeSet<>(ours);
        onlyOurs.removeAll(composer);
        int equal = composer.size() - onlyComposer.size();
        System.out.printf("%s: %d of %d equal%s%s%n", what, equal, composer.size(),
                onlyComposer.isEmpty() ? "" : "; only Composer's: " + first(onlyComposer),
                onlyOurs.isEmpty() ? "" : "; only ours: " + first(onlyOurs));
        return onlyComposer.isEmpty() && onlyOurs.isEmpty();
    }

    private static String first(TreeSet<String> set) {
        List<String> list = new ArrayList<>(set);
        return String.join(", ", list.subList(0, Math.min(8, list.size()))) + (list.size() > 8 ? " and " + (list.size() - 8) + " more" : "");
    }
}
