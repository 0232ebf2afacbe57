package org.mageos.distribution.core.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.Daemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.GitCache;
import org.mageos.distribution.core.testing.GitHttpServer;
import org.mageos.distribution.core.testing.LoopbackGitDaemon;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;
import org.mageos.distribution.core.testing.Tools;

/**
 * A fresh cache gets the selected tags without their history (depth 1), from real git servers on loopback; the zips
 * built from it are the bytes a whole history gives, and a later full fetch deepens the same cache.
 */
@Timeout(120)
class ShallowFetchTest {

    /** Commits of history before the first tag, each with a file of this many random bytes that no tag holds. */
    private static final int HISTORY = 30;
    private static final int HISTORY_BLOB = 32 * 1024;

    @TempDir
    Path tmp;

    private TestRepository origin;
    private Path served;
    private Path project;
    private ObjectId historyBlob;
    private ObjectId parentOfFirstTag;

    @BeforeEach
    void setUp() throws Exception {
        origin = TestRepository.create(tmp.resolve("origin"));
        Random random = new Random(7);
        for (int i = 0; i < HISTORY; i++) {
            byte[] noise = new byte[HISTORY_BLOB];
            random.nextBytes(noise);
            StringBuilder hex = new StringBuilder();
            for (byte b : noise) {
                hex.append((char) ('a' + (b & 15))).append((char) ('a' + ((b >> 4) & 15)));
            }
            origin.commit("work " + i, Map.of("mods/A/composer.json", module("acme/a", "0.9." + i), "scratch.txt", hex.toString()));
            if (i == 0) {
                historyBlob = blob(hex.toString());
            }
        }
        parentOfFirstTag = origin.commit("drop scratch", deleted("scratch.txt")).getId();
        origin.commit("1.0.0", Map.of("mods/A/composer.json", module("acme/a", "1.0.0"), "mods/A/a.php", "<?php\n",
                "mods/B/composer.json", module("acme/b", "1.0.0"), "mods/B/b.php", "<?php // b\n"));
        origin.tag("1.0.0");
        origin.commit("1.1.0", Map.of("mods/A/composer.json", module("acme/a", "1.1.0"), "mods/A/a.php", "<?php // 1.1\n"));
        // annotated, as most upstream tags are
        origin.git().tag().setName("1.1.0").setAnnotated(true).setMessage("1.1.0").call();
        served = tmp.resolve("served");
        Git.cloneRepository().setBare(true).setURI(origin.dir().toUri().toString()).setGitDir(served.resolve("repo.git").toFile()).call().close();
        project = tmp.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), "<project/>\n");
    }

    private Daemon daemon;

    @AfterEach
    void tearDown() throws InterruptedException {
        origin.close();
        if (daemon != null) {
            daemon.stopAndWait();
        }
    }

    /** The source, served by JGit's git:// daemon on loopback. */
    private Source servedByDaemon() throws Exception {
        daemon = LoopbackGitDaemon.start("repo.git", served.resolve("repo.git"));
        return source("git://127.0.0.1:" + daemon.getAddress().getPort() + "/repo.git");
    }

    private static String module(String name, String version) {
        return "{\n    \"name\": \"" + name + "\",\n    \"version\": \"" + version + "\"\n}\n";
    }

    private static Map<String, String> deleted(String path) {
        Map<String, String> files = new HashMap<>();
        files.put(path, null);
        return files;
    }

    private static Map<String, String> with(Map<String, String> files, String path, String content) {
        files.put(path, content);
        return files;
    }

    private static ObjectId blob(String content) {
        return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB,
                content.getBytes(StandardCharsets.UTF_8));
    }

    private Source source(String url) {
        Source source = new Source("shop", url);
        source.setPackages(List.of(new PackageRule("mods/*")));
        return source;
    }

    @Test
    void aFreshCacheOverSmartHttpHasNoHistoryAndItsZipsAreTheBytesOfAFullFetch() throws Exception {
        Tools.require(GitHttpServer.available(), "git http-backend (" + GitHttpServer.BACKEND + ")");
        try (GitHttpServer server = new GitHttpServer(served, tmp.resolve("http-home"), List.of())) {
            Source source = source(server.url("repo.git"));
            Path shallowCache = tmp.resolve("cache-shallow");
            GitCache cache = new GitCache(shallowCache, DistributionLog.SILENT);
            RecordingLog log = new RecordingLog();
            GitCache.FetchResult first = new GitCache(shallowCache, log).fetch(source, false);
            assertEquals(2, first.fetchedTags);
            assertTrue(first.shallow);
            assertTrue(log.text().contains("shop: 2 tags, 2 selected, 2 fetched (depth 1)"), log.text());
            try (Repository cached = cache.open(source); RevWalk walk = new RevWalk(cached)) {
                RevCommit tagged = walk.parseCommit(cached.exactRef("refs/tags/1.0.0").getObjectId());
                assertEquals(0, tagged.getParentCount(), "a shallow commit: no parent in the cache's view");
                assertTrue(cached.getObjectDatabase().getShallowCommits().contains(tagged));
                assertFalse(cached.getObjectDatabase().has(parentOfFirstTag), "the commit behind the tag");
                assertFalse(cached.getObjectDatabase().has(historyBlob), "a blob only the history has");
                assertEquals(2, cached.getObjectDatabase().getShallowCommits().size());
                assertNotNull(cached.getRefDatabase().peel(cached.exactRef("refs/tags/1.1.0")).getPeeledObjectId(), "the annotated tag");
            }
            long shallowBytes = packBytes(cache.repositoryDirectory(source));
            Map<String, byte[]> fromShallow = build(source, shallowCache, "shallow");

            Path fullCache = tmp.resolve("cache-full");
            GitCache.FetchResult full = new GitCache(fullCache, DistributionLog.SILENT).withShallow(false).fetch(source, false);
            assertFalse(full.shallow);
            long fullBytes = packBytes(new GitCache(fullCache, DistributionLog.SILENT).repositoryDirectory(source));
            assertTrue(shallowBytes * 10 < fullBytes, "the shallow fetch received " + shallowBytes + " bytes, the full one " + fullBytes);
            Map<String, byte[]> fromFull = build(source, fullCache, "full");
            assertEquals(fromFull.keySet(), fromShallow.keySet());
            assertEquals(List.of("dist/acme/a/a-1.0.0.zip", "dist/acme/a/a-1.1.0.zip", "dist/acme/b/b-1.0.0.zip"),
                    List.copyOf(fromFull.keySet()).stream().filter(f -> f.endsWith(".zip")).toList());
            fromFull.forEach((file, bytes) -> assertArrayEquals(bytes, fromShallow.get(file), file));

            // a full fetch later deepens the same cache: the whole history is there, and the bytes are the same
            RecordingLog deepenLog = new RecordingLog();
            GitCache.FetchResult deepened = new GitCache(shallowCache, deepenLog).withShallow(false).fetch(source, false);
            assertFalse(deepened.shallow, deepenLog.text());
            assertTrue(deepenLog.text().contains("history deepened"), deepenLog.text());
            try (Repository cached = cache.open(source)) {
                assertTrue(cached.getObjectDatabase().has(parentOfFirstTag));
                assertTrue(cached.getObjectDatabase().has(historyBlob));
                assertTrue(cached.getObjectDatabase().getShallowCommits().isEmpty());
            }
            assertFsckClean(cache.repositoryDirectory(source));
            clearBuildCaches(shallowCache);
            Map<String, byte[]> fromDeepened = build(source, shallowCache, "deepened");
            fromFull.forEach((file, bytes) -> assertArrayEquals(bytes, fromDeepened.get(file), file));
        }
    }

    @Test
    void aShallowCacheGetsANewTagAtDepthOneAndOnlyWhatItAdds() throws Exception {
        Source source = servedByDaemon();
        Path cacheRoot = tmp.resolve("cache");
        GitCache cache = new GitCache(cacheRoot, DistributionLog.SILENT);
        assertTrue(cache.fetch(source, false).shallow);
        long before = packBytes(cache.repositoryDirectory(source));

        // upstream: more history, then a tag that changes one small file
        Random random = new Random(11);
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < HISTORY_BLOB; i++) {
            noise.append((char) ('a' + random.nextInt(26)));
        }
        origin.commit("more work", Map.of("scratch.txt", noise.toString()));
        origin.commit("1.2.0", with(deleted("scratch.txt"), "mods/B/composer.json", module("acme/b", "1.2.0")));
        origin.tag("1.2.0");
        try (Git bare = Git.open(served.resolve("repo.git").toFile())) {
            bare.fetch().setRemote(origin.dir().toUri().toString()).setRefSpecs("+refs/tags/*:refs/tags/*", "+refs/heads/*:refs/heads/*").call();
        }
        RecordingLog log = new RecordingLog();
        GitCache.FetchResult next = new GitCache(cacheRoot, log).fetch(source, false);
        assertEquals(1, next.fetchedTags);
        assertTrue(next.shallow);
        assertTrue(log.text().contains("1 fetched (depth 1)"), log.text());
        long added = packBytes(cache.repositoryDirectory(source)) - before;
        assertTrue(added < HISTORY_BLOB / 4, "the new tag's fetch received " + added + " bytes: more than the new tag holds");
        try (Repository cached = cache.open(source)) {
            assertFalse(cached.getObjectDatabase().has(blob(noise.toString())), "a blob of the history before the new tag");
            assertEquals(3, cached.getObjectDatabase().getShallowCommits().size());
        }
        Map<String, byte[]> zips = build(source, cacheRoot, "next");
        assertTrue(zips.containsKey("dist/acme/b/b-1.2.0.zip"), zips.keySet().toString());

        // JGit's gc (which a fetch runs after many packs) keeps a shallow cache whole
        try (Repository cached = cache.open(source); Git git = new Git(cached)) {
            git.gc().call();
            assertEquals(3, cached.getObjectDatabase().getShallowCommits().size());
        }
        assertFsckClean(cache.repositoryDirectory(source));
        clearBuildCaches(cacheRoot);
        Map<String, byte[]> again = build(source, cacheRoot, "after-gc");
        zips.forEach((file, bytes) -> assertArrayEquals(bytes, again.get(file), file));
    }

    @Test
    void tagsTheBuildDoesNotNeedAreLeftOnTheServer() throws Exception {
        Source source = servedByDaemon();
        ObjectId commit100;
        try (Repository repository = origin.git().getRepository(); RevWalk walk = new RevWalk(repository)) {
            commit100 = walk.parseCommit(repository.exactRef("refs/tags/1.0.0").getObjectId()).getId();
        }
        Map<String, ObjectId> asked = new TreeMap<>();
        RecordingLog log = new RecordingLog();
        GitCache cache = new GitCache(tmp.resolve("cache"), log);
        GitCache.FetchResult result = cache.fetch(source, false, null, (tag, commit) -> {
            asked.put(tag, commit);
            return !tag.equals("1.0.0");
        });
        assertEquals(commit100, asked.get("1.0.0"));
        try (Repository repository = origin.git().getRepository(); RevWalk walk = new RevWalk(repository)) {
            // the annotated tag is named by its commit, not by the tag object
            assertEquals(walk.parseCommit(repository.exactRef("refs/tags/1.1.0").getObjectId()).getId(), asked.get("1.1.0"));
        }
        assertEquals(1, result.fetchedTags);
        assertEquals(1, result.tagsNotNeeded);
        assertTrue(log.text().contains("2 selected, 1 not needed, 1 fetched"), log.text());
        try (Repository cached = cache.open(source)) {
            assertEquals(null, cached.exactRef("refs/tags/1.0.0"));
            assertFalse(cached.getObjectDatabase().has(commit100));
        }
    }

    @Test
    void aDeepeningCutShortIsRepairedByTheNextFetch() throws Exception {
        Source source = servedByDaemon();
        GitCache cache = new GitCache(tmp.resolve("cache"), DistributionLog.SILENT);
        cache.fetch(source, false);
        // what a deepening killed after the server's answer and before the pack leaves: no shallow list, no history
        Files.delete(cache.repositoryDirectory(source).resolve("shallow"));
        RecordingLog log = new RecordingLog();
        GitCache.FetchResult again = new GitCache(tmp.resolve("cache"), log).fetch(source, false);
        assertTrue(log.text().contains("is damaged"), log.text());
        assertEquals(2, again.fetchedTags);
        assertTrue(again.shallow);
        assertFsckClean(cache.repositoryDirectory(source));
    }

    /** The package step's files (zips and manifest) by path relative to the output, built from a cache. */
    private Map<String, byte[]> build(Source source, Path cacheRoot, String name) throws Exception {
        Path output = project.resolve("target-" + name + "/repository");
        Distribution distribution = new Distribution(List.of(source)).setProjectDir(project).setNightlyDate(LocalDate.parse("2026-11-21"));
        assertTrue(new PackageStep(new RecordingLog(), cacheRoot, output, project.resolve("target-" + name + "/mage-os/build-manifest.json"))
                .timestamp(Instant.parse("2024-01-01T00:00:00Z")).threads(2).notInput(project.resolve("target-" + name)).run(distribution));
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(output)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(output.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** Deletes the plans and zips the package step keeps, so that the next build reads every tree from git again. */
    private static void clearBuildCaches(Path cacheRoot) throws Exception {
        TestRepository.delete(cacheRoot.resolve("plans"));
        TestRepository.delete(cacheRoot.resolve("builds"));
    }

    private static long packBytes(Path gitDir) throws Exception {
        try (Stream<Path> files = Files.walk(gitDir.resolve("objects"))) {
            return files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".idx")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void assertFsckClean(Path gitDir) throws Exception {
        Process fsck = new ProcessBuilder("git", "--git-dir=" + gitDir, "fsck", "--full").redirectErrorStream(true).start();
        String out = new String(fsck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, fsck.waitFor(), out);
    }
}
