package org.mageos.distribution.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.io.Progress;
import org.mageos.distribution.core.io.RetryPolicy;
import org.mageos.distribution.core.testing.GitHttpServer;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;
import org.mageos.distribution.core.testing.Tools;

/** A fetch's progress lines: JGit's tasks over smart HTTP as the build log shows them, at most one per interval. */
@Timeout(60)
class FetchProgressTest {

    @TempDir
    Path tmp;

    @Test
    void aFetchOverHttpReportsTheObjectsReceivedOfTheirTotalAndTheBytes() throws Exception {
        Tools.require(GitHttpServer.available(), "git http-backend");
        long objects;
        try (TestRepository origin = TestRepository.create(tmp.resolve("origin"))) {
            Random random = new Random(7);
            Map<String, String> files = new HashMap<>();
            for (int i = 0; i < 40; i++) {
                byte[] noise = new byte[4096];
                random.nextBytes(noise);
                files.put("src/File" + i + ".php", java.util.HexFormat.of().formatHex(noise));
            }
            files.put("composer.json", "{\"name\": \"acme/lib\"}");
            origin.commit("a", files);
            origin.tag("1.0.0");
            Git.cloneRepository().setBare(true).setURI(origin.dir().toUri().toString())
                    .setGitDir(tmp.resolve("served/repo.git").toFile()).call().close();
            // what the pack holds: the tag's commit, its trees and blobs
            try (ObjectWalk walk = new ObjectWalk(origin.git().getRepository())) {
                walk.markStart(walk.parseCommit(origin.git().getRepository().resolve("refs/tags/1.0.0^{commit}")));
                long count = 0;
                while (walk.next() != null) {
                    count++;
                }
                while (walk.nextObject() != null) {
                    count++;
                }
                objects = count;
            }
        }
        RecordingLog log = new RecordingLog();
        try (GitHttpServer server = new GitHttpServer(tmp.resolve("served"), tmp.resolve("server-home"), List.of())) {
            new GitCache(tmp.resolve("cache"), log, RetryPolicy.DEFAULT, null).withProgressEvery(Duration.ZERO)
                    .fetch(new Source("lib", server.url("repo.git")), false, null);
        }
        List<String> receiving = log.lines.stream().filter(l -> l.startsWith("INFO lib: receiving objects ")).collect(Collectors.toList());
        assertTrue(!receiving.isEmpty(), log.text());
        Matcher last = Pattern.compile("INFO lib: receiving objects (\\d+) of (\\d+) \\((\\d+)%\\), ([\\d.]+) (B|KiB) received")
                .matcher(receiving.get(receiving.size() - 1));
        assertTrue(last.matches(), receiving.toString());
        assertEquals(objects, Long.parseLong(last.group(2)), "the pack's objects: " + receiving);
        assertEquals(last.group(2), last.group(1));
        assertEquals("100", last.group(3));
        // 40 files of 8 KiB of hex noise compress to more than 4 KiB each
        assertTrue(last.group(5).equals("KiB") && Double.parseDouble(last.group(4)) > 40 * 4, last.group());
        assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("INFO lib: server: ")), "the server's own tasks: " + log.text());
    }

    @Test
    void oneLinePerIntervalAndNoneWithinTheFirst() {
        AtomicLong now = new AtomicLong(1_000);
        RecordingLog log = new RecordingLog();
        FetchProgress progress = new FetchProgress(log, "magento2", new Progress(Duration.ofSeconds(5), now::get), tmp.resolve("absent.git"));
        progress.beginTask("Receiving objects", 1000);
        progress.update(100);
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        progress.update(100);
        assertEquals(List.of(), log.lines, "nothing within the first interval");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        progress.update(100);
        progress.update(100);
        assertEquals(List.of("INFO magento2: receiving objects 300 of 1000 (30%)"), log.lines);
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        progress.beginTask("Resolving deltas", 0);
        progress.update(7);
        assertEquals(List.of("INFO magento2: receiving objects 300 of 1000 (30%)", "INFO magento2: resolving deltas 0"), log.lines);
    }
}
