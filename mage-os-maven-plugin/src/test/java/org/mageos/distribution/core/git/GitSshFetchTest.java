package org.mageos.distribution.core.git;

import org.mageos.distribution.core.io.RetryPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.SshGitServer;
import org.mageos.distribution.core.testing.TestRepository;

/**
 * {@link GitCache#fetch} over SSH: a real SSH git server (Apache MINA SSHD, JGit's test server) on loopback that
 * accepts one public key. The client key is encrypted with a passphrase, the host key checked against known_hosts.
 */
@Timeout(60)
class GitSshFetchTest {

    private static final String PASSPHRASE = "pass-Secret-2718";

    @TempDir
    Path tmp;

    private TestRepository origin;
    private SshGitServer server;
    private int port;
    private Path sshDir;
    private Path clientKey;
    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void start() throws Exception {
        origin = TestRepository.create(tmp.resolve("origin"));
        origin.commit("a", Map.of("composer.json", "{\"name\": \"acme/lib\"}"));
        origin.tag("1.0.0");
        origin.commit("b", Map.of("README", "b"));
        origin.tag("1.1.0");
        server = new SshGitServer(origin.git().getRepository());
        port = server.port();
        sshDir = Files.createDirectories(tmp.resolve("home/.ssh"));
        clientKey = server.writeUserKey(tmp.resolve("keys/id_ecdsa"), PASSPHRASE);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    private void knownHosts(String line) throws Exception {
        Files.writeString(sshDir.resolve("known_hosts"), line);
    }

    private GitCache cache() {
        return new GitCache(tmp.resolve("cache"), log, new RetryPolicy(2, Duration.ofMillis(20)), sshDir);
    }

    private GitCredentials key(String passphrase) {
        return new GitCredentials("git-ssh", null, null, clientKey, passphrase);
    }

    @Test
    void anSshUrlWithAnEncryptedKeyFromSettings() throws Exception {
        knownHosts(server.knownHostsLine("127.0.0.1"));
        Source source = new Source("lib", "ssh://git@127.0.0.1:" + port + "/repo.git");
        GitCache cache = cache();
        assertEquals(2, cache.fetch(source, false, key(PASSPHRASE)).fetchedTags);
        try (Repository cached = cache.open(source)) {
            assertEquals(origin.git().getRepository().exactRef("refs/tags/1.1.0").getObjectId(),
                    cached.exactRef("refs/tags/1.1.0").getObjectId());
        }
        assertEquals(0, cache.fetch(source, false, key(PASSPHRASE)).fetchedTags);
        assertAbsentFromCache(cache.repositoryDirectory(source), PASSPHRASE);
        assertFalse(log.text().contains(PASSPHRASE), log.text());
    }

    /** {@code git@alias:path}, with the alias's host and port in the SSH config, as git users write them. */
    @Test
    void anScpLikeUrlThroughTheSshConfig() throws Exception {
        knownHosts(server.knownHostsLine("127.0.0.1"));
        Files.writeString(sshDir.resolve("config"), "Host gitserver\n  HostName 127.0.0.1\n  Port " + port + "\n");
        Source source = new Source("lib", "git@gitserver:repo.git");
        assertEquals(2, cache().fetch(source, false, key(PASSPHRASE)).fetchedTags);
    }

    @Test
    void aHostKeyThatKnownHostsDoesNotVouchForIsRefused() throws Exception {
        Files.writeString(sshDir.resolve("known_hosts"), "");
        String url = "ssh://git@127.0.0.1:" + port + "/repo.git";
        DistributionException e = assertThrows(DistributionException.class,
                () -> cache().fetch(new Source("lib", url), false, key(PASSPHRASE)));
        System.out.println("unknown host key: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("source 'lib' (" + url + "): "), e.getMessage());
        assertTrue(e.getMessage().contains("host key is not in " + sshDir.resolve("known_hosts")), e.getMessage());
        assertFalse(e.getMessage().contains("attempts"), "not retried: " + e.getMessage());
        assertEquals("", Files.readString(sshDir.resolve("known_hosts")), "the unknown key was not added");
    }

    /** OpenSSH's own opt-in to first-seen host keys, in the SSH config, is honoured. */
    @Test
    void strictHostKeyCheckingAcceptNewAddsAFirstSeenKey() throws Exception {
        Files.writeString(sshDir.resolve("known_hosts"), "");
        Files.writeString(sshDir.resolve("config"), "Host 127.0.0.1\n  StrictHostKeyChecking accept-new\n");
        Source source = new Source("lib", "ssh://git@127.0.0.1:" + port + "/repo.git");
        assertEquals(2, cache().fetch(source, false, key(PASSPHRASE)).fetchedTags);
        assertTrue(Files.readString(sshDir.resolve("known_hosts")).contains("[127.0.0.1]:" + port + " "),
                "the host key was recorded: " + Files.readString(sshDir.resolve("known_hosts")));
    }

    @Test
    void aChangedHostKeyIsRefused() throws Exception {
        try (TestRepository other = TestRepository.create(tmp.resolve("other"));
                SshGitServer impostor = new SshGitServer(other.git().getRepository())) {
            // known_hosts vouches for the impostor's key under this server's name and port
            knownHosts(impostor.knownHostsLine("127.0.0.1").replace(":" + impostor.port() + " ", ":" + port + " "));
        }
        String url = "ssh://git@127.0.0.1:" + port + "/repo.git";
        DistributionException e = assertThrows(DistributionException.class,
                () -> cache().fetch(new Source("lib", url), false, key(PASSPHRASE)));
        System.out.println("changed host key: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("source 'lib' (" + url + "): "), e.getMessage());
        assertTrue(e.getMessage().contains("differs"), e.getMessage());
        assertFalse(e.getMessage().contains("attempts"), "not retried: " + e.getMessage());
    }

    @Test
    void aWrongPassphraseFailsAtOnceWithoutShowingIt() throws Exception {
        knownHosts(server.knownHostsLine("127.0.0.1"));
        String url = "ssh://git@127.0.0.1:" + port + "/repo.git";
        String wrong = "wrong-Secret-3141";
        DistributionException e = assertThrows(DistributionException.class,
                () -> cache().fetch(new Source("lib", url), false, key(wrong)));
        System.out.println("wrong passphrase: " + e.getMessage());
        assertTrue(e.getMessage().contains("<passphrase>"), e.getMessage());
        assertTrue(e.getMessage().startsWith("source 'lib' (" + url + "): "), e.getMessage());
        assertFalse(e.getMessage().contains("attempts"), "not retried: " + e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(wrong), "passphrase in " + t);
        }
        assertFalse(log.text().contains(wrong), log.text());
    }

    @Test
    void aKeyTheServerDoesNotAcceptFailsAtOnce() throws Exception {
        knownHosts(server.knownHostsLine("127.0.0.1"));
        Path other = SshGitServer.writeOtherKey(tmp.resolve("keys/other"), PASSPHRASE);
        String url = "ssh://git@127.0.0.1:" + port + "/repo.git";
        DistributionException e = assertThrows(DistributionException.class,
                () -> cache().fetch(new Source("lib", url), false, new GitCredentials("git-ssh", null, null, other, PASSPHRASE)));
        System.out.println("key not accepted: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("source 'lib' (" + url + "): "), e.getMessage());
        assertFalse(e.getMessage().contains("attempts"), "not retried: " + e.getMessage());
    }

    @Test
    void aMissingKeyFileIsNamedBeforeAnyConnection() {
        Path missing = tmp.resolve("keys/none");
        DistributionException e = assertThrows(DistributionException.class, () -> cache().fetch(
                new Source("lib", "ssh://git@127.0.0.1:" + port + "/repo.git"), false,
                new GitCredentials("git-ssh", null, null, missing, null)));
        assertEquals("source 'lib' (ssh://git@127.0.0.1:" + port + "/repo.git): the <privateKey> " + missing
                + " of <server> 'git-ssh' in settings.xml cannot be read", e.getMessage());
    }

    private static void assertAbsentFromCache(Path gitDir, String secret) throws Exception {
        try (Stream<Path> files = Files.walk(gitDir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(secret), "secret in " + f);
            }
        }
    }
}
