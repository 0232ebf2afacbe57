package org.mageos.distribution.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.io.RetryPolicy;
import org.mageos.distribution.core.testing.GitHttpServer;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;
import org.mageos.distribution.core.testing.Tools;

/**
 * {@link GitCache#fetch} over smart HTTP: the real {@code git http-backend} behind a loopback server that demands
 * Basic authentication. Covers credentials, secrets kept out of messages, logs and the cache, and which errors
 * are retried.
 */
@Timeout(60)
class GitHttpFetchTest {

    private static final String PASSWORD = "pw-Secret-4711";
    private static final String TOKEN = "tok-Secret-0815";
    private static final RetryPolicy QUICK = new RetryPolicy(2, Duration.ofMillis(50));

    @TempDir
    Path tmp;

    private GitHttpServer server;
    private TestRepository origin;
    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void serve() throws Exception {
        Tools.require(GitHttpServer.available(), "git http-backend");
        origin = TestRepository.create(tmp.resolve("origin"));
        origin.commit("a", Map.of("composer.json", "{\"name\": \"acme/lib\"}"));
        origin.tag("1.0.0");
        origin.commit("b", Map.of("README", "b"));
        origin.tag("1.1.0");
        Git.cloneRepository().setBare(true).setURI(origin.dir().toUri().toString())
                .setGitDir(tmp.resolve("served/repo.git").toFile()).call().close();
        server = new GitHttpServer(tmp.resolve("served"), tmp.resolve("server-home"), List.of("alice:" + PASSWORD, "token:" + TOKEN));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    private GitCache cache() {
        return new GitCache(tmp.resolve("cache"), log, QUICK, null);
    }

    @Test
    void usernameAndPasswordFetchTheTagsAndStayOutOfTheCache() throws Exception {
        Source source = new Source("lib", server.url("repo.git"));
        GitCache cache = cache();
        GitCache.FetchResult result = cache.fetch(source, false, new GitCredentials("mirror", "alice", PASSWORD));
        assertEquals(2, result.fetchedTags);
        try (Repository cached = cache.open(source)) {
            assertEquals(origin.git().getRepository().exactRef("refs/tags/1.1.0").getObjectId(),
                    cached.exactRef("refs/tags/1.1.0").getObjectId());
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertNotNull(server.authorizations.get(basic), "the server saw alice's credentials: " + server.authorizations.keySet());
        assertSecretsAbsent(cache.repositoryDirectory(source), PASSWORD, "alice");
        assertFalse(log.text().contains(PASSWORD), log.text());
    }

    @Test
    void aTokenAloneAuthenticates() throws Exception {
        Source source = new Source("lib", server.url("repo.git"));
        GitCache cache = cache();
        assertEquals(2, cache.fetch(source, false, new GitCredentials("mirror", null, TOKEN)).fetchedTags);
        assertSecretsAbsent(cache.repositoryDirectory(source), TOKEN);
    }

    @Test
    void aWrongPasswordFailsAtOnceWithoutShowingIt() throws Exception {
        String url = server.url("repo.git");
        Source source = new Source("lib", url);
        String wrong = "wrong-Secret-1234";
        DistributionException e = assertThrows(DistributionException.class,
                () -> cache().fetch(source, false, new GitCredentials("mirror", "alice", wrong)));
        System.out.println("wrong password: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("source 'lib' (" + url + "): "), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("not authorized"), e.getMessage());
        assertTrue(e.getMessage().contains("refused the credentials"), e.getMessage());
        assertFalse(e.getMessage().contains("attempts"), "authentication refused is not retried: " + e.getMessage());
        assertFalse(log.text().contains("retry"), log.text());
        assertNoSecretIn(e, wrong);
        assertFalse(log.text().contains(wrong), log.text());
    }

    @Test
    void noCredentialsForAProtectedRepositoryFailAtOnce() {
        Source source = new Source("lib", server.url("repo.git"));
        DistributionException e = assertThrows(DistributionException.class, () -> cache().fetch(source, false));
        System.out.println("no credentials: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("source 'lib' (" + server.url("repo.git") + "): "), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("authentication"), e.getMessage());
        assertFalse(e.getMessage().contains("CredentialsProvider"), "JGit's API is no user's business: " + e.getMessage());
        assertTrue(e.getMessage().contains("<serverId>"), e.getMessage());
        assertEquals(1, server.requests(), "one request, no retry");
    }

    @Test
    void credentialsInTheUrlNeverShow() throws Exception {
        String url = server.url("repo.git").replace("http://", "http://alice:" + PASSWORD + "@");
        Source source = new Source("lib", url);
        GitCache cache = cache();
        assertEquals(2, cache.fetch(source, false).fetchedTags);
        assertSecretsAbsent(cache.repositoryDirectory(source), PASSWORD, "alice");
        assertFalse(log.text().contains("alice"), log.text());
        assertFalse(log.text().contains(PASSWORD), log.text());

        Source missing = new Source("lib2", url.replace("repo.git", "nope.git"));
        DistributionException e = assertThrows(DistributionException.class, () -> cache.fetch(missing, false));
        assertTrue(e.getMessage().startsWith("source 'lib2' (" + server.url("nope.git") + "): "), e.getMessage());
        assertNoSecretIn(e, PASSWORD);
    }

    @Test
    void anUnknownRepositoryFailsAtOnce() {
        String url = server.url("nope.git");
        int before = server.requests();
        DistributionException e = assertThrows(DistributionException.class,
                () -> cache().fetch(new Source("lib", url), false, new GitCredentials("mirror", "alice", PASSWORD)));
        System.out.println("unknown repository: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("source 'lib' (" + url + "): "), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("not found"), e.getMessage());
        assertFalse(log.text().contains("retry"), log.text());
        assertTrue(server.requests() - before <= 2, "no retry: " + (server.requests() - before) + " requests");
    }

    @Test
    void anUnknownHostFailsAtOnce() {
        String url = "https://no-such-host.invalid/git/repo.git";
        DistributionException e = assertThrows(DistributionException.class,
                () -> cache().fetch(new Source("lib", url), false, new GitCredentials("mirror", "alice", PASSWORD)));
        System.out.println("unknown host: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("source 'lib' (" + url + "): "), e.getMessage());
        assertTrue(e.getMessage().contains("unknown host no-such-host.invalid"), e.getMessage());
        assertFalse(log.text().contains("retry"), log.text());
        assertNoSecretIn(e, PASSWORD);
    }

    /** A selected tag that points to an object the server lacks: the build stops, naming source, URL and tag. */
    @Test
    void aSelectedTagToAMissingObjectFailsAtOnceNamingIt() throws Exception {
        Files.writeString(tmp.resolve("served/repo.git/refs/tags/1.3.0"), "0123456789abcdef0123456789abcdef01234567\n");
        String url = server.url("repo.git");
        DistributionException e = assertThrows(DistributionException.class,
                () -> cache().fetch(new Source("lib", url), false, new GitCredentials("mirror", "alice", PASSWORD)));
        System.out.println("selected tag to a missing object: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("source 'lib' (" + url + "): 1 of the 3 refs to fetch cannot be fetched:\n  1.3.0: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("The 2 others are in the cache"), e.getMessage());
        assertFalse(log.text().contains("retry"), log.text());
        // the tags the server can serve are in the cache: leaving the broken one out, the next fetch needs nothing more
        try (Repository cached = cache().open(new Source("lib", url))) {
            assertNotNull(cached.exactRef("refs/tags/1.0.0"));
            assertNotNull(cached.exactRef("refs/tags/1.1.0"));
        }
        Source without = new Source("lib", url);
        without.setExcludeTags(List.of("1.3.0"));
        assertEquals(0, cache().fetch(without, false, new GitCredentials("mirror", "alice", PASSWORD)).fetchedTags);
    }

    @Test
    void serviceUnavailableIsRetriedUntilTheServerAnswers() throws Exception {
        Source source = new Source("lib", server.url("repo.git"));
        server.failNext(2);
        GitCache.FetchResult result = cache().fetch(source, false, new GitCredentials("mirror", "alice", PASSWORD));
        assertEquals(2, result.fetchedTags);
        assertEquals(2, log.lines.stream().filter(l -> l.startsWith("WARN") && l.contains("retry")).count(), log.text());
        assertTrue(log.text().contains("503"), log.text());
    }

    @Test
    void serviceUnavailableBeyondTheRetriesFailsNamingTheAttempts() {
        String url = server.url("repo.git");
        server.failNext(100);
        DistributionException e = assertThrows(DistributionException.class,
                () -> cache().fetch(new Source("lib", url), false, new GitCredentials("mirror", "alice", PASSWORD)));
        System.out.println("503 every time: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("source 'lib' (" + url + "): "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(3 attempts)"), e.getMessage());
        assertEquals(3, server.unavailableAnswers(), "first attempt and two retries");
    }

    private static void assertNoSecretIn(Throwable e, String secret) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(secret), "secret in " + t);
        }
    }

    /** No file of the cached repository (config, logs, refs) contains the secrets. */
    private static void assertSecretsAbsent(Path gitDir, String... secrets) throws Exception {
        assertTrue(Files.isRegularFile(gitDir.resolve("config")));
        // JGit's automatic gc may still run in the background after a fetch: its lock files come and go while
        // the folder is walked. A file gone before it is read holds nothing; walk again until the folder is still.
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> files = Files.walk(gitDir)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    for (String secret : secrets) {
                        assertFalse(content.contains(secret), "'" + secret + "' in " + f);
                    }
                }
                return;
            } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
                if (attempt == 10) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
