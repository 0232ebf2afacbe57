package org.mageos.distribution.core.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.GitCache;
import org.mageos.distribution.core.index.RepositoryIndex;
import org.mageos.distribution.core.published.RepositoryReader;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;

/**
 * A zip kept from the output, a published folder or the build cache is trusted only when its bytes have the sha1
 * its metadata records: tampered, truncated or half-rebuilt zips are built again, never published as they are.
 */
class KeptZipIntegrityTest {

    @TempDir
    Path tmp;

    private TestRepository repo;
    private Path project;
    private Path cacheRoot;
    private Path output;
    private Path manifest;
    private Instant timestamp = Instant.parse("2024-01-01T00:00:00Z");
    private boolean force;
    private RecordingLog log;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepository.create(tmp.resolve("repo"));
        repo.commit("a", Map.of("mods/A/composer.json", "{\"name\": \"acme/a\", \"version\": \"1.0.0\"}\n", "mods/A/a.php", "<?php // a\n",
                "mods/B/composer.json", "{\"name\": \"acme/b\", \"version\": \"1.0.0\"}\n", "mods/B/b.php", "<?php // b\n"));
        repo.tag("1.0.0");
        project = tmp.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), "<project/>\n");
        cacheRoot = tmp.resolve("cache");
        output = project.resolve("target/repository");
        manifest = project.resolve("target/mage-os/build-manifest.json");
    }

    private Distribution distribution() {
        Source source = new Source("shop", repo.dir().toString());
        source.setPackages(List.of(new PackageRule("mods/*")));
        return new Distribution(List.of(source)).setProjectDir(project).setNightlyDate(LocalDate.parse("2026-11-21"));
    }

    /** fetch, package and index, as mvn package runs them */
    private void build() {
        Distribution distribution = distribution();
        new GitCache(cacheRoot, DistributionLog.SILENT).fetch(distribution.getSources().get(0), false);
        log = new RecordingLog();
        new PackageStep(log, cacheRoot, output, manifest).timestamp(timestamp).threads(2).force(force)
                .notInput(project.resolve("target")).run(distribution);
        new RepositoryIndex(log).write(PackageManifest.read(manifest), "https://mirror.example.org/", output);
    }

    private Path zip(String name) {
        return output.resolve("dist/acme/" + name + "/" + name + "-1.0.0.zip");
    }

    /** Every dist the metadata lists is in the output with the sha1 the metadata records. */
    static void assertEveryDistHasItsSha1(Path repository) throws Exception {
        int dists = 0;
        for (Map.Entry<String, List<ObjectNode>> p : new RepositoryReader(repository.toString()).read().entrySet()) {
            for (ObjectNode v : p.getValue()) {
                String url = v.path("dist").path("url").asText("");
                if (url.isEmpty()) {
                    continue;
                }
                Path zip = repository.resolve(url.replaceFirst("^https?://[^/]+/", ""));
                assertTrue(Files.isRegularFile(zip), zip + " listed by the metadata of " + p.getKey());
                assertEquals(v.path("dist").path("shasum").asText(), sha1(zip), zip.toString());
                dists++;
            }
        }
        assertTrue(dists > 0, "the metadata lists dists");
    }

    private static String sha1(Path file) throws Exception {
        return org.apache.commons.codec.digest.DigestUtils.sha1Hex(Files.readAllBytes(file));
    }

    private List<Path> cachedZips() throws Exception {
        List<Path> zips = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(cacheRoot.resolve("builds/zips"))) {
            walk.filter(f -> f.toString().endsWith(".zip")).forEach(zips::add);
        }
        return zips;
    }

    /** Every file of a folder with its bytes' sha1. */
    private static Map<String, String> files(Path dir) throws Exception {
        Map<String, String> files = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(dir.relativize(f).toString(), sha1(f));
            }
        }
        return files;
    }

    @Test
    void theRunAfterAColdBuildRewritesNoMetadata() throws Exception {
        // key orders that differ from version to version: expanding the minified metadata gives other orders
        repo.commit("b", Map.of("mods/A/composer.json", "{\"name\": \"acme/a\", \"version\": \"1.1.0\", \"require\": {\"php\": \">=8.1\"},"
                + " \"type\": \"library\", \"description\": \"A\", \"license\": \"MIT\"}\n"));
        repo.tag("1.1.0");
        repo.commit("c", Map.of("mods/A/composer.json", "{\"license\": \"MIT\", \"name\": \"acme/a\", \"description\": \"A\", \"version\": \"1.2.0\","
                + " \"autoload\": {\"psr-4\": {\"A\\\\\": \"\"}}, \"type\": \"library\"}\n"));
        repo.tag("1.2.0");
        build();
        Map<String, String> cold = files(output);
        // what mvn package does next: the index wrote files, so the package step plans and keeps every version
        build();
        assertTrue(log.text().contains("up-to-date"), log.text());
        assertEquals(cold, files(output));
        build();
        assertEquals(cold, files(output));
    }

    @Test
    void bytesAppendedToAnOutputZipNeitherReachTheCacheNorStayPublished() throws Exception {
        build();
        String sha1 = sha1(zip("a"));
        Files.write(zip("a"), "appended".getBytes(), StandardOpenOption.APPEND);

        for (Path cached : cachedZips()) {
            assertEquals(cached.getFileName().toString().replace(".zip", ""), sha1(cached), "the cache is not shared with the output");
        }
        build();
        assertEquals(sha1, sha1(zip("a")), log.text());
        assertTrue(log.text().contains(zip("a") + " is not the zip its metadata records"), log.text());
        assertEveryDistHasItsSha1(output);

        // a clean build restores it from the cache with the right bytes
        TestRepository.delete(project.resolve("target"));
        build();
        assertEquals(sha1, sha1(zip("a")));
        assertEveryDistHasItsSha1(output);
    }

    @Test
    void aTruncatedCachedZipIsBuiltAgainFromGit() throws Exception {
        build();
        String sha1 = sha1(zip("a"));
        Path cached = cacheRoot.resolve("builds/zips/" + sha1.substring(0, 2) + "/" + sha1 + ".zip");
        byte[] bytes = Files.readAllBytes(cached);
        Files.write(cached, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        TestRepository.delete(project.resolve("target"));
        build();
        assertEquals(sha1, sha1(zip("a")));
        assertTrue(log.text().contains(cached + " is damaged"), log.text());
        assertEquals(sha1, sha1(cached), "the cache holds the right bytes again");
        assertEveryDistHasItsSha1(output);
    }

    @Test
    void zipsRebuiltByAForcedRunThatWasKilledAreNotKeptUnderTheOldSha1() throws Exception {
        build();
        Path before = Files.copy(manifest, tmp.resolve("manifest-before.json"));
        // a forced run with another entry time rewrites every zip, and is killed before its manifest and the index
        timestamp = Instant.parse("2025-01-01T00:00:00Z");
        force = true;
        Distribution distribution = distribution();
        new PackageStep(DistributionLog.SILENT, cacheRoot, output, manifest).timestamp(timestamp).force(true)
                .notInput(project.resolve("target")).run(distribution);
        Files.copy(before, manifest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(manifest.resolveSibling("package.stamp"));

        force = false;
        build();
        assertTrue(log.text().contains(zip("b") + " is not the zip its metadata records"), log.text());
        assertEveryDistHasItsSha1(output);
    }
}
