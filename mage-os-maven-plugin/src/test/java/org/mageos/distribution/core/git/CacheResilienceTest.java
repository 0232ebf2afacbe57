package org.mageos.distribution.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.Daemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.testing.FetchMain;
import org.mageos.distribution.core.testing.LoopbackGitDaemon;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;

/** The shared cache across processes: builds at the same time, and a build killed while fetching. */
@Timeout(120)
class CacheResilienceTest {

    private static final int TAGS = 30;

    @TempDir
    Path tmp;

    private TestRepository origin;
    private Daemon daemon;
    private String url;

    @BeforeEach
    void serve() throws Exception {
        origin = TestRepository.create(tmp.resolve("origin"));
        for (int i = 0; i < TAGS; i++) {
            origin.commit("c" + i, Map.of("src/F" + (i % 13) + ".php", "<?php // " + i + " " + "x".repeat(2000 + i) + "\n"));
            origin.tag("1." + i + ".0");
        }
        Path gitDir = origin.git().getRepository().getDirectory().toPath();
        daemon = LoopbackGitDaemon.start("repo.git", gitDir);
        url = "git://127.0.0.1:" + daemon.getAddress().getPort() + "/repo.git";
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (daemon != null) {
            daemon.stopAndWait();
        }
        if (origin != null) {
            origin.close();
        }
    }

    private Process fetchInAnotherProcess(Path cache, Path output) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FetchMain.class.getName(),
                cache.toString(), "lib", url).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    @Test
    void twoBuildsInTwoProcessesFetchIntoOneCacheAndLeaveItConsistent() throws Exception {
        Path cache = tmp.resolve("cache");
        List<Process> builds = new ArrayList<>();
        List<Path> outputs = List.of(tmp.resolve("one.log"), tmp.resolve("two.log"));
        for (Path output : outputs) {
            builds.add(fetchInAnotherProcess(cache, output));
        }
        int fetched = 0;
        for (int i = 0; i < 2; i++) {
            assertTrue(builds.get(i).waitFor(90, TimeUnit.SECONDS), "build " + i + " finished");
            String out = Files.readString(outputs.get(i));
            assertEquals(0, builds.get(i).exitValue(), out);
            fetched += Integer.parseInt(out.replaceAll("(?s).*fetched=(\\d+).*", "$1"));
        }
        assertEquals(TAGS, fetched, "what one build fetched, the other found in the cache");
        assertCacheHoldsEveryTag(cache);
        assertFsckClean(new GitCache(cache, new RecordingLog()).repositoryDirectory(new Source("lib", url)));
    }

    /** A build killed while it fetches; the next build uses the cache, or repairs it, and gets every tag. */
    @Test
    void aFetchKilledHalfWayLeavesACacheTheNextBuildUses() throws Exception {
        Path cache = tmp.resolve("cache");
        Path gitDir = new GitCache(cache, new RecordingLog()).repositoryDirectory(new Source("lib", url));
        Process build = fetchInAnotherProcess(cache, tmp.resolve("killed.log"));
        // kill it as soon as it has started writing into the cache (or at the latest after 10 s)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && build.isAlive() && !Files.exists(cache)) {
            Thread.sleep(5);
        }
        build.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        RecordingLog log = new RecordingLog();
        assertEquals(TAGS, new GitCache(cache, log).fetch(new Source("lib", url), false).selectedTags);
        assertCacheHoldsEveryTag(cache);
        assertFsckClean(gitDir);
    }

    /** The leftovers a kill can leave at each step of a fetch, all at once: the next fetch cleans them and succeeds. */
    @Test
    void leftoversOfAnInterruptedFetchAreCleanedByTheNext() throws Exception {
        Path cache = tmp.resolve("cache");
        Source source = new Source("lib", url);
        GitCache gitCache = new GitCache(cache, new RecordingLog());
        gitCache.fetch(source, false);
        Path gitDir = gitCache.repositoryDirectory(source);
        origin.commit("new", Map.of("src/New.php", "<?php // new\n"));
        origin.tag("2.0.0");
        List<Path> leftovers = List.of(
                gitDir.resolve("refs/tags/2.0.0.lock"),              // killed while updating the new ref
                gitDir.resolve("packed-refs.lock"),                   // ... or while packing refs
                gitDir.resolve("config.lock"),
                gitDir.resolve("objects/incoming_12345.pack"),       // ... or while receiving the pack
                gitDir.resolve("objects/pack/pack-0123456789abcdef0123456789abcdef01234567.pack")); // pack without index
        for (Path leftover : leftovers) {
            Files.createDirectories(leftover.getParent());
            Files.write(leftover, "PACK partial".getBytes(StandardCharsets.UTF_8));
        }
        // a new cache repository whose making was interrupted, beside the cache
        Files.createDirectories(cache.resolve("lib-0123456789ab.git.new-42/objects"));

        RecordingLog log = new RecordingLog();
        GitCache.FetchResult result = new GitCache(cache, log).fetch(source, false);
        assertEquals(1, result.fetchedTags);
        for (Path leftover : leftovers) {
            assertFalse(Files.exists(leftover), leftover + " removed");
        }
        assertEquals(leftovers.size(), log.lines.stream().filter(l -> l.startsWith("WARN removed ")).count(), log.text());
        try (Repository cached = gitCache.open(source)) {
            assertEquals(origin.git().getRepository().exactRef("refs/tags/2.0.0").getObjectId(),
                    cached.exactRef("refs/tags/2.0.0").getObjectId());
        }
        assertFsckClean(gitDir);
    }

    private void assertCacheHoldsEveryTag(Path cache) throws IOException {
        try (Repository cached = new GitCache(cache, new RecordingLog()).open(new Source("lib", url))) {
            for (int i = 0; i < TAGS; i++) {
                String tag = "refs/tags/1." + i + ".0";
                assertEquals(origin.git().getRepository().exactRef(tag).getObjectId(), cached.exactRef(tag).getObjectId(), tag);
            }
        }
    }

    private void assertFsckClean(Path gitDir) throws Exception {
        ProcessBuilder fsck = new ProcessBuilder("git", "--git-dir=" + gitDir, "fsck", "--full", "--strict").redirectErrorStream(true);
        fsck.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        fsck.environment().put("HOME", tmp.toString());
        Process p = fsck.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertFalse(out.contains("error"), out);
    }
}
