package org.mageos.distribution.core.publish;

import org.mageos.distribution.core.io.LocalFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.testing.RecordingLog;

/**
 * What every deploy target must do, run against a real server of each kind by the subclasses: upload only what
 * changed, in order, refuse to replace a dist, change nothing in a dry run, survive a server that dies half-way
 * without ever publishing metadata that points to a missing dist, and purge unreferenced dists.
 */
abstract class DeployScenarios {

    @TempDir
    Path tmp;

    /** A new connection to the target under test. */
    abstract DeployTarget target() throws Exception;

    /** The target as messages name it. */
    abstract String description();

    /** Where the server keeps the target's files on this machine. */
    abstract Path published();

    /** Makes the server fail from now on, as a crash would. */
    abstract void crash() throws Exception;

    /** Brings the server back over the same storage. */
    abstract void restart() throws Exception;

    /** True when the target keeps a deploy manifest beside the repository. */
    boolean keepsManifest() {
        return true;
    }

    static DeployOptions options() {
        DeployOptions options = new DeployOptions();
        options.threads = 3;
        options.retry = new org.mageos.distribution.core.io.RetryPolicy(1, java.time.Duration.ofMillis(20));
        options.lockRefreshMillis = 300;
        options.lockStaleMillis = 2000;
        options.lockSettleMillis = 500; // the default: S3Proxy checks If-None-Match before it writes, so two creates may both succeed; under load the later one lands long after 50 ms
        return options;
    }

    Deployer.Result deploy(Path built, DeployOptions options, DistributionLog log) throws Exception {
        try (DeployTarget target = target()) {
            return new Deployer(log, options).deploy(built, target);
        }
    }

    private Map<String, String> snapshot() throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        for (String f : BuiltRepository.files(published())) {
            all.put(f, new String(Files.readAllBytes(published().resolve(f)), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return all;
    }

    private void assertPublishedIs(Path built) throws IOException {
        List<String> expected = new ArrayList<>(BuiltRepository.files(built));
        List<String> actual = BuiltRepository.files(published());
        if (keepsManifest()) {
            expected.add(0, DeployManifest.PATH);
        }
        assertEquals(expected.stream().sorted().collect(Collectors.toList()), actual);
        for (String f : BuiltRepository.files(built)) {
            assertEquals(-1L, Files.mismatch(built.resolve(f), published().resolve(f)), f + " differs from the built one");
        }
    }

    @Test
    void uploadsOnlyWhatChangedInOrderDistsMetadataPackagesJson() throws Exception {
        Path v1 = BuiltRepository.write(tmp.resolve("v1"), 3, 0, 2, "one");
        RecordingLog log = new RecordingLog();
        Deployer.Result first = deploy(v1, options(), log);
        assertEquals(13, first.uploaded.size());
        assertPublishedIs(v1);
        long bytes = 0;
        for (String path : first.uploaded) {
            bytes += Files.size(v1.resolve(path));
        }
        assertEquals(bytes, first.uploadedBytes);
        // a summary at INFO, one line per file at DEBUG only
        assertTrue(log.lines.stream().anyMatch(l -> l.matches("INFO Deployed to " + java.util.regex.Pattern.quote(description())
                + ": 13 files uploaded \\([0-9.]+ KiB\\), 0 unchanged, in [0-9.]+ s")), log.text());
        assertEquals(13, log.lines.stream().filter(l -> l.startsWith("DEBUG uploaded ")).count(), log.text());
        assertTrue(log.lines.stream().noneMatch(l -> l.startsWith("INFO uploaded ")), log.text());

        RecordingLog againLog = new RecordingLog();
        Deployer.Result again = deploy(v1, options(), againLog);
        assertEquals(List.of(), again.uploaded);
        assertEquals(13, again.skipped.size());
        assertTrue(againLog.lines.stream().anyMatch(l -> l.matches("INFO Deployed to " + java.util.regex.Pattern.quote(description())
                + ": 0 files uploaded \\(0 B\\), 13 unchanged \\(13 same sha1 in the deploy manifest\\), in [0-9.]+ s")), againLog.text());

        Path v2 = BuiltRepository.write(tmp.resolve("v2"), 3, 0, 3, "two");
        RecordingLog log2 = new RecordingLog();
        Deployer.Result second = deploy(v2, options(), log2);
        assertEquals(List.of("dist/acme/p0/p0-1.0.3.zip", "dist/acme/p1/p1-1.0.3.zip", "dist/acme/p2/p2-1.0.3.zip",
                "p2/acme/p0.json", "p2/acme/p1.json", "p2/acme/p2.json", "packages.json"),
                second.uploaded.stream().sorted().collect(Collectors.toList()));
        assertEquals(9, second.skipped.size());
        assertPublishedIs(v2);

        // order: every dist before any metadata, packages.json last
        List<String> uploads = log2.lines.stream().filter(l -> l.startsWith("DEBUG uploaded ")).collect(Collectors.toList());
        int lastDist = -1;
        int firstMetadata = Integer.MAX_VALUE;
        for (int i = 0; i < uploads.size(); i++) {
            if (uploads.get(i).startsWith("DEBUG uploaded dist/")) {
                lastDist = i;
            } else {
                firstMetadata = Math.min(firstMetadata, i);
            }
        }
        assertTrue(lastDist < firstMetadata, "dists first: " + uploads);
        assertTrue(uploads.get(uploads.size() - 1).startsWith("DEBUG uploaded packages.json (changed"), "packages.json last: " + uploads);
        assertTrue(uploads.contains("DEBUG uploaded dist/acme/p1/p1-1.0.3.zip (missing on the target)"), uploads.toString());
    }

    @Test
    void refusesToReplaceAPublishedDistUnlessAllowed() throws Exception {
        Path v1 = BuiltRepository.write(tmp.resolve("v1"), 2, 0, 1, "one");
        deploy(v1, options(), new RecordingLog());
        Map<String, String> before = snapshot();

        Path v2 = BuiltRepository.write(tmp.resolve("v2"), 2, 0, 2, "two");
        BuiltRepository.write(v2.resolve("dist/acme/p1/p1-1.0.1.zip"), "rebuilt with other bytes");
        DistributionException e = assertThrows(DistributionException.class, () -> deploy(v2, options(), new RecordingLog()));
        assertTrue(e.getMessage().contains("already published with other bytes: dist/acme/p1/p1-1.0.1.zip"), e.getMessage());
        assertTrue(e.getMessage().startsWith("Deploy to " + description()), e.getMessage());
        assertEquals(before, snapshot(), "nothing may be uploaded when a dist is refused");

        DeployOptions force = options();
        force.allowDistOverwrite = true;
        RecordingLog log = new RecordingLog();
        deploy(v2, force, log);
        assertPublishedIs(v2);
        assertTrue(log.lines.contains("WARN replacing dist/acme/p1/p1-1.0.1.zip, published with other bytes (allowDistOverwrite)"), log.lines.toString());
    }

    @Test
    void dryRunListsEveryActionAndChangesNothing() throws Exception {
        Path v1 = BuiltRepository.write(tmp.resolve("v1"), 2, 0, 1, "one");
        deploy(v1, options(), new RecordingLog());
        Map<String, String> before = snapshot();

        Path v2 = BuiltRepository.write(tmp.resolve("v2"), 2, 0, 2, "two");
        DeployOptions dry = options();
        dry.dryRun = true;
        RecordingLog log = new RecordingLog();
        Deployer.Result result = deploy(v2, dry, log);
        assertEquals(before, snapshot());
        assertEquals(5, result.uploaded.size());
        assertTrue(log.lines.contains("INFO would upload dist/acme/p0/p0-1.0.2.zip (missing on the target)"), log.lines.toString());
        assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("INFO would upload packages.json (changed")), log.lines.toString());
        assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("INFO skipped dist/acme/p0/p0-1.0.0.zip (same")), log.lines.toString());
    }

    @Test
    void aDeployKilledHalfWayNeverBreaksTheIndexAndTheNextOneFinishes() throws Exception {
        Path v1 = BuiltRepository.write(tmp.resolve("v1"), 4, 0, 1, "one");
        deploy(v1, options(), new RecordingLog());
        Path v2 = BuiltRepository.write(tmp.resolve("v2"), 4, 0, 15, "two");

        // watch the published files while the deploy runs, and check the invariant all along
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean done = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                try {
                    violations.addAll(BuiltRepository.brokenReferences(published(), v2));
                } catch (JsonProcessingException | java.nio.file.NoSuchFileException partial) {
                    // a file being replaced under our feet: look again
                } catch (IOException e) {
                    violations.add("watcher failed: " + e);
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        // the server crashes right after the 12th upload of this deploy
        AtomicBoolean crashed = new AtomicBoolean();
        DistributionException e;
        try (DeployTarget real = target()) {
            DeployTarget crashing = new CrashingTarget(real, 12, () -> {
                crash();
                crashed.set(true);
            });
            e = assertThrows(DistributionException.class, () -> new Deployer(new RecordingLog(), options()).deploy(v2, crashing));
        } finally {
            done.set(true);
            watcher.join();
        }
        assertTrue(crashed.get());
        assertTrue(e.getMessage().startsWith("Deploy to " + description()), e.getMessage());
        assertEquals(List.of(), violations);
        assertEquals(List.of(), BuiltRepository.brokenReferences(published(), v2));
        assertEquals("one", Json.MAPPER.readTree(published().resolve("packages.json").toFile()).path("flavour").asText(),
                "packages.json is the old one until every dist and p2 file is up");
        assertFalse(BuiltRepository.files(published()).containsAll(BuiltRepository.files(v2)), "the crash left the deploy unfinished");

        restart();
        RecordingLog log = new RecordingLog();
        Deployer.Result resumed = deploy(v2, options(), log);
        assertPublishedIs(v2);
        assertTrue(resumed.skipped.size() > 8, "what the killed deploy uploaded is not uploaded again: " + resumed.skipped);
    }


    /** A target whose server is crashed (for real) once a given number of uploads went through it. */
    static final class CrashingTarget implements DeployTarget {
        interface Crash {
            void run() throws Exception;
        }

        private final DeployTarget target;
        private final java.util.concurrent.atomic.AtomicInteger uploads = new java.util.concurrent.atomic.AtomicInteger();
        private final int after;
        private final Crash crash;

        CrashingTarget(DeployTarget target, int after, Crash crash) {
            this.target = target;
            this.after = after;
            this.crash = crash;
        }

        @Override
        public String describe() {
            return target.describe();
        }

        @Override
        public Map<String, RemoteFile> list() throws IOException {
            return target.list();
        }

        @Override
        public java.io.InputStream open(String path) throws IOException {
            return target.open(path);
        }

        @Override
        public void put(String path, LocalFile file) throws IOException {
            target.put(path, file);
            counted();
        }

        private void counted() {
            if (uploads.incrementAndGet() == after) {
                try {
                    crash.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public void delete(String path) throws IOException {
            target.delete(path);
        }

        @Override
        public boolean create(String path, LocalFile file) throws IOException {
            boolean created = target.create(path, file);
            counted();
            return created;
        }

        @Override
        public void replace(String path, LocalFile file, RemoteFile seen) throws IOException {
            target.replace(path, file, seen);
            counted();
        }

        @Override
        public Stored read(String path) throws IOException {
            return target.read(path);
        }

        @Override
        public DeployLock lock(DeployLock.Owner owner, DeployOptions options, DistributionLog log) throws IOException {
            return target.lock(owner, options, log);
        }

        @Override
        public boolean replaceIfUnchanged(String path, LocalFile file, Stored seen) throws IOException {
            return target.replaceIfUnchanged(path, file, seen);
        }

        @Override
        public void sync() throws IOException {
            target.sync();
        }

        @Override
        public boolean remote() {
            return target.remote();
        }
    }

    @Test
    void aSecondDeployWaitsForTheLockThenFailsClearlyAndALockLeftByADeadDeployIsTakenOver() throws Exception {
        Path v1 = BuiltRepository.write(tmp.resolve("v1"), 2, 0, 1, "one");
        DeployOptions impatient = options();
        impatient.lockWaitSeconds = 3; // longer than lockStaleMillis: the holder's refreshes keep its lock alive
        try (DeployTarget holder = target(); DeployLock held = holder.lock(new DeployLock.Owner("another job"), options(), new RecordingLog())) {
            RecordingLog log = new RecordingLog();
            DistributionException e = assertThrows(DistributionException.class, () -> deploy(v1, impatient, log));
            assertTrue(e.getMessage().startsWith("Deploy to " + description() + " refused: another deploy holds its lock (another job since "),
                    e.getMessage());
            assertFalse(Files.exists(published().resolve("packages.json")));
            held.check(); // still ours
        }
        // a deploy that died holding the lock: its lock file stays, no longer refreshed
        try (DeployTarget t = target()) {
            Path lockFile = Files.write(tmp.resolve("dead.lock"), new DeployLock.Owner("a dead job").content(0));
            assertTrue(t.create(DeployLock.PATH, LocalFile.read(DeployLock.PATH, lockFile)));
        }
        RecordingLog log = new RecordingLog();
        deploy(v1, options(), log);
        assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("WARN Took over the deploy lock of " + description() + " from a dead job since ")),
                log.text());
        assertPublishedIs(v1);
        assertFalse(Files.exists(published().resolve(DeployLock.PATH)), "released");
    }

    @Test
    void twoDeploysRacingLoseNoVersionAndReplaceNoDist() throws Exception {
        Path a = RenderedRepository.write(tmp.resolve("a"), Map.of("acme/a", List.of("1.0.0", "1.1.0"), "acme/b", List.of("1.0.0")), "one");
        Path b = RenderedRepository.write(tmp.resolve("b"), Map.of("acme/a", List.of("1.1.0", "1.2.0"), "acme/c", List.of("1.0.0")), "one");
        assertEquals(List.of(), DeployIntegrityTest.race(List.of(a, b), this::target, options()));
        Map<String, java.util.TreeSet<String>> expected = new java.util.TreeMap<>(Map.of("acme/a", new java.util.TreeSet<>(List.of("1.0.0", "1.1.0", "1.2.0")),
                "acme/b", new java.util.TreeSet<>(List.of("1.0.0")), "acme/c", new java.util.TreeSet<>(List.of("1.0.0"))));
        assertEquals(expected, RenderedRepository.check(published()));

        Path c = RenderedRepository.write(tmp.resolve("c"), Map.of("acme/d", List.of("1.0.0")), "two");
        Path d = RenderedRepository.write(tmp.resolve("d"), Map.of("acme/d", List.of("1.0.0")), "three");
        List<String> failures = DeployIntegrityTest.race(List.of(c, d), this::target, options());
        assertEquals(1, failures.size(), failures.toString());
        expected.put("acme/d", new java.util.TreeSet<>(List.of("1.0.0")));
        assertEquals(expected, RenderedRepository.check(published()), "the dist has the sha1 its metadata publishes");
    }

    @Test
    void purgeDeletesOnlyDistsTheTargetsIndexNoLongerReferencesAfterADryRun() throws Exception {
        // a target without an index: nothing tells which dists are referenced
        try (DeployTarget target = target()) {
            DistributionException e = assertThrows(DistributionException.class, () -> new Purger(new RecordingLog(), options()).purge(target));
            assertTrue(e.getMessage().contains("has no packages.json"), e.getMessage());
        }
        Path v1 = BuiltRepository.write(tmp.resolve("v1"), 2, 0, 2, "one");
        deploy(v1, options(), new RecordingLog());
        Path v2 = BuiltRepository.write(tmp.resolve("v2"), 2, 1, 3, "two");
        // a version the target lists leaves its index only on purpose: acme/p1 1.0.0, which v2 lacks, stays (merged)
        DeployOptions removing = options();
        removing.retention.removeVersions = List.of("acme/p0:1.0.0");
        Deployer.Result result = deploy(v2, removing, new RecordingLog());
        assertTrue(BuiltRepository.files(published()).contains("dist/acme/p0/p0-1.0.0.zip"), "deploy never deletes a dist");
        assertFalse(result.uploaded.contains("dist/acme/p0/p0-1.0.0.zip"));
        String keptMetadata = Files.readString(published().resolve("p2/acme/p1.json"));
        assertTrue(keptMetadata.contains("p1-1.0.0.zip"), keptMetadata);

        DeployOptions dry = options();
        dry.dryRun = true;
        RecordingLog log = new RecordingLog();
        List<String> wouldDelete;
        try (DeployTarget target = target()) {
            wouldDelete = new Purger(log, dry).purge(target);
        }
        // the target's own index is read: the build v2 references neither p0 1.0.0 nor p1 1.0.0, the target p1 1.0.0
        assertEquals(List.of("dist/acme/p0/p0-1.0.0.zip"), wouldDelete);
        assertTrue(log.lines.contains("INFO would delete dist/acme/p0/p0-1.0.0.zip (no version references it)"), log.lines.toString());
        assertTrue(BuiltRepository.files(published()).contains("dist/acme/p0/p0-1.0.0.zip"), "a dry run deletes nothing");

        try (DeployTarget target = target()) {
            assertEquals(wouldDelete, new Purger(new RecordingLog(), options()).purge(target));
        }
        assertFalse(BuiltRepository.files(published()).contains("dist/acme/p0/p0-1.0.0.zip"));
        assertTrue(BuiltRepository.files(published()).contains("dist/acme/p1/p1-1.0.0.zip"), "merged in, still referenced");
        assertTrue(BuiltRepository.files(published()).contains("dist/acme/p0/p0-1.0.1.zip"));
        assertEquals(List.of(), BuiltRepository.brokenReferences(published(), v2));
    }
}
