package org.mageos.distribution.core.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.testing.PackageMain;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;

/**
 * {@code package} killed (-9) at random points, forced or not, then run as usual: every dist that any metadata lists
 * is there with the sha1 the metadata records.
 */
@Timeout(600)
class PackageKillTest {

    private static final int PACKAGES = 20;
    private static final int ROUNDS = 6;

    @TempDir
    Path tmp;

    @Test
    void aRunAfterPackageRunsKilledAtRandomPointsLeavesEveryListedDistWithItsSha1() throws Exception {
        Path cache = tmp.resolve("cache");
        Path project = tmp.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), "<project/>\n");
        String url;
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            for (int tag = 0; tag < 3; tag++) {
                Map<String, String> files = new HashMap<>();
                for (int p = 0; p < PACKAGES; p++) {
                    files.put("mods/M" + p + "/composer.json", "{\"name\": \"acme/m" + p + "\", \"version\": \"1." + tag + ".0\"}\n");
                    for (int f = 0; f < 10; f++) {
                        files.put("mods/M" + p + "/src/F" + f + ".php", "<?php // " + p + " " + f + " " + tag + " " + "x".repeat(3000) + "\n");
                    }
                }
                repo.commit("tag " + tag, files);
                repo.tag("1." + tag + ".0");
            }
            url = repo.dir().toString();
        }
        Instant usual = Instant.parse("2024-01-01T00:00:00Z");
        Random random = new Random(15);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a complete build first: the killed runs then find zips and metadata to keep, check or replace
        PackageMain.build(cache, project, url, false, usual, new RecordingLog());
        StringBuilder rounds = new StringBuilder();
        for (int round = 0; round < ROUNDS; round++) {
            boolean force = round % 2 == 1;
            // a forced run with another entry time rewrites every zip with other bytes
            Instant time = force ? usual.plusSeconds(86400L * round) : usual;
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PackageMain.class.getName(),
                    cache.toString(), project.toString(), url, String.valueOf(force), time.toString())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("child-" + round + ".log").toFile()).start();
            // killed at a random point once the plan is made: while zips and metadata are written (a killed fetch is tested on its own)
            Path childLog = tmp.resolve("child-" + round + ".log");
            long started = System.nanoTime();
            while (child.isAlive() && !Files.readString(childLog).contains("package versions") && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(120)) {
                Thread.sleep(10);
            }
            long delay = random.nextInt(1200);
            boolean finished = child.waitFor(delay, TimeUnit.MILLISECONDS);
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            List<String> lines = Files.readAllLines(childLog);
            rounds.append(round).append(force ? " forced" : "").append(finished ? " finished" : " killed after " + delay + " ms")
                    .append(", last words: ").append(lines.isEmpty() ? "" : lines.get(lines.size() - 1)).append('\n');
        }
        RecordingLog log = new RecordingLog();
        PackageMain.build(cache, project, url, false, usual, log);
        KeptZipIntegrityTest.assertEveryDistHasItsSha1(project.resolve("target/repository"));
        assertTrue(rounds.indexOf("killed") >= 0, "some runs were killed:\n" + rounds);
        System.out.println(rounds);
    }
}
