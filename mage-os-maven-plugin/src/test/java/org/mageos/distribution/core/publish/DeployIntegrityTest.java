package org.mageos.distribution.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.testing.RecordingLog;

/**
 * The index on a folder target only grows unless a version is removed on purpose, whatever the build deployed holds
 * and however deploys overlap or die: merges at deploy time, refusals, two deploys racing, a deploy killed at random.
 */
class DeployIntegrityTest {

    @TempDir
    Path tmp;

    private static DeployOptions options() {
        DeployOptions options = new DeployOptions();
        options.threads = 3;
        options.retries(0);
        return options;
    }

    private static Deployer.Result deploy(Path built, Path target, DeployOptions options, RecordingLog log) {
        return new Deployer(log, options).deploy(built, new DirectoryTarget(target));
    }

    private static Map<String, TreeSet<String>> versions(String... nameThenVersions) {
        Map<String, TreeSet<String>> map = new java.util.TreeMap<>();
        for (String s : nameThenVersions) {
            String[] parts = s.split(" ");
            map.computeIfAbsent(parts[0], k -> new TreeSet<>()).add(parts[1]);
        }
        return map;
    }

    @Test
    void aBuildThatSelectedNothingKeepsEveryPublishedVersion() throws Exception {
        Path target = tmp.resolve("published");
        deploy(RenderedRepository.write(tmp.resolve("a"), Map.of("acme/a", List.of("1.0.0", "1.1.0"), "acme/b", List.of("2.0.0")), "one"),
                target, options(), new RecordingLog());
        // a <tags> that selects nothing: an index without a package
        Path empty = RenderedRepository.write(tmp.resolve("empty"), Map.of(), "one");
        RecordingLog log = new RecordingLog();
        deploy(empty, target, options(), log);
        assertEquals(versions("acme/a 1.0.0", "acme/a 1.1.0", "acme/b 2.0.0"), RenderedRepository.check(target));
        assertTrue(log.text().contains("lists 3 version(s) this build does not: kept in the index deployed"), log.text());
    }

    @Test
    void twoReleaseJobsDeployedOneAfterTheOtherKeepEachOthersVersions() throws Exception {
        Path target = tmp.resolve("published");
        Path first = RenderedRepository.write(tmp.resolve("first"), Map.of("acme/a", List.of("1.0.0"), "acme/b", List.of("1.0.0")), "one");
        Path second = RenderedRepository.write(tmp.resolve("second"), Map.of("acme/a", List.of("1.1.0"), "acme/c", List.of("1.0.0")), "one");
        deploy(first, target, options(), new RecordingLog());
        deploy(second, target, options(), new RecordingLog());
        Map<String, TreeSet<String>> both = versions("acme/a 1.0.0", "acme/a 1.1.0", "acme/b 1.0.0", "acme/c 1.0.0");
        assertEquals(both, RenderedRepository.check(target));
        String index = Files.readString(target.resolve("index.html"));
        assertTrue(index.contains("acme/b") && index.contains("acme/c"), "index.html shows the merged index");

        // the same two deploys again change nothing: the merge renders what the target holds, to the byte
        assertEquals(List.of(), deploy(second, target, options(), new RecordingLog()).uploaded);
        assertEquals(List.of(), deploy(first, target, options(), new RecordingLog()).uploaded);
        assertEquals(both, RenderedRepository.check(target));
        try (var includes = Files.list(target.resolve("include"))) {
            assertTrue(includes.count() >= 1);
        }

        // a version leaves the index on purpose only
        DeployOptions removing = options();
        removing.retention.removeVersions = List.of("acme/b:1.0.0");
        RecordingLog log = new RecordingLog();
        deploy(second, target, removing, log);
        assertEquals(versions("acme/a 1.0.0", "acme/a 1.1.0", "acme/c 1.0.0"), RenderedRepository.check(target));
        assertTrue(log.lines.contains("INFO Removing acme/b 1.0.0 from the index of " + target + " (<removeVersions>)"), log.text());
        assertTrue(Files.isRegularFile(target.resolve("dist/acme/b/b-1.0.0.zip")), "its zip stays until purge");
    }

    @Test
    void theIndexMergedAtDeployTimeCarriesTheAdvisoriesAndAbandonedMarksOfTheBuild() throws Exception {
        Path target = tmp.resolve("published");
        deploy(RenderedRepository.write(tmp.resolve("first"), Map.of("acme/a", List.of("1.0.0"), "acme/b", List.of("1.0.0")), "one"),
                target, options(), new RecordingLog());
        DeployOptions options = options();
        options.retention.advisories = org.mageos.distribution.core.advisory.SecurityAdvisories.of("advisories", List.of(
                org.mageos.distribution.core.advisory.AdvisoryFormat.parse("acme/a/2024-01-01.yaml", ("title: t\nlink: https://example.org/a\n"
                        + "branches: {\"1.0\": {time: ~, versions: ['<1.1.0']}}\nreference: composer://acme/a\n").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8), "advisories")));
        options.retention.abandoned = Map.of("acme/b", "acme/a");
        // the second build has acme/a 1.1.0 only: acme/a 1.0.0 and acme/b come from the target
        deploy(RenderedRepository.write(tmp.resolve("second"), Map.of("acme/a", List.of("1.1.0")), "one"), target, options, new RecordingLog());
        assertEquals(versions("acme/a 1.0.0", "acme/a 1.1.0", "acme/b 1.0.0"), RenderedRepository.check(target));
        com.fasterxml.jackson.databind.JsonNode a = org.mageos.distribution.core.io.Json.MAPPER.readTree(target.resolve("p2/acme/a.json").toFile());
        assertEquals("<1.1.0", a.get("security-advisories").get(0).path("affectedVersions").asText());
        com.fasterxml.jackson.databind.JsonNode b = org.mageos.distribution.core.io.Json.MAPPER.readTree(target.resolve("p2/acme/b.json").toFile());
        assertEquals("acme/a", b.get("packages").get("acme/b").get(0).path("abandoned").asText());
        assertTrue(Files.readString(target.resolve("packages.json")).contains("\"security-advisories\""));
    }

    @Test
    void aTagBesideAPublishedOneOfTheSameVersionIsRefusedNamingBoth() throws Exception {
        Path target = tmp.resolve("published");
        deploy(RenderedRepository.write(tmp.resolve("v"), Map.of("acme/a", List.of("v1.0.0")), "one"), target, options(), new RecordingLog());
        byte[] before = Files.readAllBytes(target.resolve("p2/acme/a.json"));

        Path plain = RenderedRepository.write(tmp.resolve("plain"), Map.of("acme/a", List.of("1.0.0")), "other");
        DistributionException e = assertThrows(DistributionException.class, () -> deploy(plain, target, options(), new RecordingLog()));
        assertTrue(e.getMessage().contains("acme/a: v1.0.0 published (sha1 "), e.getMessage());
        assertTrue(e.getMessage().contains("), 1.0.0 in this build (sha1 "), e.getMessage());
        assertTrue(e.getMessage().contains("<republishVersions>"), e.getMessage());
        assertTrue(e.getMessage().startsWith("Deploy to " + target + " refused, nothing was uploaded"), e.getMessage());
        assertEquals(-1, java.util.Arrays.mismatch(before, Files.readAllBytes(target.resolve("p2/acme/a.json"))));
        assertFalse(Files.exists(target.resolve("dist/acme/a/a-1.0.0.zip")), "nothing uploaded");

        DeployOptions republish = options();
        republish.retention.republishVersions = List.of("acme/a:1.0.0");
        deploy(plain, target, republish, new RecordingLog());
        assertEquals(versions("acme/a 1.0.0"), RenderedRepository.check(target));
    }

    @Test
    void temporaryFilesOfAKilledWriteAreNotDeployed() throws Exception {
        Path built = RenderedRepository.write(tmp.resolve("built"), Map.of("acme/a", List.of("1.0.0")), "one");
        Files.write(built.resolve("dist/acme/a/.a-1.0.0.zip.5f3a9c.tmp"), new byte[] {1, 2});
        Files.write(built.resolve("p2/acme/.a.json.77.tmp"), new byte[] {3});
        Path target = tmp.resolve("published");
        deploy(built, target, options(), new RecordingLog());
        assertEquals(List.of(), BuiltRepository.files(target).stream().filter(f -> f.endsWith(".tmp")).toList());
        try (var all = Files.walk(target)) {
            assertEquals(List.of(), all.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void aProjectFolderAndMetadataPointingToTheBuildFolderAreRefused() throws Exception {
        Path project = RenderedRepository.write(tmp.resolve("project"), Map.of("acme/a", List.of("1.0.0")), "one");
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        Files.createDirectories(project.resolve("target"));
        Path target = tmp.resolve("published");
        DistributionException e = assertThrows(DistributionException.class, () -> deploy(project, target, options(), new RecordingLog()));
        assertTrue(e.getMessage().contains("holds pom.xml, target, which a built repository never does"), e.getMessage());
        assertTrue(e.getMessage().contains("mage-os.outputDirectory"), e.getMessage());
        assertFalse(Files.exists(target.resolve("packages.json")));

        // no <repositoryUrl>: the metadata sends clients to the build's own folder
        Path built = tmp.resolve("repository");
        Files.createDirectories(built);
        Path local = RenderedRepository.write(tmp.resolve("local"), Map.of("acme/a", List.of("1.0.0")), "one");
        try (var files = Files.walk(local)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path to = built.resolve(local.relativize(f).toString());
                Files.createDirectories(to.getParent());
                byte[] bytes = Files.readAllBytes(f);
                if (f.getFileName().toString().endsWith(".json")) {
                    bytes = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).replace(RenderedRepository.BASE, built.toUri().toString())
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                Files.write(to, bytes);
            }
        }
        e = assertThrows(DistributionException.class, () -> deploy(built, target, options(), new RecordingLog()));
        assertTrue(e.getMessage().contains("the build's own folder (no <repositoryUrl> was set)"), e.getMessage());
        assertFalse(Files.exists(target.resolve("packages.json")));
    }

    @Test
    void twoDeploysRacingOnOneFolderLoseNoVersionAndReplaceNoDist() throws Exception {
        for (int round = 0; round < 4; round++) {
            Path target = tmp.resolve("published" + round);
            // overlapping builds with the same bytes for the versions they share, and one version with other bytes
            Path a = RenderedRepository.write(tmp.resolve("a" + round), Map.of("acme/a", List.of("1.0.0", "1.1.0"), "acme/b", List.of("1.0.0")), "one");
            Path b = RenderedRepository.write(tmp.resolve("b" + round), Map.of("acme/a", List.of("1.1.0", "1.2.0"), "acme/c", List.of("1.0.0")), "one");
            Path c = RenderedRepository.write(tmp.resolve("c" + round), Map.of("acme/d", List.of("1.0.0")), "two");
            Path d = RenderedRepository.write(tmp.resolve("d" + round), Map.of("acme/d", List.of("1.0.0")), "three");
            List<String> failures = race(List.of(a, b), target);
            assertEquals(List.of(), failures);
            assertEquals(versions("acme/a 1.0.0", "acme/a 1.1.0", "acme/a 1.2.0", "acme/b 1.0.0", "acme/c 1.0.0"), RenderedRepository.check(target));

            // one version with other bytes from each: one deploy wins, the other is refused, no dist replaced
            failures = race(List.of(c, d), target);
            assertEquals(1, failures.size(), failures.toString());
            assertTrue(failures.get(0).contains("acme/d: 1.0.0 published (sha1 ") || failures.get(0).contains("dist/acme/d/d-1.0.0.zip"),
                    failures.toString());
            // check: the dist there has the sha1 the metadata publishes, so it was not replaced after its metadata went up
            assertEquals(versions("acme/a 1.0.0", "acme/a 1.1.0", "acme/a 1.2.0", "acme/b 1.0.0", "acme/c 1.0.0", "acme/d 1.0.0"),
                    RenderedRepository.check(target));
        }
    }

    private static List<String> race(List<Path> builds, Path target) throws Exception {
        return race(builds, () -> new DirectoryTarget(target), options());
    }

    /** Opens a connection to the target raced on. */
    interface TargetFactory {
        DeployTarget open() throws Exception;
    }

    /** Runs the deploys at once, in threads, each with a connection of its own; returns the messages of those that failed. */
    static List<String> race(List<Path> builds, TargetFactory targets, DeployOptions options) throws Exception {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier start = new CyclicBarrier(builds.size());
        List<Thread> threads = new ArrayList<>();
        for (Path build : builds) {
            Thread t = new Thread(() -> {
                try (DeployTarget target = targets.open()) {
                    start.await();
                    new Deployer(new RecordingLog(), options).deploy(build, target);
                } catch (DistributionException e) {
                    failures.add(e.getMessage());
                } catch (Exception e) {
                    failures.add("unexpected: " + e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return failures;
    }

    @Test
    void aSecondDeployWaitsForTheLockOfTheFirstThenFailsClearly() throws Exception {
        Path target = tmp.resolve("published");
        Path built = RenderedRepository.write(tmp.resolve("a"), Map.of("acme/a", List.of("1.0.0")), "one");
        DeployOptions impatient = options();
        impatient.lockWaitSeconds = 1;
        try (DeployLock held = new DirectoryTarget(target).lock(new DeployLock.Owner("another job"), options(), new RecordingLog())) {
            RecordingLog log = new RecordingLog();
            DistributionException e = assertThrows(DistributionException.class, () -> deploy(built, target, impatient, log));
            assertTrue(e.getMessage().startsWith("Deploy to " + target + " refused: another deploy holds its lock"), e.getMessage());
            assertTrue(e.getMessage().contains("(another job since "), e.getMessage());
            assertTrue(log.text().contains("Waiting for the deploy lock"), log.text());
            assertFalse(Files.exists(target.resolve("packages.json")));
        }
        deploy(built, target, impatient, new RecordingLog());
        assertEquals(versions("acme/a 1.0.0"), RenderedRepository.check(target));
    }

    @Test
    void deploysKilledAtRandomPointsNeverPublishAMissingOrWrongDist() throws Exception {
        Path target = tmp.resolve("published");
        Random random = new Random(15);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Path> builds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Map<String, List<String>> versions = new java.util.TreeMap<>();
            for (int p = 0; p < 6; p++) {
                versions.put("acme/p" + p, List.of("1." + i + ".0", "1." + i + ".1"));
            }
            builds.add(RenderedRepository.write(tmp.resolve("build" + i), versions, "one"));
        }
        int killed = 0;
        for (int round = 0; round < 12; round++) {
            Path build = builds.get(round % builds.size());
            Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), DeployMain.class.getName(),
                    build.toString(), target.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("deploy" + round + ".log").toFile()).start();
            if (!p.waitFor(300 + random.nextInt(1200), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly(); // SIGKILL
                p.waitFor();
                killed++;
            }
            if (Files.isRegularFile(target.resolve("packages.json"))) {
                RenderedRepository.check(target, true); // at every point: what the metadata names is there, with its sha1
            }
        }
        assertTrue(killed > 0, "no deploy was killed: the test did not test anything");
        for (Path build : builds) {
            deploy(build, target, options(), new RecordingLog()); // the OS lock died with its process: nothing to wait for
        }
        Map<String, TreeSet<String>> all = RenderedRepository.check(target);
        assertEquals(6, all.size());
        all.values().forEach(v -> assertEquals(12, v.size(), all.toString()));
    }
}
