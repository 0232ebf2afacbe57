package org.mageos.distribution.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.Daemon;
import org.eclipse.jgit.transport.DaemonClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.io.RetryPolicy;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;
import org.mageos.distribution.core.testing.Tools;

/** {@link GitCache#fetch} against a real git:// server (JGit's daemon on loopback). */
@Timeout(30)
class GitDaemonFetchTest {

    @TempDir
    Path tmp;

    private Daemon daemon;
    private int port;
    /** Repository name as in the URL to its git directory. */
    private final Map<String, Path> served = new ConcurrentHashMap<>();

    @BeforeEach
    void startDaemon() throws IOException {
        daemon = new Daemon(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon.setRepositoryResolver(this::resolve);
        daemon.start();
        port = daemon.getAddress().getPort();
    }

    private Repository resolve(DaemonClient client, String name) throws RepositoryNotFoundException {
        Path gitDir = served.get(name);
        if (gitDir == null) {
            throw new RepositoryNotFoundException(name);
        }
        try {
            return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
        } catch (IOException e) {
            throw new RepositoryNotFoundException(name, e);
        }
    }

    @AfterEach
    void stopDaemon() throws InterruptedException {
        if (daemon != null) {
            daemon.stopAndWait();
        }
    }

    private String serve(String name, TestRepository origin) {
        served.put(name, origin.git().getRepository().getDirectory().toPath());
        return "git://127.0.0.1:" + port + "/" + name;
    }

    @Test
    void fetchesSelectedTagsThenNothingThenOnlyTheNewTag() throws Exception {
        try (TestRepository origin = TestRepository.create(tmp.resolve("origin"))) {
            origin.commit("a", Map.of("composer.json", "{\"name\": \"acme/lib\"}"));
            origin.tag("1.0.0");
            origin.commit("b", Map.of("src/A.php", "<?php class A {}\n"));
            origin.tag("1.1.0");
            // a version outside the constraint, on a history of its own, with a blob nobody else has
            String secret = "<?php // only in 0.9.0\n";
            ObjectId orphan = orphanCommit(origin.git().getRepository(), "Secret.php", secret);
            setRef(origin.git().getRepository(), "refs/tags/0.9.0", orphan);
            ObjectId secretBlob = blobId(secret);
            assertTrue(origin.git().getRepository().getObjectDatabase().has(secretBlob));

            Source source = new Source("lib", serve("repo.git", origin));
            source.setTags(">=1.0");
            GitCache cache = new GitCache(tmp.resolve("cache"), DistributionLog.SILENT);
            Path dir = cache.repositoryDirectory(source);

            GitCache.FetchResult first = cache.fetch(source, false);
            assertEquals(3, first.remoteTags);
            assertEquals(2, first.selectedTags);
            assertEquals(2, first.fetchedTags);
            try (Repository cached = cache.open(source)) {
                assertEquals(tagId(origin, "1.0.0"), cached.exactRef("refs/tags/1.0.0").getObjectId());
                assertEquals(tagId(origin, "1.1.0"), cached.exactRef("refs/tags/1.1.0").getObjectId());
                assertNull(cached.exactRef("refs/tags/0.9.0"));
                assertFalse(cached.getObjectDatabase().has(orphan), "commit of a tag outside <tags>");
                assertFalse(cached.getObjectDatabase().has(secretBlob), "blob of a tag outside <tags>");
            }

            Map<String, String> before = snapshot(dir);
            int packsBefore = packCount(dir);
            GitCache.FetchResult noop = cache.fetch(source, false);
            assertEquals(0, noop.fetchedTags);
            assertEquals(2, noop.selectedTags);
            assertEquals(before, snapshot(dir), "a fetch with nothing new must not write to the cache");

            ObjectId newCommit = origin.commit("c", Map.of("src/B.php", "<?php class B {}\n"));
            origin.tag("1.2.0");
            GitCache.FetchResult third = cache.fetch(source, false);
            assertEquals(4, third.remoteTags);
            assertEquals(3, third.selectedTags);
            assertEquals(1, third.fetchedTags);
            try (Repository cached = cache.open(source)) {
                assertEquals(tagId(origin, "1.2.0"), cached.exactRef("refs/tags/1.2.0").getObjectId());
                assertTrue(cached.getObjectDatabase().has(newCommit));
                assertTrue(cached.getObjectDatabase().has(blobId("<?php class B {}\n")));
                assertFalse(cached.getObjectDatabase().has(secretBlob), "still nothing of 0.9.0");
            }
            assertEquals(packsBefore + 1, packCount(dir), "one fetch, one new pack");
        }
    }

    @Test
    void refsToMissingObjectsOnTheServerDoNotBreakTheFetchOfGoodTags() throws Exception {
        try (TestRepository origin = TestRepository.create(tmp.resolve("origin"))) {
            origin.commit("a", Map.of("composer.json", "{\"name\": \"acme/lib\"}"));
            origin.tag("1.0.0");
            origin.commit("b", Map.of("README", "b"));
            origin.tag("1.1.0");
            Path gitDir = origin.git().getRepository().getDirectory().toPath();
            String missing = "0123456789abcdef0123456789abcdef01234567";
            assertFalse(origin.git().getRepository().getObjectDatabase().has(ObjectId.fromString(missing)));
            Files.writeString(gitDir.resolve("refs/heads/broken"), missing + "\n");


            Source source = new Source("lib", serve("repo.git", origin));
            GitCache cache = new GitCache(tmp.resolve("cache"), DistributionLog.SILENT);
            GitCache.FetchResult result = cache.fetch(source, false);
            assertEquals(2, result.remoteTags);
            assertEquals(2, result.selectedTags);
            assertEquals(2, result.fetchedTags);
            try (Repository cached = cache.open(source)) {
                assertEquals(tagId(origin, "1.0.0"), cached.exactRef("refs/tags/1.0.0").getObjectId());
                assertEquals(tagId(origin, "1.1.0"), cached.exactRef("refs/tags/1.1.0").getObjectId());
                assertNull(cached.exactRef("refs/tags/broken"));
            }
        }
    }

    /**
     * A tag to a missing object makes JGit's own server fail the ref listing ("Short read of block" on the client),
     * so this case is served by the real {@code git daemon}, which advertises such a ref without failing.
     */
    @Test
    void aBrokenNonVersionTagAndBranchOnARealGitServerDoNotBreakTheFetchOfGoodTags() throws Exception {
        Tools.require(Files.isExecutable(Path.of(GIT_DAEMON)), "git daemon (" + GIT_DAEMON + ")");
        Path base = tmp.resolve("served");
        Path bare = base.resolve("repo.git");
        try (TestRepository origin = TestRepository.create(tmp.resolve("origin"))) {
            origin.commit("a", Map.of("composer.json", "{\"name\": \"acme/lib\"}"));
            origin.tag("1.0.0");
            origin.commit("b", Map.of("README", "b"));
            origin.tag("1.1.0");
            org.eclipse.jgit.api.Git.cloneRepository().setBare(true).setURI(origin.dir().toUri().toString())
                    .setGitDir(bare.toFile()).call().close();
            String missing = "0123456789abcdef0123456789abcdef01234567";
            Files.writeString(bare.resolve("refs/heads/broken"), missing + "\n");
            Files.writeString(bare.resolve("refs/tags/broken"), missing + "\n");

            int gitPort;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                gitPort = socket.getLocalPort();
            }
            ProcessBuilder pb = new ProcessBuilder(GIT_DAEMON, "--reuseaddr", "--listen=127.0.0.1", "--port=" + gitPort,
                    "--base-path=" + base, "--export-all", base.toString()).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("git-daemon.log").toFile());
            pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
            pb.environment().put("HOME", tmp.toString());
            Process gitDaemon = pb.start();
            try {
                waitForPort(gitPort, gitDaemon);
                String url = "git://127.0.0.1:" + gitPort + "/repo.git";
                GitCache cache = new GitCache(tmp.resolve("cache"), DistributionLog.SILENT);
                GitCache.FetchResult result = cache.fetch(new Source("lib", url), false);
                assertEquals(3, result.remoteTags, "1.0.0, 1.1.0 and broken");
                assertEquals(2, result.selectedTags);
                assertEquals(2, result.fetchedTags);
                try (Repository cached = cache.open(new Source("lib", url))) {
                    assertEquals(tagId(origin, "1.0.0"), cached.exactRef("refs/tags/1.0.0").getObjectId());
                    assertEquals(tagId(origin, "1.1.0"), cached.exactRef("refs/tags/1.1.0").getObjectId());
                    assertNull(cached.exactRef("refs/tags/broken"));
                }
            } finally {
                gitDaemon.descendants().forEach(ProcessHandle::destroy);
                gitDaemon.destroy();
                gitDaemon.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Run directly: {@code git daemon} would leave this child running when killed. */
    private static final String GIT_DAEMON = "/usr/lib/git-core/git-daemon";

    private static void waitForPort(int port, Process process) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                assertTrue(process.isAlive(), () -> "git daemon exited: " + process.exitValue());
                Thread.sleep(50);
            }
        }
        throw new AssertionError("git daemon does not listen on " + port);
    }

    @Test
    void unknownRepositoryIsReportedWithSourceAndUrl() {
        String url = "git://127.0.0.1:" + port + "/nope.git";
        Source source = new Source("x", url);
        DistributionException e = assertThrows(DistributionException.class,
                () -> new GitCache(tmp.resolve("cache"), DistributionLog.SILENT).fetch(source, false));
        System.out.println("unknown repository: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("source 'x' (" + url + "): "), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("not found")
                || e.getMessage().toLowerCase().contains("not exported"), e.getMessage());
    }

    @Test
    void closedPortIsRetriedThenReportedWithSourceUrlAndAttempts() throws IOException {
        int free = freePort();
        String url = "git://127.0.0.1:" + free + "/repo.git";
        Source source = new Source("x", url);
        RecordingLog log = new RecordingLog();
        long start = System.nanoTime();
        DistributionException e = assertThrows(DistributionException.class,
                () -> new GitCache(tmp.resolve("cache"), log, new RetryPolicy(2, Duration.ofMillis(20)), null).fetch(source, false));
        System.out.println("closed port (" + (System.nanoTime() - start) / 1_000_000 + " ms): " + e.getMessage());
        assertTrue(e.getMessage().startsWith("source 'x' (" + url + "): "), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("connection refused"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(3 attempts)"), e.getMessage());
        assertEquals(2, log.lines.stream().filter(l -> l.startsWith("WARN") && l.contains("retry")).count(), log.text());
    }

    /** A server that is down at the first attempt (connection refused) and up at the retry: the fetch succeeds. */
    @Test
    void aServerThatComesBackIsFetchedOnRetry() throws Exception {
        try (TestRepository origin = TestRepository.create(tmp.resolve("origin"))) {
            origin.commit("a", Map.of("composer.json", "{\"name\": \"acme/lib\"}"));
            origin.tag("1.0.0");
            served.put("late.git", origin.git().getRepository().getDirectory().toPath());
            int later = freePort();
            Daemon[] late = new Daemon[1];
            RecordingLog log = new RecordingLog() {
                @Override
                public void warn(String message) {
                    super.warn(message);
                    if (late[0] == null) {
                        late[0] = new Daemon(new InetSocketAddress(InetAddress.getLoopbackAddress(), later));
                        late[0].setRepositoryResolver(GitDaemonFetchTest.this::resolve);
                        try {
                            late[0].start();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            };
            try {
                Source source = new Source("lib", "git://127.0.0.1:" + later + "/late.git");
                GitCache.FetchResult result = new GitCache(tmp.resolve("cache"), log, new RetryPolicy(3, Duration.ofMillis(100)), null)
                        .fetch(source, false);
                assertEquals(1, result.fetchedTags);
                assertEquals(1, log.lines.stream().filter(l -> l.startsWith("WARN")).count(), log.text());
                assertTrue(log.text().toLowerCase().contains("connection refused"), log.text());
            } finally {
                if (late[0] != null) {
                    late[0].stopAndWait();
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aSelectedTagDeletedUpstreamIsReportedAndRemovedFromTheCache() throws Exception {
        try (TestRepository origin = TestRepository.create(tmp.resolve("origin"))) {
            origin.commit("a", Map.of("composer.json", "{\"name\": \"acme/lib\"}"));
            origin.tag("1.0.0");
            origin.commit("b", Map.of("README", "b"));
            origin.tag("1.1.0");
            origin.tag("0.9.0");
            Source source = new Source("lib", serve("repo.git", origin));
            source.setTags(">=1.0");
            RecordingLog log = new RecordingLog();
            GitCache cache = new GitCache(tmp.resolve("cache"), log);
            assertEquals(2, cache.fetch(source, false).selectedTags);
            assertFalse(log.text().contains("WARN"), log.text());

            origin.git().tagDelete().setTags("1.1.0", "0.9.0").call();
            GitCache.FetchResult after = cache.fetch(source, false);
            assertEquals(1, after.remoteTags);
            assertEquals(1, after.selectedTags);
            assertEquals(0, after.fetchedTags);
            try (Repository cached = cache.open(source)) {
                assertNull(cached.exactRef("refs/tags/1.1.0"), "a tag deleted upstream is not built any more");
                assertNotNull(cached.exactRef("refs/tags/1.0.0"));
            }
            List<String> warnings = log.lines.stream().filter(l -> l.startsWith("WARN")).toList();
            assertEquals(List.of("WARN source 'lib' (" + source.getUrl() + "): tag '1.1.0' was deleted upstream;"
                    + " it is removed from the cache and no longer built"), warnings, "0.9.0 was never selected");
        }
    }

    /**
     * Branches are fetched as refs/heads/NAME and tags as refs/tags/NAME, also where a branch and a tag share a
     * name (as in Magento's repositories); only branches that {@code <branches>} names come.
     */
    @Test
    void branchesMatchingThePatternsComeAsHeadsBesideTagsOfTheSameName() throws Exception {
        try (TestRepository origin = TestRepository.create(tmp.resolve("origin"))) {
            Repository repo = origin.git().getRepository();
            ObjectId tagged = origin.commit("a", Map.of("composer.json", "{\"name\": \"acme/lib\"}"));
            origin.tag("2.4.0");
            origin.git().branchCreate().setName("2.4.0").call(); // moves on below, the tag does not
            origin.git().checkout().setName("refs/heads/2.4.0").call();
            ObjectId branch240 = origin.commit("fix", Map.of("README", "fix"));
            origin.git().checkout().setName("main").call();
            ObjectId develop = origin.commit("b", Map.of("README", "develop"));
            origin.git().branchCreate().setName("2.4-develop").call();
            origin.git().branchCreate().setName("2.5-develop").call();
            origin.git().branchCreate().setName("feature/x-develop").call();
            origin.git().branchCreate().setName("experimental").call();

            Source source = new Source("lib", serve("repo.git", origin));
            source.setBranches(List.of("*-develop", "2.4.0"));
            RecordingLog log = new RecordingLog();
            GitCache cache = new GitCache(tmp.resolve("cache"), log);
            GitCache.FetchResult result = cache.fetch(source, false);
            assertEquals(1, result.fetchedTags);
            assertEquals(3, result.selectedBranches, "2.4-develop, 2.5-develop, 2.4.0");
            assertEquals(3, result.fetchedBranches);
            try (Repository cached = cache.open(source)) {
                assertEquals(tagged, cached.exactRef("refs/tags/2.4.0").getObjectId());
                assertEquals(branch240, cached.exactRef("refs/heads/2.4.0").getObjectId());
                assertEquals(develop, cached.exactRef("refs/heads/2.4-develop").getObjectId());
                assertEquals(develop, cached.exactRef("refs/heads/2.5-develop").getObjectId());
                assertNull(cached.exactRef("refs/heads/feature/x-develop"), "* does not cross /");
                assertNull(cached.exactRef("refs/heads/experimental"));
                assertNull(cached.exactRef("refs/heads/main"));
            }

            ObjectId moved = origin.commit("c", Map.of("README", "moved"));
            origin.git().branchCreate().setName("2.4-develop").setForce(true).call();
            origin.git().branchDelete().setBranchNames("2.5-develop").setForce(true).call();
            GitCache.FetchResult again = cache.fetch(source, false);
            assertEquals(0, again.fetchedTags);
            assertEquals(1, again.fetchedBranches, "only the branch that moved");
            try (Repository cached = cache.open(source)) {
                assertEquals(moved, cached.exactRef("refs/heads/2.4-develop").getObjectId());
                assertNull(cached.exactRef("refs/heads/2.5-develop"));
            }
            assertTrue(log.text().contains("WARN source 'lib' (" + source.getUrl() + "): branch '2.5-develop' was deleted upstream"),
                    log.text());
            assertEquals(0, cache.fetch(source, false).fetchedBranches, "nothing new");
            assertTrue(repo.getObjectDatabase().has(moved));
        }
    }

    @Test
    void twoCachesFetchingTheSameSourceConcurrentlyLeaveAConsistentRepository() throws Exception {
        try (TestRepository origin = TestRepository.create(tmp.resolve("origin"))) {
            for (int i = 0; i < 50; i++) {
                origin.commit("c" + i, Map.of("src/F" + (i % 7) + ".php", "<?php // " + i + "\n"));
                origin.tag("1." + i + ".0");
            }
            Source source = new Source("lib", serve("repo.git", origin));
            GitCache one = new GitCache(tmp.resolve("cache"), DistributionLog.SILENT);
            GitCache two = new GitCache(tmp.resolve("cache"), DistributionLog.SILENT);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<GitCache.FetchResult> a = pool.submit(() -> {
                    go.await();
                    return one.fetch(source, false);
                });
                Future<GitCache.FetchResult> b = pool.submit(() -> {
                    go.await();
                    return two.fetch(source, false);
                });
                go.countDown();
                GitCache.FetchResult ra = a.get(20, TimeUnit.SECONDS);
                GitCache.FetchResult rb = b.get(20, TimeUnit.SECONDS);
                assertEquals(50, ra.selectedTags);
                assertEquals(50, rb.selectedTags);
                assertEquals(50, ra.fetchedTags + rb.fetchedTags, "the second one in finds the cache up to date: " + ra.fetchedTags + " + " + rb.fetchedTags);
            } finally {
                pool.shutdownNow();
            }
            try (Repository cached = one.open(source)) {
                for (int i = 0; i < 50; i++) {
                    assertEquals(tagId(origin, "1." + i + ".0"), cached.exactRef("refs/tags/1." + i + ".0").getObjectId());
                }
            }
            ProcessBuilder fsck = new ProcessBuilder("git", "--git-dir=" + one.repositoryDirectory(source), "fsck", "--full")
                    .redirectErrorStream(true);
            fsck.environment().put("GIT_CONFIG_NOSYSTEM", "1");
            fsck.environment().put("HOME", tmp.toString());
            Process p = fsck.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
        }
    }

    private static ObjectId tagId(TestRepository origin, String tag) throws IOException {
        return origin.git().getRepository().exactRef("refs/tags/" + tag).getObjectId();
    }

    private static ObjectId blobId(String content) {
        return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A root commit with one file, on no branch. */
    private static ObjectId orphanCommit(Repository repo, String path, String content) throws IOException {
        try (ObjectInserter ins = repo.newObjectInserter()) {
            ObjectId blob = ins.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
            TreeFormatter tree = new TreeFormatter();
            tree.append(path, FileMode.REGULAR_FILE, blob);
            ObjectId treeId = ins.insert(tree);
            CommitBuilder commit = new CommitBuilder();
            PersonIdent who = new PersonIdent("Test", "test@example.org", java.time.Instant.parse("2024-01-01T00:00:00Z"),
                    java.time.ZoneOffset.UTC);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage("orphan\n");
            commit.setTreeId(treeId);
            ObjectId id = ins.insert(commit);
            ins.flush();
            return id;
        }
    }

    private static void setRef(Repository repo, String name, ObjectId id) throws IOException {
        RefUpdate update = repo.updateRef(name);
        update.setNewObjectId(id);
        update.setForceUpdate(true);
        RefUpdate.Result result = update.update();
        assertTrue(result == RefUpdate.Result.NEW || result == RefUpdate.Result.FORCED, result.toString());
    }

    /** Every file under a directory: relative path to size and modification time. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                files.put(dir.relativize(p).toString(), (a.isDirectory() ? "dir " : a.size() + " ") + a.lastModifiedTime().toMillis());
            }
        }
        return files;
    }

    private static int packCount(Path dir) throws IOException {
        List<Path> packs = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir.resolve("objects/pack"))) {
            list.filter(p -> p.getFileName().toString().endsWith(".pack")).forEach(packs::add);
        }
        return packs.size();
    }
}
