/*
 * Benchmark of the package step on a Magento-scale repository. Not a test: a main class that prints figures.
 *
 * Run from the root of the project, after `mvn -B verify` (whose invoker step installs the plugin into
 * mage-os-maven-plugin/target/local-repo, which the no-op figure's real `mvn` run uses; nothing goes to ~/.m2):
 *
 *   mvn -q -f mage-os-maven-plugin/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *       -Dexec.mainClass=org.mageos.distribution.benchmark.PackageBenchmark [-Dexec.args="--modules 400 --tags 50 --changes 30"]
 *   (--window-cache 64,64,false sets JGit's pack window cache: packedGitLimit MiB, window KiB, mmap; --keep keeps the files;
 *   --cold-only DIR runs only the cold build, on a repository generated and cloned into DIR by the first such run)
 *
 * It generates a bare repository shaped like magento2's app/code/Magento: N module folders (php, xml, phtml, js,
 * less, png, csv; a few modules with a large binary), T tags, each changing C modules (one file and the version).
 * It clones that repository into a git cache as the fetch goal does (one pack, as `mvn package` reads it; the
 * generator's own repository has dozens of packs and loose objects) and builds from the clone.
 * Then, in one run, it prints: the clone's time, the cold build (plan + zips, empty output and build cache), the no-op rebuild
 * in-process and as a real `mvn package` (JVM and Maven start included, fetching from a git:// daemon on loopback),
 * the rebuild after one new tag (fetched into the cache first), the peak heap of the in-process builds, and the floor: one
 * `git archive --format=zip -0` per package version built. The cold build and the floor also come as CPU time
 * (the build's whole JVM divided by its workers; the git processes' user + system time), which other work on
 * the machine disturbs less than the wall clock.
 */
package org.mageos.distribution.benchmark;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.DigestUtils;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.WindowCacheConfig;
import org.eclipse.jgit.transport.Daemon;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.GitCache;
import org.mageos.distribution.core.index.RepositoryIndex;
import org.mageos.distribution.core.packaging.PackageBuilder;
import org.mageos.distribution.core.packaging.PackageManifest;
import org.mageos.distribution.core.packaging.ZipCache;
import org.mageos.distribution.core.plan.PackagePlan;
import org.mageos.distribution.core.plan.PackagePlanner;
import org.mageos.distribution.core.plan.PlannedVersion;
import org.mageos.distribution.core.published.PublishedRepository;
import org.mageos.distribution.core.testing.LoopbackGitDaemon;
import org.mageos.distribution.core.testing.TestRepository;

public final class PackageBenchmark {

    private final Random random = new Random(42);
    private final Repository repository;
    private final int modules;
    /** per module: file path (inside the module) to blob */
    private final List<TreeMap<String, ObjectId>> files = new ArrayList<>();
    private final int[] patch;
    private Instant clock = Instant.parse("2020-01-01T00:00:00Z");
    private ObjectId head;
    private long bytes;

    PackageBenchmark(Repository repository, int modules) {
        this.repository = repository;
        this.modules = modules;
        this.patch = new int[modules];
    }

    public static void main(String[] args) throws Exception {
        int modules = 400;
        int tags = 50;
        int changes = 30;
        boolean keep = false;
        Path coldOnly = null;
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--window-cache")) {
                // JGit's pack window cache, to compare settings: <packedGitLimit MiB>,<window KiB>,<mmap true|false>
                String[] v = args[i + 1].split(",");
                WindowCacheConfig config = new WindowCacheConfig();
                config.setPackedGitLimit(Long.parseLong(v[0]) << 20);
                config.setPackedGitWindowSize(Integer.parseInt(v[1]) << 10);
                config.setPackedGitMMAP(Boolean.parseBoolean(v[2]));
                config.install();
                System.out.println("JGit window cache: packedGitLimit " + v[0] + " MiB, window " + v[1] + " KiB, mmap " + v[2]);
                continue;
            }
            if (args[i].equals("--cold-only")) {
                coldOnly = Path.of(args[i + 1]);
                continue;
            }
            if (args[i].equals("--keep")) {
                keep = true;
                i--;
                continue;
            }
            int value = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--modules": modules = value; break;
                case "--tags": tags = value; break;
                case "--changes": changes = value; break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (coldOnly != null) {
            coldOnly(coldOnly, modules, tags, changes);
            return;
        }
        Path work = Files.createTempDirectory("mage-os-package-benchmark");
        try {
            run(work, modules, tags, changes);
        } finally {
            if (keep) {
                System.out.println("kept the generated files in " + work);
            } else {
                TestRepository.delete(work);
            }
        }
    }

    private static void run(Path work, int modules, int tags, int changes) throws Exception {
        Path cacheRoot = work.resolve("cache");
        Path output = work.resolve("repository");
        Path gitDir = work.resolve("magento2.git");
        Source source = source(gitDir);

        long t0 = System.nanoTime();
        try (Repository repository = Git.init().setBare(true).setGitDir(gitDir.toFile()).setInitialBranch("main").call().getRepository()) {
            PackageBenchmark generator = new PackageBenchmark(repository, modules);
            generator.generate(tags, changes);
            System.out.printf("generated %d modules, %d tags (%d modules changed per tag), %.0f MiB of files at the first tag, in %d ms%n",
                    modules, tags, changes, generator.bytes / 1048576.0, ms(t0));

            // the plugin builds from the git cache that its fetch cloned (one pack), not from the source repository:
            // so does the benchmark, and the floor reads the same clone
            GitCache gitCache = new GitCache(cacheRoot, DistributionLog.SILENT);
            long tc = System.nanoTime();
            gitCache.fetch(source, false);
            System.out.printf("fetch into the git cache (a clone of %s), in-process: %d ms%n", gitDir.getFileName(), ms(tc));
            Path clone = gitCache.repositoryDirectory(source);

            resetPeaks();
            int threads = Runtime.getRuntime().availableProcessors();
            BuildResult cold;
            long coldMs;
            long coldCpuMs;
            try (Repository cached = gitCache.open(source)) {
                long t1 = System.nanoTime();
                long cpu1 = processCpu();
                cold = build(source, cached, cacheRoot, output, threads);
                coldMs = ms(t1);
                coldCpuMs = (processCpu() - cpu1) / 1_000_000 / threads;
                System.out.printf("cold build: %d ms, of which plan %d ms (%d package versions, %d zips, %.0f MiB of zips, %d workers); "
                        + "CPU time / workers: %d ms; digest of the zips' sha1s %s%n",
                        coldMs, cold.planMs, cold.plan.versions().size(), cold.zips, cold.zipBytes / 1048576.0, threads, coldCpuMs,
                        cold.zipsDigest);

                long t2 = System.nanoTime();
                build(source, cached, cacheRoot, output, threads);
                System.out.printf("no-op rebuild, in-process: %d ms%n", ms(t2));
            }
            long tunedColdMs = coldInTunedJvm(work, modules, tags, changes);

            generator.tag(tags + 1, changes);
            long tf = System.nanoTime();
            gitCache.fetch(source, false);
            long fetchMs = ms(tf);
            try (Repository cached = gitCache.open(source)) {
                long t3 = System.nanoTime();
                BuildResult oneTag = build(source, cached, cacheRoot, output, threads);
                System.out.printf("one new tag (%d modules changed): fetch %d ms, then build %d ms, %d zips written%n", changes, fetchMs,
                        ms(t3), oneTag.written);
            }
            System.out.printf("peak heap of the in-process builds: %d MiB (max heap %d MiB)%n", peakHeapMib(),
                    Runtime.getRuntime().maxMemory() / 1048576);

            long childCpu = childrenCpuMs();
            long floor = gitArchiveFloor(clone, cold.plan, work.resolve("git-archive.zip"));
            long floorCpu = childrenCpuMs() - childCpu;
            System.out.printf("floor, one `git archive --format=zip -0` per package version of the cold build, from the git cache: %d ms "
                    + "(cold build / floor = %.2f); CPU time of the git processes: %d ms (by CPU time: %.2f)%n", floor,
                    coldMs / (double) floor, floorCpu, coldCpuMs / (double) floorCpu);
            if (tunedColdMs > 0) {
                System.out.printf("cold build in a JVM with the .mvn/jvm.config %s / floor = %.2f%n", JVM_CONFIG, tunedColdMs / (double) floor);
            }
        }
        mavenNoOp(work, gitDir, cacheRoot, output);
    }

    /** The source every build of the benchmark reads: the generated repository, one package per module folder. */
    private static Source source(Path gitDir) {
        Source source = new Source("magento2", gitDir.toString());
        source.setPackages(List.of(new PackageRule("app/code/Magento/*")));
        return source;
    }

    /**
     * Only the cold build, to compare variants of the code over many runs, each in a fresh JVM: the repository is
     * generated and cloned into {@code work} by the first run and reused by the next ones, whose build cache, plan
     * cache and output are emptied first.
     */
    private static void coldOnly(Path work, int modules, int tags, int changes) throws Exception {
        Path cacheRoot = work.resolve("cache");
        Path output = work.resolve("repository");
        Path gitDir = work.resolve("magento2.git");
        Source source = source(gitDir);
        GitCache gitCache = new GitCache(cacheRoot, DistributionLog.SILENT);
        if (!Files.isDirectory(gitCache.repositoryDirectory(source))) {
            try (Repository repository = Git.init().setBare(true).setGitDir(gitDir.toFile()).setInitialBranch("main").call().getRepository()) {
                new PackageBenchmark(repository, modules).generate(tags, changes);
            }
            gitCache.fetch(source, false);
            System.out.println("generated and cloned into " + work);
        }
        for (Path p : List.of(cacheRoot.resolve("builds"), cacheRoot.resolve("plans"), output)) {
            if (Files.exists(p)) {
                TestRepository.delete(p);
            }
        }
        int threads = Runtime.getRuntime().availableProcessors();
        try (Repository cached = gitCache.open(source)) {
            long t1 = System.nanoTime();
            long cpu1 = processCpu();
            BuildResult cold = build(source, cached, cacheRoot, output, threads);
            System.out.printf("cold build: %d ms, of which plan %d ms (%d zips, %.0f MiB of zips, %d workers); CPU time / workers: %d ms; "
                    + "digest of the zips' sha1s %s%n", ms(t1), cold.planMs, cold.zips, cold.zipBytes / 1048576.0, threads,
                    (processCpu() - cpu1) / 1_000_000 / threads, cold.zipsDigest);
        }
    }

    /**
     * The same cold build (output, build cache and plan cache emptied first, then built again) in a fresh JVM with the
     * options of the `.mvn/jvm.config` the README suggests, as a distribution project that follows it runs it; its wall
     * time in milliseconds as the child prints it, or -1 when it failed.
     */
    private static long coldInTunedJvm(Path work, int modules, int tags, int changes) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(Arrays.asList(JVM_CONFIG.split(" ")));
        command.addAll(List.of("-cp", classPath(), PackageBenchmark.class.getName(), "--modules",
                String.valueOf(modules), "--tags", String.valueOf(tags), "--changes", String.valueOf(changes), "--cold-only", work.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("cold build: (\\d+) ms").matcher(text);
        if (p.waitFor() != 0 || !m.find()) {
            System.out.println("cold build in a JVM with " + JVM_CONFIG + " failed:\n" + text);
            return -1;
        }
        System.out.print("cold build again, in a fresh JVM with the .mvn/jvm.config " + JVM_CONFIG + ": " + text.substring(m.start()
                + "cold build: ".length()));
        return Long.parseLong(m.group(1));
    }

    /**
     * This program's class path: the URLs of its class loaders, nearest first (under `mvn exec:java` the classes come
     * from the plugin's own loader and java.class.path holds only Maven's launcher), else java.class.path.
     */
    private static String classPath() throws Exception {
        List<String> entries = new ArrayList<>();
        for (ClassLoader loader = PackageBenchmark.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader) {
                for (URL url : ((URLClassLoader) loader).getURLs()) {
                    entries.add(Path.of(url.toURI()).toString());
                }
            }
        }
        return entries.isEmpty() ? System.getProperty("java.class.path") : String.join(File.pathSeparator, entries);
    }

    private static final class BuildResult {
        PackagePlan plan;
        int zips;
        long zipBytes;
        int written;
        long planMs;
        /** sha1 over every zip's path and sha1, in the manifest's order: equal digests, byte-identical zips */
        String zipsDigest;
    }

    /** Plans, packages and indexes, as `mvn package` does. */
    private static BuildResult build(Source source, Repository repository, Path cacheRoot, Path output, int threads) throws Exception {
        Map<String, Long> before = mtimes(output);
        BuildResult result = new BuildResult();
        long start = System.nanoTime();
        result.plan = new PackagePlanner(DistributionLog.SILENT).withPlanCache(cacheRoot.resolve("plans")).plan(List.of(new PackagePlanner.SourceRepository(source, repository)));
        result.plan.keep(PublishedRepository.of(DistributionLog.SILENT, null, output), false);
        result.planMs = ms(start);
        PackageManifest manifest = new PackageBuilder(DistributionLog.SILENT, null, threads).withCache(new ZipCache(cacheRoot.resolve("builds")))
                .build(result.plan, Map.of(source.getName(), repository), output);
        new RepositoryIndex(DistributionLog.SILENT).write(manifest, output.toUri().toString(), output);
        StringBuilder zips = new StringBuilder();
        manifest.versions.forEach(v -> zips.append(v.distPath).append(' ').append(v.sha1).append('\n'));
        result.zipsDigest = DigestUtils.sha1Hex(zips.toString());
        Map<String, Long> after = mtimes(output);
        for (Map.Entry<String, Long> e : after.entrySet()) {
            if (e.getKey().endsWith(".zip")) {
                result.zips++;
                result.zipBytes += Files.size(output.resolve(e.getKey()));
                if (!e.getValue().equals(before.get(e.getKey()))) {
                    result.written++;
                }
            }
        }
        return result;
    }

    private static Map<String, Long> mtimes(Path dir) throws Exception {
        Map<String, Long> m = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return m;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    m.put(dir.relativize(p).toString(), Files.getLastModifiedTime(p).toMillis());
                }
            }
        }
        return m;
    }

    /** Runs `git archive --format=zip -0` once per zip of the plan, one after the other; total milliseconds. */
    private static long gitArchiveFloor(Path gitDir, PackagePlan plan, Path out) throws Exception {
        long start = System.nanoTime();
        for (PlannedVersion v : plan.versions()) {
            if (v.isMetapackage()) {
                continue;
            }
            Process p = new ProcessBuilder("git", "--git-dir=" + gitDir, "archive", "--format=zip", "-0", "-o", out.toString(),
                    v.tree().name()).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("git archive failed: " + text);
            }
        }
        return ms(start);
    }

    /**
     * The no-op rebuild as a user runs it: a real `mvn package` of a distribution POM, Maven start included, whose
     * source is served by JGit's git:// daemon on loopback, so that each run's fetch asks a real remote for its refs.
     * The first run clones into the git cache; then the no-op is run {@link #NO_OP_RUNS} times with Maven's default
     * JVM options and as many times with the `.mvn/jvm.config` the README suggests, and the median of each printed.
     */
    private static void mavenNoOp(Path work, Path gitDir, Path cacheRoot, Path output) throws Exception {
        Path localRepo = Path.of("mage-os-maven-plugin/target/local-repo").toAbsolutePath();
        if (!Files.isDirectory(localRepo)) {
            localRepo = Path.of("target/local-repo").toAbsolutePath();
        }
        String version = pluginVersion();
        if (!Files.isDirectory(localRepo.resolve("org/mage-os/mage-os-maven-plugin/" + version))) {
            System.out.println("no-op rebuild with mvn: skipped, the plugin " + version + " is not in " + localRepo
                    + " (run mvn -B verify first)");
            return;
        }
        Daemon daemon = LoopbackGitDaemon.start("magento2.git", gitDir);
        try {
            String url = "git://127.0.0.1:" + daemon.getAddress().getPort() + "/magento2.git";
            mavenNoOp(work, url, localRepo, version, cacheRoot, output);
        } finally {
            daemon.stopAndWait();
        }
    }

    private static final int NO_OP_RUNS = 5;

    /** The JVM options the README suggests for distribution projects, in `.mvn/jvm.config`. */
    static final String JVM_CONFIG = "-XX:TieredStopAtLevel=1";

    private static void mavenNoOp(Path work, String url, Path localRepo, String version, Path cacheRoot, Path output) throws Exception {
        Path project = work.resolve("distribution");
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n  <groupId>org.example</groupId>\n  <artifactId>benchmark</artifactId>\n"
                + "  <version>1.0.0</version>\n  <packaging>composer-distribution</packaging>\n  <build>\n    <plugins>\n"
                + "      <plugin>\n        <groupId>org.mage-os</groupId>\n        <artifactId>mage-os-maven-plugin</artifactId>\n"
                + "        <version>" + version + "</version>\n        <extensions>true</extensions>\n        <configuration>\n"
                + "          <sources>\n            <source>\n              <name>magento2</name>\n"
                + "              <url>" + url + "</url>\n"
                + "              <packages><package><path>app/code/Magento/*</path></package></packages>\n"
                + "            </source>\n          </sources>\n        </configuration>\n      </plugin>\n    </plugins>\n"
                + "  </build>\n</project>\n");
        // what the plugin needs beyond the invoker's local repository comes from the user's, as a mirror: no network
        Path userRepo = Path.of(System.getProperty("user.home"), ".m2", "repository");
        Files.writeString(project.resolve("settings.xml"), "<settings><mirrors><mirror><id>user-local</id><mirrorOf>*</mirrorOf><url>"
                + userRepo.toUri() + "</url></mirror></mirrors></settings>\n");
        List<String> command = List.of("mvn", "-B", "-q", "-s", "settings.xml", "-Dmaven.repo.local=" + localRepo,
                "-Dmage-os.cacheDirectory=" + cacheRoot, "-Dmage-os.outputDirectory=" + output, "package");
        System.out.println("`mvn package` of a distribution POM whose source is " + url + " (JGit's git:// daemon on loopback, in this JVM)");
        long[] first = mvn(project, command, output);
        if (first == null) {
            return;
        }
        System.out.printf("fetch into the git cache (a clone) + no-op package, `mvn package` (Maven start included): %d ms (CPU %d ms)%n",
                first[0], first[1]);
        long[] plain = medianNoOp(project, command, output);
        Path jvmConfig = project.resolve(".mvn/jvm.config");
        Files.createDirectories(jvmConfig.getParent());
        Files.writeString(jvmConfig, JVM_CONFIG + "\n");
        long[] tuned = medianNoOp(project, command, output);
        Files.delete(jvmConfig);
        if (plain != null && tuned != null) {
            System.out.printf("no-op rebuild, `mvn package` (Maven start and an up-to-date fetch included), medians of %d: %d ms (CPU %d ms) "
                    + "with Maven's default JVM options, %d ms (CPU %d ms) with .mvn/jvm.config %s%n", NO_OP_RUNS, plain[0], plain[1],
                    tuned[0], tuned[1], JVM_CONFIG);
        }
    }

    /**
     * Runs the no-op {@link #NO_OP_RUNS} times; the medians of wall and CPU time (user + system of the whole mvn
     * process, which other load on the machine changes less than the wall time), or null when a run failed.
     */
    private static long[] medianNoOp(Path project, List<String> command, Path output) throws Exception {
        List<Long> walls = new ArrayList<>();
        List<Long> cpus = new ArrayList<>();
        for (int i = 0; i < NO_OP_RUNS; i++) {
            long[] t = mvn(project, command, output);
            if (t == null) {
                return null;
            }
            walls.add(t[0]);
            cpus.add(t[1]);
        }
        System.out.println("  no-op runs" + (Files.exists(project.resolve(".mvn/jvm.config")) ? " with .mvn/jvm.config " + JVM_CONFIG : "")
                + ": wall " + walls + " ms, CPU " + cpus + " ms");
        return new long[] {median(walls), median(cpus)};
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** bash's {@code times}: the user and system time of the shell's children, on its second line. */
    private static final Pattern CHILD_TIMES = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s");

    /**
     * One `mvn` run, under bash to read its CPU time: {wall ms, CPU ms (-1 when unknown)}, or null (after printing
     * why) when it failed. A no-op run must rewrite no file.
     */
    private static long[] mvn(Path project, List<String> command, Path output) throws Exception {
        Map<String, Long> before = mtimes(output);
        List<String> timed = new ArrayList<>(List.of("bash", "-c", "\"$@\"; rc=$?; times; exit $rc", "bash"));
        timed.addAll(command);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(timed).directory(project.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        long elapsed = ms(start);
        if (rc != 0) {
            System.out.println("mvn package failed:\n" + text);
            return null;
        }
        long changed = mtimes(output).entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).count();
        if (changed > 0) {
            System.out.println("mvn package rewrote " + changed + " files of the repository, on a no-op");
            return null;
        }
        return new long[] {elapsed, childrenCpuMs(text)};
    }

    /** The CPU time (user + system, ms) in the output of bash's {@code times} ending a run's output, -1 when none. */
    static long childrenCpuMs(String text) {
        Matcher m = CHILD_TIMES.matcher(text);
        long cpu = -1;
        while (m.find()) {
            cpu = Math.round((Long.parseLong(m.group(1)) * 60 + Double.parseDouble(m.group(2)) + Long.parseLong(m.group(3)) * 60
                    + Double.parseDouble(m.group(4))) * 1000);
        }
        return cpu;
    }

    private static String pluginVersion() throws Exception {
        String pom = Files.readString(Path.of(Files.isRegularFile(Path.of("mage-os-maven-plugin/pom.xml")) ? "mage-os-maven-plugin/pom.xml"
                : "pom.xml"));
        // the plugin's version is its parent's, the first <version> of its POM
        int at = pom.indexOf("<version>");
        return pom.substring(at + 9, pom.indexOf("</version>", at)).trim();
    }

    /** CPU time of this JVM (GC and JIT included), in nanoseconds. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU time (user + system) of the child processes this JVM waited for, in milliseconds, from /proc/self/stat
     * (cutime and cstime, in clock ticks of 10 ms); what the floor costs whatever else shares the machine.
     */
    private static long childrenCpuMs() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 of proc(5): cutime is field 16, cstime field 17
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 10;
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeapMib() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1048576;
    }

    // --- the generator -------------------------------------------------------------------------------------------

    void generate(int tags, int changes) throws Exception {
        try (ObjectInserter inserter = ((ObjectDirectory) repository.getObjectDatabase()).newPackInserter()) {
            for (int m = 0; m < modules; m++) {
                files.add(module(inserter, m));
            }
            inserter.flush();
        }
        tag(1, 0);
        for (int t = 2; t <= tags; t++) {
            tag(t, changes);
        }
    }

    /** Changes {@code changes} modules (one PHP file and the patch version), commits and tags 2.4.{t}. */
    void tag(int t, int changes) throws Exception {
        commit("2.4." + t, 86400 * 7, changes > 0, inserter -> {
            for (int c = 0; c < changes; c++) {
                int m = random.nextInt(modules);
                patch[m]++;
                files.get(m).put("composer.json", blob(inserter, composerJson(m)));
                files.get(m).put("Model/Changed" + t + ".php", blob(inserter, php("Changed" + t, 2000)));
            }
        });
        ref("refs/tags/2.4." + t);
    }

    /**
     * Work between releases: a commit that rewrites one PHP file ({@code Model/Work.php}, about {@code size} characters of
     * base64) in each of {@code changes} of the first {@code hot} modules (where the work goes), no version changed. The
     * next commits overwrite it, so most of these blobs are history that no tag holds.
     */
    void work(int changes, int size, int hot) throws Exception {
        commit("work", 3600, true, inserter -> {
            for (int c = 0; c < changes; c++) {
                int m = random.nextInt(Math.min(hot, modules));
                // fixtures, generated and minified code: content that neither compresses much nor deltas against its last version
                files.get(m).put("Model/Work.php", blob(inserter, "<?php\nreturn '" + Base64.getEncoder().encodeToString(binary(size * 3 / 4))
                        + "';\n"));
            }
        });
    }

    /** Points a ref (a branch {@code refs/heads/...}, a tag) at the last commit. */
    void ref(String name) throws Exception {
        RefUpdate ref = repository.updateRef(name);
        ref.setNewObjectId(head);
        ref.setForceUpdate(true);
        ref.update();
    }

    /** What a commit changes in {@link #files}, its blobs written by the inserter it is given. */
    @FunctionalInterface
    interface Change {
        void apply(ObjectInserter inserter) throws Exception;
    }

    /** A commit on {@link #head} of the module files after {@code change}, {@code seconds} after the last one. */
    private void commit(String message, int seconds, boolean packed, Change change) throws Exception {
        try (ObjectInserter inserter = packed ? ((ObjectDirectory) repository.getObjectDatabase()).newPackInserter() : repository.newObjectInserter()) {
            change.apply(inserter);
            TreeFormatter magento = new TreeFormatter();
            for (int m = 0; m < modules; m++) {
                magento.append(moduleName(m), FileMode.TREE, moduleTree(inserter, m));
            }
            ObjectId magentoTree = inserter.insert(magento);
            TreeFormatter code = new TreeFormatter();
            code.append("Magento", FileMode.TREE, magentoTree);
            TreeFormatter app = new TreeFormatter();
            app.append("code", FileMode.TREE, inserter.insert(code));
            TreeFormatter root = new TreeFormatter();
            root.append("app", FileMode.TREE, inserter.insert(app));
            root.append("composer.json", FileMode.REGULAR_FILE, blob(inserter, "{\n    \"name\": \"magento/magento2ce\"\n}\n"));
            CommitBuilder commit = new CommitBuilder();
            clock = clock.plusSeconds(seconds);
            PersonIdent who = new PersonIdent("Release", "release@example.org", clock, ZoneOffset.UTC);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setTreeId(inserter.insert(root));
            if (head != null) {
                commit.setParentId(head);
            }
            commit.setMessage(message);
            head = inserter.insert(commit);
            inserter.flush();
        }
    }

    /** Each module's files at the last commit and their tree: a module no commit changed is not formatted again. */
    private final Map<Integer, Map.Entry<TreeMap<String, ObjectId>, ObjectId>> moduleTrees = new HashMap<>();

    private ObjectId moduleTree(ObjectInserter inserter, int m) throws Exception {
        Map.Entry<TreeMap<String, ObjectId>, ObjectId> last = moduleTrees.get(m);
        if (last != null && last.getKey().equals(files.get(m))) {
            return last.getValue();
        }
        ObjectId id = tree(inserter, files.get(m));
        moduleTrees.put(m, Map.entry(new TreeMap<>(files.get(m)), id));
        return id;
    }

    /** A tree of the module's files, nested by path. */
    private static ObjectId tree(ObjectInserter inserter, TreeMap<String, ObjectId> moduleFiles) throws Exception {
        return subtree(inserter, moduleFiles, "");
    }

    private static ObjectId subtree(ObjectInserter inserter, TreeMap<String, ObjectId> all, String prefix) throws Exception {
        TreeMap<String, Object> entries = new TreeMap<>();
        for (Map.Entry<String, ObjectId> e : all.subMap(prefix, prefix + Character.MAX_VALUE).entrySet()) {
            String rest = e.getKey().substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                entries.put(rest, e.getValue());
            } else {
                entries.putIfAbsent(rest.substring(0, slash) + "/", Boolean.TRUE);
            }
        }
        // git sorts a tree's entries by name, folders as if their name ended with '/'
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            sorted.put(e.getKey(), e.getValue());
        }
        TreeFormatter tree = new TreeFormatter();
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            if (e.getValue() instanceof ObjectId) {
                tree.append(e.getKey(), FileMode.REGULAR_FILE, (ObjectId) e.getValue());
            } else {
                String name = e.getKey().substring(0, e.getKey().length() - 1);
                tree.append(name, FileMode.TREE, subtree(inserter, all, prefix + name + "/"));
            }
        }
        return inserter.insert(tree);
    }

    private TreeMap<String, ObjectId> module(ObjectInserter inserter, int m) throws Exception {
        TreeMap<String, ObjectId> f = new TreeMap<>();
        f.put("composer.json", blob(inserter, composerJson(m)));
        f.put("registration.php", blob(inserter, php("Registration", 300)));
        f.put("etc/module.xml", blob(inserter, xml("module", 400)));
        f.put("etc/di.xml", blob(inserter, xml("config", 1500 + random.nextInt(6000))));
        f.put("etc/frontend/routes.xml", blob(inserter, xml("routes", 500)));
        f.put("i18n/en_US.csv", blob(inserter, csv(500 + random.nextInt(8000))));
        f.put(".gitattributes", blob(inserter, "/Test export-ignore\n"));
        fill(inserter, f, "Model/", "Model", ".php", 6 + random.nextInt(20), 4000);
        fill(inserter, f, "Controller/Index/", "Action", ".php", 2 + random.nextInt(6), 2500);
        fill(inserter, f, "Block/", "Block", ".php", 2 + random.nextInt(8), 3000);
        fill(inserter, f, "Test/Unit/Model/", "Test", ".php", 3 + random.nextInt(12), 5000);
        fill(inserter, f, "view/frontend/templates/", "template", ".phtml", 2 + random.nextInt(10), 2000);
        fill(inserter, f, "view/frontend/web/js/", "widget", ".js", 1 + random.nextInt(8), 4000);
        fill(inserter, f, "view/frontend/web/css/source/", "_module", ".less", 1 + random.nextInt(4), 3000);
        for (int i = 0; i < random.nextInt(4); i++) {
            f.put("view/frontend/web/images/image" + i + ".png", blob(inserter, binary(2000 + random.nextInt(30000))));
        }
        if (m % 100 == 7) {
            // a few modules carry a large binary (fonts, sample media)
            f.put("view/base/web/fonts/large" + m + ".woff2", blob(inserter, binary(8 << 20)));
        }
        return f;
    }

    private void fill(ObjectInserter inserter, TreeMap<String, ObjectId> f, String dir, String stem, String ext, int count, int size)
            throws Exception {
        for (int i = 0; i < count; i++) {
            String name = stem + i;
            String content = ext.equals(".php") ? php(name, size / 2 + random.nextInt(size))
                    : ext.equals(".phtml") ? phtml(size / 2 + random.nextInt(size))
                    : ext.equals(".js") ? js(size / 2 + random.nextInt(size)) : less(size / 2 + random.nextInt(size));
            f.put(dir + name + ext, blob(inserter, content));
        }
    }

    private ObjectId blob(ObjectInserter inserter, String content) throws Exception {
        return blob(inserter, content.getBytes(StandardCharsets.UTF_8));
    }

    private ObjectId blob(ObjectInserter inserter, byte[] content) throws Exception {
        if (head == null) {
            bytes += content.length;
        }
        return inserter.insert(Constants.OBJ_BLOB, content);
    }

    private static String moduleName(int m) {
        return "Module" + m;
    }

    private String composerJson(int m) {
        return "{\n    \"name\": \"magento/module-m" + m + "\",\n    \"description\": \"N/A\",\n    \"type\": \"magento2-module\",\n"
                + "    \"version\": \"100.4." + patch[m] + "\",\n    \"license\": [\"OSL-3.0\", \"AFL-3.0\"],\n"
                + "    \"require\": {\n        \"php\": \"~8.1.0||~8.2.0||~8.3.0\",\n        \"magento/framework\": \"*\"\n    },\n"
                + "    \"autoload\": {\n        \"files\": [\"registration.php\"],\n        \"psr-4\": {\"Magento\\\\M" + m + "\\\\\": \"\"}\n"
                + "    }\n}\n";
    }

    private String words(int size, String indent, String suffix) {
        String[] vocabulary = {"$this->", "return", "array", "string", "public function", "private", "null", "if (", "foreach (",
            "$result", "$product", "$customer", "getId()", "->load(", "=> ", "Magento\\Framework\\", "\\Exception", "true", "false"};
        StringBuilder sb = new StringBuilder(size + 100);
        while (sb.length() < size) {
            sb.append(indent);
            for (int w = 0; w < 6 + random.nextInt(8); w++) {
                sb.append(vocabulary[random.nextInt(vocabulary.length)]).append(random.nextInt(50)).append(' ');
            }
            sb.append(suffix).append('\n');
        }
        return sb.toString();
    }

    private String php(String name, int size) {
        return "<?php\n/**\n * Copyright © Magento, Inc. All rights reserved.\n */\ndeclare(strict_types=1);\n\nnamespace Magento\\Bench;\n\n"
                + "class " + name + "\n{\n" + words(size, "        ", ";") + "}\n";
    }

    private String phtml(int size) {
        return "<?php /** @var $block \\Magento\\Framework\\View\\Element\\Template */ ?>\n<div class=\"block\">\n"
                + words(size, "    <span><?= $escaper->escapeHtml(", ") ?></span>") + "</div>\n";
    }

    private String js(int size) {
        return "define(['jquery', 'uiComponent'], function ($, Component) {\n    'use strict';\n" + words(size, "    ", ";") + "});\n";
    }

    private String less(int size) {
        return "& when (@media-common = true) {\n" + words(size, "    .block-", "{ margin: 0; }") + "}\n";
    }

    private String xml(String root, int size) {
        return "<?xml version=\"1.0\"?>\n<" + root + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
                + words(size, "    <item name=\"", "\"/>") + "</" + root + ">\n";
    }

    private String csv(int size) {
        return words(size, "\"", "\",\"translated\"");
    }

    private byte[] binary(int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }
}
