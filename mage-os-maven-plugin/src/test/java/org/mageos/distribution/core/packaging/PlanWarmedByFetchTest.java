package org.mageos.distribution.core.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.ProjectSettings;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.FetchOptions;
import org.mageos.distribution.core.git.FetchStep;
import org.mageos.distribution.core.index.IndexOptions;
import org.mageos.distribution.core.index.IndexStep;
import org.mageos.distribution.core.plan.PlanCacheStep;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;

/**
 * The fetch goal starts the plan's tree walks of a source once its fetch is done (the fetch mojo's wiring:
 * {@code FetchOptions.whenFetched(PlanCacheStep::warm)}): the package goal's plan then finds every source in the plan
 * cache, and the repository is byte for byte the one a build without it makes.
 */
class PlanWarmedByFetchTest {

    @TempDir
    Path tmp;

    private final List<TestRepository> origins = new ArrayList<>();

    @BeforeEach
    void origins() throws Exception {
        for (String name : List.of("shop", "tools")) {
            TestRepository origin = TestRepository.create(tmp.resolve("origin-" + name));
            origins.add(origin);
            for (int t = 0; t < 3; t++) {
                origin.commit(name + " " + t, Map.of(
                        "mods/A/composer.json", module("acme/" + name + "-a", "1." + t + ".0"),
                        "mods/A/A.php", "<?php\n// " + t + "\n",
                        "mods/B/composer.json", module("acme/" + name + "-b", "1.0." + (t / 2)),
                        "mods/B/B.php", "<?php\n// " + (t / 2) + "\n"));
                origin.tag("1." + t + ".0");
            }
        }
        TestRepository single = TestRepository.create(tmp.resolve("origin-lib"));
        origins.add(single);
        for (int t = 0; t < 2; t++) {
            single.commit("lib " + t, Map.of("composer.json", "{\"name\": \"acme/lib\", \"description\": \"" + t + "\"}\n", "src/L.php",
                    "<?php\n// " + t + "\n"));
            single.tag("v2." + t + ".0");
        }
    }

    @AfterEach
    void close() {
        origins.forEach(TestRepository::close);
    }

    private static String module(String name, String version) {
        return "{\n    \"name\": \"" + name + "\",\n    \"version\": \"" + version + "\"\n}\n";
    }

    private List<Source> sources() {
        List<Source> sources = new ArrayList<>();
        for (String name : List.of("shop", "tools")) {
            Source source = new Source(name, tmp.resolve("origin-" + name).toString());
            source.setPackages(List.of(new PackageRule("mods/*")));
            sources.add(source);
        }
        sources.add(new Source("lib", tmp.resolve("origin-lib").toString()));
        return sources;
    }

    private ProjectSettings settings(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("project"));
        return new ProjectSettings(dir.resolve("project"), dir.resolve("cache"), dir.resolve("repository"), dir.resolve("work"),
                "https://example.org/repo", null, sources(), null, null, null, null, null, "nightly", null, null, false, null, false, false, null,
                null);
    }

    /** A fresh runner's fetch, package and index; the fetch warms the plan cache or not. */
    private RecordingLog build(ProjectSettings settings, boolean warm) {
        RecordingLog log = new RecordingLog();
        FetchOptions options = new FetchOptions().retries(0).threads(2);
        new FetchStep(log).run(settings, warm ? options.whenFetched(new PlanCacheStep(log)::warm) : options);
        log.lines.add("---- package");
        assertTrue(PackageStep.run(log, settings, 2, false, null));
        new IndexStep(log).run(settings, new IndexOptions());
        return log;
    }

    private static List<String> packageLines(RecordingLog log) {
        return log.lines.subList(log.lines.indexOf("---- package"), log.lines.size());
    }

    private static Map<String, byte[]> files(Path dir) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static long planFiles(Path cache) throws Exception {
        if (!Files.isDirectory(cache.resolve("plans"))) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(cache.resolve("plans"))) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void afterTheFetchThePackageGoalsPlanFindsEverySourceInThePlanCacheAndTheRepositoryIsTheSame() throws Exception {
        ProjectSettings warmed = settings(tmp.resolve("warmed"));
        RecordingLog log = build(warmed, true);
        List<String> packaging = packageLines(log);
        for (String source : List.of("shop", "tools")) {
            assertTrue(log.lines.contains("DEBUG " + source + ": package folders of 3 tags from the plan cache"), log.text());
            assertTrue(log.lines.subList(0, log.lines.indexOf("---- package")).stream()
                    .anyMatch(l -> l.startsWith("DEBUG " + source + ": package folders of its selected tags read into the plan cache in ")),
                    log.text());
        }
        assertTrue(packaging.contains("DEBUG lib: package folders of 2 tags from the plan cache"), log.text());
        assertEquals(3, planFiles(warmed.cache()));

        ProjectSettings plain = settings(tmp.resolve("plain"));
        RecordingLog without = build(plain, false);
        assertFalse(without.text().contains("from the plan cache"), without.text());
        assertEquals(3, planFiles(plain.cache()));

        Map<String, byte[]> a = files(warmed.repositoryDir());
        Map<String, byte[]> b = files(plain.repositoryDir());
        assertEquals(b.keySet(), a.keySet());
        assertTrue(a.keySet().stream().filter(f -> f.endsWith(".zip")).count() >= 8, a.keySet().toString());
        for (String f : a.keySet()) {
            assertArrayEquals(b.get(f), a.get(f), f);
        }
        // the plan files the warm wrote are the ones the package goal's own tree walks write
        assertEquals(files(plain.cache().resolve("plans")).keySet(), files(warmed.cache().resolve("plans")).keySet());
        Map<String, byte[]> plansA = files(warmed.cache().resolve("plans"));
        Map<String, byte[]> plansB = files(plain.cache().resolve("plans"));
        for (String f : plansA.keySet()) {
            assertArrayEquals(plansB.get(f), plansA.get(f), f);
        }

        // a second fetch finds the plans there: nothing is walked again
        RecordingLog again = new RecordingLog();
        new FetchStep(again).run(warmed, new FetchOptions().retries(0).threads(2).whenFetched(new PlanCacheStep(again)::warm));
        assertFalse(again.text().contains("read into the plan cache"), again.text());
    }

    @Test
    void offlineTheFetchStartsNoTreeWalk() throws Exception {
        ProjectSettings online = settings(tmp.resolve("offline"));
        new FetchStep(new RecordingLog()).run(online, new FetchOptions().retries(0));
        ProjectSettings offline = new ProjectSettings(online.projectDir(), online.cacheDirectory(), online.outputDirectory(),
                online.workDirectory(), online.repositoryUrl(), null, online.sources(), null, null, null, null, null, "nightly", null, null, true, null,
                false, false, null, null);
        RecordingLog log = new RecordingLog();
        new FetchStep(log).run(offline, new FetchOptions().retries(0).threads(2).whenFetched(new PlanCacheStep(log)::warm));
        assertEquals(0, planFiles(offline.cache()), log.text());
    }
}
