/*
 * Benchmark of a fresh CI runner (empty git cache, empty target) that builds a distribution whose previous release is
 * already published, against a full cold build of the same distribution. Not a test: a main class that prints figures.
 *
 * Run from the root of the project:
 *
 *   mvn -q -f mage-os-maven-plugin/pom.xml -Pbench test-compile exec:java -Dexec.classpathScope=test \
 *       -Dexec.mainClass=org.mageos.distribution.benchmark.FreshRunnerBenchmark \
 *       [-Dexec.args="--modules 300 --tags 100 --changes 20 --commits 30 --work-size 12000"]
 *
 * It generates a bare repository shaped like magento2 (PackageBenchmark's generator: N module folders under
 * app/code/Magento, T tags 2.4.1..2.4.T each changing C modules, and between two tags K commits of work that each
 * rewrite one PHP file of S characters in F of H modules: a history that no tag holds), with a branch 2.4-develop; serves it over smart
 * HTTP by the real `git http-backend` on loopback (bytes counted), and the published repository by the plugin's own
 * server (mage-os:serve) on loopback. The build runs in-process, as `mvn package` runs it: fetch, package, index.
 *
 * Release: (p) the previous release, tags up to 2.4.(T-1), is built and published; upstream then tags 2.4.T; (a) a full
 * cold build of the distribution (whole history, nothing published), (a') the same with shallow fetches, (b) a fresh
 * runner with the previous release published. Nightly: the same with <branches>2.4-develop</branches>, the published
 * repository holding yesterday's nightly, the branch K commits further today. For each: wall time of fetch, package,
 * index; bytes the git server sent; zips written; and the ratio (b) / (a).
 * --keep leaves the files in the printed temporary folder; --no-plan-warm: the fetch does not start the plan's tree
 * walks of the fetched source (PlanCacheStep), the package step does them, as before.
 */
package org.mageos.distribution.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.DigestUtils;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.ProjectSettings;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.FetchOptions;
import org.mageos.distribution.core.git.FetchStep;
import org.mageos.distribution.core.git.GitCache;
import org.mageos.distribution.core.index.IndexOptions;
import org.mageos.distribution.core.index.IndexStep;
import org.mageos.distribution.core.packaging.PackageManifest;
import org.mageos.distribution.core.packaging.PackageStep;
import org.mageos.distribution.core.plan.PlanCacheStep;
import org.mageos.distribution.core.serve.RepositoryServer;
import org.mageos.distribution.core.testing.GitHttpServer;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;

public final class FreshRunnerBenchmark {

    private static final String TIMESTAMP = "2024-01-01T00:00:00Z";

    private final Path work;
    private final GitHttpServer git;
    private final String gitUrl;
    private final String repositoryUrl;
    private final Path published;
    private int run;
    /** Whether the fetch starts the plan's tree walks of a fetched source, as the fetch mojo does (--no-plan-warm: not). */
    private static boolean planWarm = true;

    private FreshRunnerBenchmark(Path work, GitHttpServer git, String repositoryUrl, Path published) {
        this.work = work;
        this.git = git;
        this.gitUrl = git.url("magento2.git");
        this.repositoryUrl = repositoryUrl;
        this.published = published;
    }

    public static void main(String[] args) throws Exception {
        int modules = 300;
        int tags = 100;
        int changes = 20;
        int commits = 20;
        int workFiles = 10;
        int workSize = 8000;
        int hot = 20;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--modules" -> modules = Integer.parseInt(args[++i]);
                case "--tags" -> tags = Integer.parseInt(args[++i]);
                case "--changes" -> changes = Integer.parseInt(args[++i]);
                case "--commits" -> commits = Integer.parseInt(args[++i]);
                case "--work-files" -> workFiles = Integer.parseInt(args[++i]);
                case "--work-size" -> workSize = Integer.parseInt(args[++i]);
                case "--hot" -> hot = Integer.parseInt(args[++i]);
                case "--keep" -> keep = true;
                case "--no-plan-warm" -> planWarm = false;
                default -> throw new IllegalArgumentException("usage: [--modules N] [--tags T] [--changes C] [--commits K] [--work-files F] [--work-size S] [--hot H] [--keep] [--no-plan-warm]");
            }
        }
        if (!GitHttpServer.available()) {
            throw new IllegalStateException("needs git http-backend at " + GitHttpServer.BACKEND);
        }
        Path work = Files.createTempDirectory("fresh-runner-benchmark");
        try {
            run(work, modules, tags, changes, commits, new int[] {workFiles, workSize, hot});
        } finally {
            if (keep) {
                System.out.println("kept the files in " + work);
            } else {
                TestRepository.delete(work);
            }
        }
    }

    private static void run(Path work, int modules, int tags, int changes, int commits, int[] workCommit) throws Exception {
        Path gitDir = work.resolve("server/magento2.git");
        long t0 = System.nanoTime();
        try (Repository repository = Git.init().setBare(true).setGitDir(gitDir.toFile()).setInitialBranch("2.4-develop").call().getRepository();
                GitHttpServer git = new GitHttpServer(work.resolve("server"), work.resolve("http-home"), List.of())) {
            PackageBenchmark generator = new PackageBenchmark(repository, modules);
            generator.generate(1, 0);
            for (int t = 2; t < tags; t++) {
                for (int k = 0; k < commits; k++) {
                    generator.work(workCommit[0], workCommit[1], workCommit[2]);
                }
                generator.tag(t, changes);
            }
            generator.ref("refs/heads/2.4-develop");
            Path published = work.resolve("published");
            Files.createDirectories(published);
            Files.writeString(published.resolve("packages.json"), "{\"packages\": []}\n");
            try (RepositoryServer server = RepositoryServer.start(published, 0, null, DistributionLog.SILENT)) {
                FreshRunnerBenchmark bench = new FreshRunnerBenchmark(work, git, server.url(), published);
                System.out.printf("generated %d modules, %d tags (%d modules changed per tag), %d commits of work between tags (each rewrites"
                        + " %d files of %d characters in %d modules), in %d ms; server repository %d MiB%n", modules, tags - 1, changes, commits,
                        workCommit[0], workCommit[1], workCommit[2], ms(t0), size(gitDir) >> 20);

                // release: the previous release is published, then upstream tags one more
                Figures previous = bench.build("previous release (2.4." + (tags - 1) + "), cold, published", false, true, null, false);
                bench.publish(previous);
                for (int k = 0; k < commits; k++) {
                    generator.work(workCommit[0], workCommit[1], workCommit[2]);
                }
                generator.tag(tags, changes);
                generator.ref("refs/heads/2.4-develop");
                Figures cold = bench.build("(a) full cold build, whole history", false, false, null, false);
                Figures coldShallow = bench.build("(a') full cold build, shallow fetch", false, true, null, false);
                Figures fresh = bench.build("(b) fresh runner, 2.4." + (tags - 1) + " published, one new tag", false, true, server.url(), false);
                bench.fetchOnly("(b) its fetch, with only the tag the published repository lacks (GitCache.TagsNeeded)",
                        (tag, commit) -> tag.equals("2.4." + tags));
                if (!cold.digest.equals(coldShallow.digest)) {
                    throw new IllegalStateException("the shallow fetch gave other zips than the whole history");
                }
                ratio("release", fresh, cold);

                // nightly: yesterday's nightly is published; today the branch is K commits further
                Figures yesterday = bench.build("previous nightly (2026-11-20), cold, published", true, true, null, false);
                bench.publish(yesterday);
                for (int k = 0; k < commits; k++) {
                    generator.work(workCommit[0], workCommit[1], workCommit[2]);
                }
                generator.ref("refs/heads/2.4-develop");
                Figures coldNightly = bench.build("(a) nightly, full cold build, whole history", true, false, null, true);
                Figures freshNightly = bench.build("(b) nightly, fresh runner, yesterday's published", true, true, server.url(), true);
                ratio("nightly", freshNightly, coldNightly);
            }
        }
    }

    /** What one build took and made. */
    private static final class Figures {
        long fetchMs;
        long packageMs;
        long indexMs;
        long gitBytes;
        long cacheBytes;
        int zipsWritten;
        String packaged;
        String digest;
        Path output;

        long totalMs() {
            return fetchMs + packageMs + indexMs;
        }
    }

    /**
     * One build as a fresh runner makes it: empty git cache, build cache and target.
     *
     * @param nightly         with {@code <branches>2.4-develop</branches>}
     * @param publishedUrl    the published repository, or null for none
     * @param today           the nightly date is 2026-11-21 (else the day before)
     */
    private Figures build(String title, boolean nightly, boolean shallow, String publishedUrl, boolean today) throws Exception {
        Path dir = work.resolve("run-" + (++run));
        ProjectSettings settings = settings(dir, source(nightly), publishedUrl, today);
        RecordingLog log = new RecordingLog();
        Figures f = new Figures();
        long bytes = git.bytesSent();
        long t = System.nanoTime();
        FetchOptions fetch = new FetchOptions().shallow(shallow);
        // as the fetch mojo wires it: the plan's tree walks start once the source is fetched
        new FetchStep(log).run(settings, planWarm ? fetch.whenFetched(new PlanCacheStep(log)::warm) : fetch);
        f.fetchMs = ms(t);
        f.gitBytes = git.bytesSent() - bytes;
        f.cacheBytes = size(dir.resolve("cache"));
        t = System.nanoTime();
        PackageStep.run(log, settings, 0, false, null);
        f.packageMs = ms(t);
        t = System.nanoTime();
        new IndexStep(log).run(settings, new IndexOptions());
        f.indexMs = ms(t);
        f.output = settings.repositoryDir();
        try (Stream<Path> files = Files.walk(f.output)) {
            f.zipsWritten = (int) files.filter(p -> p.toString().endsWith(".zip")).count();
        }
        f.packaged = found(log, "INFO Packaged ", "(no packaging)");
        StringBuilder sha1s = new StringBuilder();
        PackageManifest.read(settings.manifestFile()).versions.forEach(v -> sha1s.append(v.distPath).append(' ').append(v.sha1).append('\n'));
        f.digest = DigestUtils.sha1Hex(sha1s.toString());
        System.out.printf("%s:%n    %d ms in all: fetch %d ms (%.1f MiB sent by the git server, cache %.1f MiB), package %d ms, index %d ms;"
                + " %d zips written; %s%n    %s; %s%n", title, f.totalMs(), f.fetchMs, f.gitBytes / 1048576.0, f.cacheBytes / 1048576.0,
                f.packageMs, f.indexMs, f.zipsWritten, f.packaged, found(log, "DEBUG Planned ", "(no plan)"),
                found(log, "DEBUG magento2: package folders of its selected tags read into the plan cache", "no tree walk during the fetch"));
        return f;
    }

    /** The first line of the log that starts so, without its level; {@code none} when there is none. */
    private static String found(RecordingLog log, String start, String none) {
        return log.lines.stream().filter(l -> l.startsWith(start)).map(l -> l.substring(l.indexOf(' ') + 1)).findFirst().orElse(none);
    }

    /** Only the fetch of a fresh runner, into an empty cache, of the selected tags {@code needed} names. */
    private void fetchOnly(String title, GitCache.TagsNeeded needed) throws Exception {
        Path dir = work.resolve("run-" + (++run));
        Source source = source(false);
        ProjectSettings settings = settings(dir, source, null, true);
        long bytes = git.bytesSent();
        long t = System.nanoTime();
        new FetchStep(DistributionLog.SILENT).run(settings, new FetchOptions().tagsNeeded(s -> needed));
        System.out.printf("%s:%n    fetch %d ms (%.1f MiB sent by the git server, cache %.1f MiB)%n", title, ms(t),
                (git.bytesSent() - bytes) / 1048576.0, size(dir.resolve("cache")) / 1048576.0);
    }

    private Source source(boolean nightly) {
        Source source = new Source("magento2", gitUrl);
        source.setPackages(List.of(new PackageRule("app/code/Magento/*")));
        if (nightly) {
            source.setBranches(List.of("2.4-develop"));
        }
        return source;
    }

    private ProjectSettings settings(Path dir, Source source, String publishedUrl, boolean today) throws Exception {
        Path project = dir.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), "<project/>\n");
        return new ProjectSettings(project, dir.resolve("cache"), dir.resolve("repository"), dir.resolve("work"), repositoryUrl,
                publishedUrl, List.of(source), null, null, null, null, today ? "2026-11-21" : "2026-11-20", "nightly", null, TIMESTAMP, false,
                null, false, false, null, null);
    }

    /** Deploys a build to the published folder as a deploy to a folder leaves it: dists, then metadata. */
    private void publish(Figures build) throws Exception {
        try (Stream<Path> files = Files.walk(build.output)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path target = published.resolve(build.output.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void ratio(String what, Figures fresh, Figures cold) {
        System.out.printf("%s: fresh runner / full cold build: time %.3f, git bytes %.4f, zips written %.3f%n", what,
                fresh.totalMs() / (double) cold.totalMs(), fresh.gitBytes / (double) cold.gitBytes, fresh.zipsWritten / (double) cold.zipsWritten);
    }

    private static long size(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
