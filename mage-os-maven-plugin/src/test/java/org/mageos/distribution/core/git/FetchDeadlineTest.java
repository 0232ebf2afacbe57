package org.mageos.distribution.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.io.RetryPolicy;
import org.mageos.distribution.core.serve.RepositoryServer;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;

/** A fetch ends: a server that sends a byte now and then fails it at the deadline; a dumb HTTP server is read. */
@Timeout(120)
class FetchDeadlineTest {

    @TempDir
    Path tmp;

    @Test
    void aServerSendingAByteEverySecondFailsTheFetchAtItsDeadline() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread dribbler = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                        // a pkt-line of 65,000 bytes, one byte a second: every read succeeds well within its time-out
                        out.write("fde8".getBytes(StandardCharsets.US_ASCII));
                        for (int i = 0; i < 65000 && !server.isClosed(); i++) {
                            out.write('a');
                            out.flush();
                            Thread.sleep(1000);
                        }
                    } catch (Exception e) {
                        // the client hung up, or the test is over
                    }
                }
            });
            dribbler.setDaemon(true);
            dribbler.start();
            String url = "git://127.0.0.1:" + server.getLocalPort() + "/repo.git";
            GitCache cache = new GitCache(tmp.resolve("cache"), DistributionLog.SILENT, new RetryPolicy(0, Duration.ofMillis(10)), null)
                    .withDeadline(Duration.ofSeconds(4));
            long start = System.nanoTime();
            DistributionException e = assertThrows(DistributionException.class, () -> cache.fetch(new Source("slow", url), false));
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            System.out.println("slow server: " + e.getMessage());
            assertTrue(seconds < 15, "failed after " + seconds + " s");
            assertTrue(e.getMessage().startsWith("source 'slow' (" + url + "): "), e.getMessage());
            assertTrue(e.getMessage().contains("within 4 s (mage-os.fetch.timeout)"), e.getMessage());
        }
    }

    @Test
    void aDumbHttpServerIsFetchedFrom() throws Exception {
        try (TestRepository origin = TestRepository.create(tmp.resolve("origin"))) {
            origin.commit("a", Map.of("composer.json", "{\"name\": \"acme/lib\"}"));
            origin.tag("1.0.0");
            Path served = tmp.resolve("served/repo.git");
            Git.cloneRepository().setBare(true).setURI(origin.dir().toUri().toString()).setGitDir(served.toFile()).call().close();
            // what a dumb server needs: info/refs and objects/info/packs, as git update-server-info writes them
            new ProcessBuilder("git", "update-server-info").directory(served.toFile()).inheritIO().start().waitFor();
            // the folder the test server serves must look like a Composer repository
            java.nio.file.Files.writeString(tmp.resolve("served/packages.json"), "{\"packages\": []}\n");
            try (RepositoryServer server = RepositoryServer.start(tmp.resolve("served"), 0, null, DistributionLog.SILENT)) {
                String url = server.url() + "repo.git";
                RecordingLog log = new RecordingLog();
                GitCache cache = new GitCache(tmp.resolve("cache"), log, new RetryPolicy(0, Duration.ofMillis(10)), null);
                Source source = new Source("dumb", url);
                // JGit lists a dumb server's refs only into a local repository: it threw a NullPointerException without one
                assertEquals(1, cache.fetch(source, false).fetchedTags, log.text());
                try (Repository cached = cache.open(source)) {
                    assertNotNull(cached.exactRef("refs/tags/1.0.0"));
                }
                assertEquals(0, cache.fetch(source, false).fetchedTags);
            }
        }
    }
}
