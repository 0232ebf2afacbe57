package org.mageos.distribution.core.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Release;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.GitCache;
import org.mageos.distribution.core.index.RepositoryIndex;
import org.mageos.distribution.core.serve.RepositoryServer;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;

/** The package step skips a run with nothing new whole, and runs again when any input or output changed. */
class PackageStepTest {

    @TempDir
    Path tmp;

    private TestRepository repo;
    private Path project;
    private Path cacheRoot;
    private Path output;
    private Instant timestamp = Instant.parse("2024-01-01T00:00:00Z");
    private RecordingLog log;
    private String publishedRepository;

    private static String module(String name, String version) {
        return "{\n    \"name\": \"" + name + "\",\n    \"version\": \"" + version + "\"\n}\n";
    }

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepository.create(tmp.resolve("repo"));
        repo.commit("a", Map.of("mods/A/composer.json", module("acme/a", "1.0.0"), "mods/A/a.php", "<?php\n",
                "mods/B/composer.json", module("acme/b", "1.0.0"), "mods/B/b.php", "<?php\n"));
        repo.tag("1.0.0");
        project = tmp.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), "<project/>\n");
        cacheRoot = tmp.resolve("cache");
        output = project.resolve("target/repository");
    }

    private Source source(Consumer<PackageRule> change) {
        Source source = new Source("shop", repo.dir().toString());
        PackageRule rule = new PackageRule("mods/*");
        change.accept(rule);
        source.setPackages(List.of(rule));
        return source;
    }

    private Distribution distribution(Source source) {
        return new Distribution(List.of(source)).setProjectDir(project).setNightlyDate(LocalDate.parse("2026-11-21"));
    }

    /** Fetches, then runs the package step; true when it planned and checked, false when it was up-to-date. */
    private boolean run(Distribution distribution) {
        new GitCache(cacheRoot, DistributionLog.SILENT).fetch(distribution.getSources().get(0), false);
        log = new RecordingLog();
        boolean ran = new PackageStep(log, cacheRoot, output, project.resolve("target/mage-os/build-manifest.json"))
                .timestamp(timestamp).threads(2).publishedRepository(publishedRepository).notInput(project.resolve("target"))
                .run(distribution);
        assertEquals(!ran, log.text().contains("Package up-to-date"), log.text());
        return ran;
    }

    private List<String> zips() throws Exception {
        try (Stream<Path> walk = Files.walk(output.resolve("dist"))) {
            return walk.filter(p -> p.toString().endsWith(".zip")).map(p -> output.relativize(p).toString()).sorted()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void aRunWithNothingNewOpensNoGitObject() throws Exception {
        Source source = source(rule -> { });
        assertTrue(run(distribution(source)));
        assertEquals(List.of("dist/acme/a/a-1.0.0.zip", "dist/acme/b/b-1.0.0.zip"), zips());
        assertFalse(run(distribution(source)));

        // with the cached repository's objects gone, only a run that reads nothing from git can pass
        Path objects = new GitCache(cacheRoot, DistributionLog.SILENT).repositoryDirectory(source).resolve("objects");
        Path away = objects.resolveSibling("objects-away");
        Files.move(objects, away);
        try {
            log = new RecordingLog();
            assertFalse(new PackageStep(log, cacheRoot, output, project.resolve("target/mage-os/build-manifest.json"))
                    .timestamp(timestamp).threads(2).notInput(project.resolve("target")).run(distribution(source)));
            // forced, it plans: and fails for want of the objects
            assertThrows(DistributionException.class, () -> new PackageStep(new RecordingLog(), cacheRoot, output,
                    project.resolve("target/mage-os/build-manifest.json")).timestamp(timestamp).force(true)
                    .notInput(project.resolve("target")).run(distribution(source)));
        } finally {
            Files.move(away, objects);
        }
    }

    @Test
    void everyInputAndOutputIsWatched() throws Exception {
        Source source = source(rule -> { });
        assertTrue(run(distribution(source)));
        assertFalse(run(distribution(source)));

        // a new tag upstream, fetched into the cache
        repo.commit("b", Map.of("mods/A/composer.json", module("acme/a", "1.0.1")));
        repo.tag("1.0.1");
        assertTrue(run(distribution(source)));
        assertTrue(zips().contains("dist/acme/a/a-1.0.1.zip"), zips().toString());
        assertFalse(run(distribution(source)));

        // a tag moved upstream
        repo.commit("c", Map.of("mods/B/b.php", "<?php // changed\n"));
        repo.git().tag().setName("1.0.1").setAnnotated(false).setForceUpdate(true).call();
        assertTrue(run(distribution(source)));
        assertFalse(run(distribution(source)));

        // any setting of the configuration: here a rule's excludes
        Source excluding = source(rule -> rule.setExcludes(List.of("b.php")));
        assertTrue(run(distribution(excluding)));
        assertFalse(run(distribution(excluding)));

        // the nightly date
        assertTrue(run(distribution(excluding).setNightlyDate(LocalDate.parse("2026-11-22"))));

        // a file of the project: same size, other content
        Files.writeString(project.resolve("pom.xml"), "<proJect/>\n");
        assertTrue(run(distribution(excluding)));
        assertFalse(run(distribution(excluding)));

        // a zip deleted from the output is put back
        Files.delete(output.resolve("dist/acme/a/a-1.0.0.zip"));
        assertTrue(run(distribution(excluding)));
        assertTrue(Files.isRegularFile(output.resolve("dist/acme/a/a-1.0.0.zip")));
        assertFalse(run(distribution(excluding)));

        // the build manifest deleted
        Files.delete(project.resolve("target/mage-os/build-manifest.json"));
        assertTrue(run(distribution(excluding)));
        assertTrue(Files.isRegularFile(project.resolve("target/mage-os/build-manifest.json")));

        // the entry timestamp
        timestamp = Instant.parse("2025-01-01T00:00:00Z");
        assertTrue(run(distribution(excluding)));
        assertFalse(run(distribution(excluding)));
    }

    @Test
    void aFileNamedOutsideTheProjectIsWatched() throws Exception {
        Path outside = tmp.resolve("shared/README.md");
        Files.createDirectories(outside.getParent());
        Files.writeString(outside, "one\n");
        Release release = new Release();
        release.setVersion("1.0.0");
        release.setTags(List.of(new Release.ReleaseTag("shop", "1.0.0")));
        Release.FileReplacement file = new Release.FileReplacement();
        file.setPackage("acme/a");
        file.setPath("README.md");
        file.setFrom("../shared/README.md");
        release.setFiles(List.of(file));
        Source source = source(rule -> { });
        assertTrue(run(distribution(source).setReleases(List.of(release))));
        assertFalse(run(distribution(source).setReleases(List.of(release))));
        Files.writeString(outside, "two\n");
        assertTrue(run(distribution(source).setReleases(List.of(release))));
    }

    @Test
    void aPublishedFolderIsWatchedAndAPublishedUrlIsReadEveryRun() throws Exception {
        Source source = source(rule -> { });
        assertTrue(run(distribution(source)));
        Path published = tmp.resolve("published");
        new RepositoryIndex(DistributionLog.SILENT).write(PackageManifest.read(project.resolve("target/mage-os/build-manifest.json")),
                published.toUri().toString(), published);

        publishedRepository = published.toString();
        assertTrue(run(distribution(source)));
        assertFalse(run(distribution(source)));
        Files.writeString(published.resolve("packages.json"), Files.readString(published.resolve("packages.json")) + " ");
        assertTrue(run(distribution(source)));
        assertFalse(run(distribution(source)));

        try (RepositoryServer server = RepositoryServer.start(published, 0, null, DistributionLog.SILENT)) {
            publishedRepository = server.url();
            assertTrue(run(distribution(source)));
            assertTrue(run(distribution(source)));
        }
    }

    @Test
    void theDescriptionOfTheConfigurationCoversEveryField() {
        String plain = PackageStamp.describe(distribution(source(rule -> { })));
        assertNotEquals(plain, PackageStamp.describe(distribution(source(rule -> rule.setEmptyFolders(List.of("x"))))));
        assertNotEquals(plain, PackageStamp.describe(distribution(source(rule -> rule.setBase(true)))));
        Source withServer = source(rule -> { });
        withServer.setServerId("corp");
        assertNotEquals(plain, PackageStamp.describe(distribution(withServer)));
        assertNotEquals(plain, PackageStamp.describe(distribution(source(rule -> { })).setRepositoryUrl("https://mirror.example.org/")));
        assertEquals(plain, PackageStamp.describe(distribution(source(rule -> { }))));
    }
}
