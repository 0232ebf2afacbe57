/*
 * Benchmark of a whole distribution as a user builds it: `mvn package` of a distribution project, cold (empty git
 * cache, build cache and output: every source fetched, every zip built) and then a no-op, whole `mvn` runs (JVM and
 * Maven start included). Not a test: a main class that prints figures (issue 14: the Magento mirror, every source but
 * magento2, from local copies of the real repositories).
 *
 * Run from the root of the project, after `mvn -B verify` (whose invoker step installs the plugin into
 * mage-os-maven-plugin/target/local-repo, which the `mvn` runs use; nothing goes to ~/.m2):
 *
 *   mvn -q -f mage-os-maven-plugin/pom.xml -Pbench test-compile exec:java -Dexec.classpathScope=test \
 *       -Dexec.mainClass=org.mageos.distribution.benchmark.MirrorBenchmark \
 *       -Dexec.args="--project example-distribution/magento-mirror --git file:///path/to/mirrors --sources !magento2"
 *
 * --project: the distribution project's folder, copied (without target/) into a temporary folder so that its
 *   target/ starts empty; --git: the value of -Dmagento-mirror.git (a folder of the Mage-OS mirror repositories,
 *   mirror-<name>); --sources: -Dmage-os.sources (default !magento2); --runs: no-op runs (default 3, the median is
 *   printed); --maven-repo: the local Maven repository holding the plugin (default
 *   mage-os-maven-plugin/target/local-repo); what else Maven needs comes from ~/.m2/repository as a mirror, no network;
 *   --property name=value: any other -D for every run; --keep: leave the temporary folder.
 */
package org.mageos.distribution.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

public final class MirrorBenchmark {

    public static void main(String[] args) throws Exception {
        Path project = null;
        String git = null;
        String sources = "!magento2";
        int runs = 3;
        boolean keep = false;
        Path mavenRepo = Path.of("mage-os-maven-plugin/target/local-repo").toAbsolutePath();
        List<String> properties = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--project" -> project = Path.of(args[++i]).toAbsolutePath();
                case "--git" -> git = args[++i];
                case "--sources" -> sources = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--maven-repo" -> mavenRepo = Path.of(args[++i]).toAbsolutePath();
                case "--property" -> properties.add("-D" + args[++i]);
                case "--keep" -> keep = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (project == null || git == null) {
            throw new IllegalArgumentException("usage: --project DIR --git URL [--sources LIST] [--runs N] [--maven-repo DIR]"
                    + " [--property name=value] [--keep]");
        }
        Path work = Files.createTempDirectory("mirror-benchmark");
        try {
            run(project, git, sources, runs, mavenRepo, properties, work);
        } finally {
            if (keep) {
                System.out.println("kept " + work);
            } else {
                delete(work);
            }
        }
    }

    private static void run(Path source, String git, String sources, int runs, Path mavenRepo, List<String> properties,
                            Path work) throws Exception {
        Path project = work.resolve("project");
        copyProject(source, project);
        Path userRepo = Path.of(System.getProperty("user.home"), ".m2", "repository");
        Files.writeString(work.resolve("settings.xml"), "<settings><mirrors><mirror><id>user-local</id><mirrorOf>*</mirrorOf>"
                + "<url>" + userRepo.toUri() + "</url></mirror></mirrors></settings>\n");
        Path cache = work.resolve("cache");
        Path output = work.resolve("repository");
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-s", work.resolve("settings.xml").toString(),
                "-Dmaven.repo.local=" + mavenRepo, "-Dmagento-mirror.git=" + git, "-Dmage-os.sources=" + sources,
                "-Dmage-os.cacheDirectory=" + cache, "-Dmage-os.outputDirectory=" + output));
        command.addAll(properties);
        command.add("package");
        System.out.println("project " + source + ", sources " + sources + " from " + git + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, load average " + loadAverage());
        long[] cold = mvn(project, command, true);
        if (cold == null) {
            return;
        }
        long[] zips = zips(output);
        System.out.printf("cold `mvn package` (empty git cache, build cache and output): %.1f s (CPU %.1f s), %d zips"
                + " (%.1f MiB), %d package versions in the index, git cache %.1f MiB%n", cold[0] / 1000.0, cold[1] / 1000.0,
                zips[0], zips[1] / 1048576.0, versions(output), size(cache) / 1048576.0);
        List<Long> walls = new ArrayList<>();
        List<Long> cpus = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long[] noOp = mvn(project, command, false);
            if (noOp == null) {
                return;
            }
            walls.add(noOp[0]);
            cpus.add(noOp[1]);
        }
        System.out.printf("no-op `mvn package` (up-to-date fetch of every source included), median of %d: %.2f s (CPU %.2f s);"
                + " runs %s ms, CPU %s ms; load average after %s%n", runs, median(walls) / 1000.0, median(cpus) / 1000.0, walls,
                cpus, loadAverage());
    }

    /** One `mvn` run under bash, to read its CPU time (its warnings printed when asked): {wall ms, CPU ms}, or null (after printing why) when it failed. */
    private static long[] mvn(Path project, List<String> command, boolean printWarnings) throws Exception {
        List<String> timed = new ArrayList<>(List.of("bash", "-c", "\"$@\"; rc=$?; times; exit $rc", "bash"));
        timed.addAll(command);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(timed).directory(project.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        if (rc != 0) {
            System.out.println("mvn package failed:\n" + text);
            return null;
        }
        if (printWarnings) {
            text.lines().filter(l -> l.startsWith("[WARNING]")).limit(40).forEach(l -> System.out.println("  " + l));
        }
        return new long[] {elapsed, PackageBenchmark.childrenCpuMs(text)};
    }

    private static void copyProject(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path relative = from.relativize(file);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path copy = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    private static long[] zips(Path output) throws IOException {
        if (!Files.isDirectory(output)) {
            return new long[] {0, 0};
        }
        try (Stream<Path> files = Files.walk(output)) {
            List<Path> zips = files.filter(f -> f.toString().endsWith(".zip")).toList();
            long bytes = 0;
            for (Path zip : zips) {
                bytes += Files.size(zip);
            }
            return new long[] {zips.size(), bytes};
        }
    }

    /** versions listed in p2/ (each entry of a minified file is one version) */
    private static long versions(Path output) throws IOException {
        Path p2 = output.resolve("p2");
        if (!Files.isDirectory(p2)) {
            return 0;
        }
        long count = 0;
        try (Stream<Path> files = Files.walk(p2)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String text = Files.readString(file);
                for (int at = text.indexOf("\"version\""); at >= 0; at = text.indexOf("\"version\"", at + 1)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static long size(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            long bytes = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(file);
            }
            return bytes;
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
