/*
 * Benchmark of GitCache.fetch over git:// (JGit's daemon on loopback). Not a test: a main class.
 *
 * Run from the root of the project (after one `mvn -B -q install -DskipTests -Dinvoker.skip`):
 *
 *   mvn -q -f mage-os-maven-plugin/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *       -Dexec.mainClass=org.mageos.distribution.benchmark.FetchBenchmark [-Dexec.args="--tags 300 --files 3000"]
 *
 * It generates a bare repository with N tags (default 300) over M files (default 3000, in 100 folders; each
 * tag changes a few files), serves it, and prints: generation time, first fetch (all tags), no-op fetch
 * (median of 5), fetch after one new tag, cache size on disk, peak heap used (sampled every 5 ms).
 *
 * --large-blobs K adds K incompressible blobs of 16 MiB to the first commit, for a pack larger than the heap:
 * run it with a small heap (MAVEN_OPTS=-Xmx128m) to see that a first fetch streams the pack to disk.
 */
package org.mageos.distribution.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.transport.Daemon;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.GitCache;
import org.mageos.distribution.core.testing.LoopbackGitDaemon;

public final class FetchBenchmark {

    private static final int FOLDERS = 100;

    private final int files;
    private final Repository repo;
    private final Random random = new Random(42);
    /** folder index to (file name to blob id) */
    private final TreeMap<String, ObjectId>[] content;
    private final ObjectId[] folderTrees = new ObjectId[FOLDERS];
    private ObjectId head;
    private Instant clock = Instant.parse("2020-01-01T00:00:00Z");

    @SuppressWarnings("unchecked")
    private FetchBenchmark(Repository repo, int files) {
        this.repo = repo;
        this.files = files;
        this.content = new TreeMap[FOLDERS];
    }

    public static void main(String[] args) throws Exception {
        int tags = 300;
        int files = 3000;
        int largeBlobs = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tags" -> tags = Integer.parseInt(args[++i]);
                case "--files" -> files = Integer.parseInt(args[++i]);
                case "--large-blobs" -> largeBlobs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("usage: FetchBenchmark [--tags N] [--files M] [--large-blobs K]");
            }
        }
        HeapSampler heap = new HeapSampler();
        heap.start();
        Path work = Files.createTempDirectory("fetch-benchmark");
        Path serverDir = work.resolve("server/repo.git");
        System.out.printf("FetchBenchmark: %d tags, %d files in %d folders, in %s%n", tags, files, FOLDERS, work);

        long t0 = System.nanoTime();
        try (Repository server = Git.init().setBare(true).setGitDir(serverDir.toFile()).setInitialBranch("main").call().getRepository()) {
            FetchBenchmark gen = new FetchBenchmark(server, files);
            gen.initial(largeBlobs);
            for (int t = 0; t < tags; t++) {
                gen.change(3 + gen.random.nextInt(5));
                gen.tag(version(t));
            }
            gen.setBranch();
            System.out.printf("generation:            %8d ms (peak heap %d MiB)%n", ms(t0), heap.resetPeak() >> 20);

            Daemon daemon = LoopbackGitDaemon.start("repo.git", serverDir);
            try {
                Source source = new Source("bench", "git://127.0.0.1:" + daemon.getAddress().getPort() + "/repo.git");
                GitCache cache = new GitCache(work.resolve("cache"), DistributionLog.SILENT);
                System.gc();
                heap.resetPeak();

                long t1 = System.nanoTime();
                GitCache.FetchResult first = cache.fetch(source, false);
                System.out.printf("first fetch:           %8d ms (%d tags fetched, pack %d MiB, peak heap %d MiB)%n", ms(t1),
                        first.fetchedTags, size(cache.repositoryDirectory(source).resolve("objects/pack")) >> 20, heap.resetPeak() >> 20);

                long[] noop = new long[5];
                for (int i = 0; i < noop.length; i++) {
                    long t = System.nanoTime();
                    GitCache.FetchResult r = cache.fetch(source, false);
                    noop[i] = ms(t);
                    if (r.fetchedTags != 0) {
                        throw new IllegalStateException("no-op fetch fetched " + r.fetchedTags);
                    }
                }
                Arrays.sort(noop);
                System.out.printf("no-op fetch (median):  %8d ms (all: %s)%n", noop[noop.length / 2], Arrays.toString(noop));

                gen.change(5);
                gen.tag(version(tags));
                gen.setBranch();
                long t2 = System.nanoTime();
                GitCache.FetchResult one = cache.fetch(source, false);
                System.out.printf("fetch of one new tag:  %8d ms (%d tag fetched)%n", ms(t2), one.fetchedTags);
                System.out.printf("cache size on disk:    %8d KiB (server: %d KiB, loose objects)%n",
                        size(cache.repositoryDirectory(source)) >> 10, size(serverDir) >> 10);
                System.out.printf("peak heap during fetches: %d MiB (max heap %d MiB)%n", heap.resetPeak() >> 20,
                        Runtime.getRuntime().maxMemory() >> 20);
            } finally {
                daemon.stopAndWait();
            }
        } finally {
            heap.interrupt();
            deleteTree(work);
        }
    }

    private static String version(int t) {
        return "1." + (t / 100) + "." + (t % 100);
    }

    private void initial(int largeBlobs) throws Exception {
        try (ObjectInserter ins = repo.newObjectInserter()) {
            for (int f = 0; f < FOLDERS; f++) {
                content[f] = new TreeMap<>();
            }
            for (int i = 0; i < files; i++) {
                content[i % FOLDERS].put("File" + i + ".php", ins.insert(Constants.OBJ_BLOB, php(i, 0)));
            }
            byte[] noise = new byte[16 << 20];
            for (int b = 0; b < largeBlobs; b++) {
                random.nextBytes(noise);
                content[b % FOLDERS].put("Large" + b + ".bin", ins.insert(Constants.OBJ_BLOB, noise));
            }
            for (int f = 0; f < FOLDERS; f++) {
                folderTrees[f] = folderTree(ins, f);
            }
            head = commit(ins, "initial");
            ins.flush();
        }
    }

    private void change(int count) throws Exception {
        try (ObjectInserter ins = repo.newObjectInserter()) {
            boolean[] dirty = new boolean[FOLDERS];
            for (int c = 0; c < count; c++) {
                int i = random.nextInt(files);
                content[i % FOLDERS].put("File" + i + ".php", ins.insert(Constants.OBJ_BLOB, php(i, random.nextInt(1_000_000))));
                dirty[i % FOLDERS] = true;
            }
            for (int f = 0; f < FOLDERS; f++) {
                if (dirty[f]) {
                    folderTrees[f] = folderTree(ins, f);
                }
            }
            head = commit(ins, "change " + count + " files");
            ins.flush();
        }
    }

    private ObjectId folderTree(ObjectInserter ins, int folder) throws Exception {
        TreeFormatter tree = new TreeFormatter();
        content[folder].forEach((name, id) -> tree.append(name, FileMode.REGULAR_FILE, id));
        return ins.insert(tree);
    }

    private ObjectId commit(ObjectInserter ins, String message) throws Exception {
        TreeMap<String, ObjectId> root = new TreeMap<>();
        for (int f = 0; f < FOLDERS; f++) {
            root.put(String.format("Module%03d", f), folderTrees[f]);
        }
        TreeFormatter tree = new TreeFormatter();
        root.forEach((name, id) -> tree.append(name, FileMode.TREE, id));
        CommitBuilder commit = new CommitBuilder();
        clock = clock.plusSeconds(3600);
        PersonIdent who = new PersonIdent("Bench", "bench@example.org", clock, ZoneOffset.UTC);
        commit.setAuthor(who);
        commit.setCommitter(who);
        commit.setMessage(message + "\n");
        commit.setTreeId(ins.insert(tree));
        if (head != null) {
            commit.setParentId(head);
        }
        return ins.insert(commit);
    }

    private void tag(String name) throws Exception {
        update(Constants.R_TAGS + name);
    }

    private void setBranch() throws Exception {
        update(Constants.R_HEADS + "main");
    }

    private void update(String ref) throws Exception {
        RefUpdate u = repo.updateRef(ref);
        u.setNewObjectId(head);
        u.setForceUpdate(true);
        RefUpdate.Result r = u.update();
        if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FORCED && r != RefUpdate.Result.FAST_FORWARD) {
            throw new IllegalStateException(ref + ": " + r);
        }
    }

    private static byte[] php(int file, int revision) {
        StringBuilder sb = new StringBuilder("<?php\ndeclare(strict_types=1);\n\nnamespace Acme\\Module").append(file % FOLDERS)
                .append(";\n\nclass File").append(file).append("\n{\n");
        for (int m = 0; m < 8; m++) {
            sb.append("    public function method").append(m).append("(int $x): int\n    {\n        return $x * ")
                    .append(file + m).append(" + ").append(revision).append(";\n    }\n\n");
        }
        return sb.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static long size(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Samples the used heap every 5 ms and keeps the maximum. */
    private static final class HeapSampler extends Thread {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();

        HeapSampler() {
            super("heap-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** The peak since the last reset, and starts again from the current use. */
        long resetPeak() {
            long used = memory.getHeapMemoryUsage().getUsed();
            return Math.max(peak.getAndSet(used), used);
        }
    }
}
