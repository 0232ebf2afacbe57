/*
 * The plugin against the real Composer on real PHP libraries. Not a test: a main class that prints figures.
 *
 *   mvn -q -f mage-os-maven-plugin/pom.xml test-compile exec:java -Dexec.classpathScope=test \
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
import org.mageos.distribution.core.build.BuildManifest;
import org.mageos.distribution.core.build.BuiltVersion;
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
        for (Path gitDir : repositories) {
            String name = gitDir.getParent().getFileName().toString().replaceAll("[^A-Za-z0-9.-]", "-");
            Path dir = work.resolve(name);
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
            BuildManifest manifest = ComposerReference.pluginBuild(source, new Distribution().setNightlyVersions(Distribution.BRANCH), dir.resolve("plugin"),
                    log);
            long pluginNanos = System.nanoTime() - start;
            TreeSet<String> ourTags = new TreeSet<>();
            TreeSet<String> ourBranches = new TreeSet<>();
            List<BuiltVersion> tagVersions = new ArrayList<>();
            for (BuiltVersion v : manifest.versions) {
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
                BuiltVersion v = tagVersions.get(n == 1 ? 0 : (int) ((long) i * (tagVersions.size() - 1) / (n - 1)));
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
