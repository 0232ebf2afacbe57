package org.mageos.distribution.core.index;

import org.mageos.distribution.core.published.RepositoryReader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.io.Json;

/** Release N+1 merged with the repository published before, without its sources or zips. */
class IncrementalIndexTest {

    @TempDir
    Path tmp;

    private static final String URL = "https://mirror.example.org/";

    /** Release 1 as published: lib 1.0.0 and a metapackage. */
    private Path release1() throws Exception {
        RepositoryFixture r1 = new RepositoryFixture(tmp.resolve("published"));
        r1.add("acme/lib", "1.0.0", "", "lib 1");
        r1.add("acme/old", "1.0.0", "", "only in release 1");
        r1.add("acme/meta", "1.0.0", ", \"type\": \"metapackage\", \"require\": {\"acme/lib\": \"1.0.0\"}", null);
        new RepositoryIndex(DistributionLog.SILENT).write(r1.manifest, URL, r1.dir);
        return r1.dir;
    }

    private static Map<String, List<String>> versions(Path repo) {
        Map<String, List<String>> result = new TreeMap<>();
        new RepositoryReader(repo.toString()).read().forEach((name, list) -> {
            List<String> versions = new ArrayList<>();
            list.forEach(v -> versions.add(v.get("version").asText()));
            result.put(name, versions);
        });
        return result;
    }

    @Test
    void release2KeepsEveryPublishedVersionWithoutItsZips() throws Exception {
        Path published = release1();
        RepositoryFixture r2 = new RepositoryFixture(tmp.resolve("build2"));
        r2.add("acme/lib", "1.1.0", "", "lib 1.1");
        r2.add("acme/meta", "1.1.0", ", \"type\": \"metapackage\", \"require\": {\"acme/lib\": \"1.1.0\"}", null);
        IndexOptions options = IndexOptions.at(URL);
        options.publishedRepositoryUrl = published.toUri().toString();
        RepositoryIndex.Result result = new RepositoryIndex(DistributionLog.SILENT).write(r2.manifest, options, r2.dir);
        assertEquals(3, result.published);
        assertEquals(Map.of("acme/lib", List.of("1.1.0", "1.0.0"), "acme/meta", List.of("1.1.0", "1.0.0"),
                "acme/old", List.of("1.0.0")), versions(r2.dir));
        assertFalse(Files.exists(r2.dir.resolve("dist/acme/lib/lib-1.0.0.zip")), "the old zip is neither needed nor copied");
        // the published entry is kept as it was, dist and all
        ObjectNode old = new RepositoryReader(r2.dir.toString()).read().get("acme/lib").get(1);
        ObjectNode original = new RepositoryReader(published.toString()).read().get("acme/lib").get(0);
        assertEquals(original, old);
        // the includes carry the merged set as well
        JsonNode packagesJson = Json.MAPPER.readTree(r2.dir.resolve("packages.json").toFile());
        String include = packagesJson.get("includes").fieldNames().next();
        JsonNode all = Json.MAPPER.readTree(r2.dir.resolve(include).toFile()).get("packages");
        assertTrue(all.get("acme/lib").has("1.0.0") && all.get("acme/lib").has("1.1.0") && all.has("acme/old"));

        // building release 2 again is a no-op on disk
        RepositoryIndex.Result again = new RepositoryIndex(DistributionLog.SILENT).write(r2.manifest, options, r2.dir);
        assertEquals(0, again.filesWritten);
    }

    @Test
    void aRebuiltVersionWithOtherBytesFailsTheBuildUnlessRepublishedOnPurpose() throws Exception {
        Path published = release1();
        RepositoryFixture r2 = new RepositoryFixture(tmp.resolve("build2"));
        r2.add("acme/lib", "1.0.0", "", "lib 1, rebuilt with other content");
        r2.add("acme/old", "1.0.0", "", "only in release 1"); // same bytes: fine
        IndexOptions options = IndexOptions.at(URL);
        options.publishedRepositoryUrl = published.toString();
        DistributionException e = assertThrows(DistributionException.class,
                () -> new RepositoryIndex(DistributionLog.SILENT).write(r2.manifest, options, r2.dir));
        assertTrue(e.getMessage().contains("acme/lib 1.0.0: published sha1 "), e.getMessage());
        assertFalse(e.getMessage().contains("acme/old"), e.getMessage());
        assertFalse(Files.exists(r2.dir.resolve("packages.json")), "nothing is indexed when the build fails");

        options.republishVersions = List.of("acme/lib:v1.0.0");
        new RepositoryIndex(DistributionLog.SILENT).write(r2.manifest, options, r2.dir);
        ObjectNode lib = new RepositoryReader(r2.dir.toString()).read().get("acme/lib").get(0);
        assertEquals(r2.manifest.versions.get(0).sha1, lib.get("dist").get("shasum").asText());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(nullValues = "NULL", value = {
        // retention days before the build date 2026-11-22, published nightlies still in the index (newest first)
        "NULL, 1.0.0.1-a20261121 1.0.0.1-a20261120 1.0.0.1-a20261119",
        "3,    1.0.0.1-a20261121 1.0.0.1-a20261120 1.0.0.1-a20261119",
        "2,    1.0.0.1-a20261121 1.0.0.1-a20261120",
        "1,    1.0.0.1-a20261121",
        "0,    ''",
    })
    void publishedNightliesOlderThanTheRetentionAreDropped(Integer days, String kept) throws Exception {
        RepositoryFixture night = new RepositoryFixture(tmp.resolve("published"));
        night.add("acme/lib", "1.0.0", "", "release");
        night.add("acme/lib", "0.9.0.1-a20200101+p1", ", \"description\": \"not built by this scheme, yet a nightly\"", "odd");
        for (String date : List.of("20261119", "20261120", "20261121")) {
            night.add("acme/lib", "1.0.0.1-a" + date, "", "night " + date);
        }
        new RepositoryIndex(DistributionLog.SILENT).write(night.manifest, URL, night.dir);
        RepositoryFixture build = new RepositoryFixture(tmp.resolve("build"));
        build.add("acme/lib", "1.0.0.1-a20261122", "", "night 20261122");
        IndexOptions options = IndexOptions.at(URL);
        options.publishedRepositoryUrl = night.dir.toString();
        options.nightlyDate = java.time.LocalDate.of(2026, 11, 22);
        options.nightlyRetentionDays = days;
        new RepositoryIndex(DistributionLog.SILENT).write(build.manifest, options, build.dir);
        List<String> expected = new ArrayList<>(List.of("1.0.0.1-a20261122"));
        expected.addAll(kept.isEmpty() ? List.of() : List.of(kept.split(" ")));
        expected.add("1.0.0");
        if (days == null) {
            expected.add("0.9.0.1-a20200101+p1");
        }
        assertEquals(Map.of("acme/lib", expected), versions(build.dir), "this night and the release are always kept");
    }

    @Test
    void versionsAreRemovedOnlyWhenNamed() throws Exception {
        Path published = release1();
        RepositoryFixture r2 = new RepositoryFixture(tmp.resolve("build2"));
        r2.add("acme/lib", "1.1.0", "", "lib 1.1");
        IndexOptions options = IndexOptions.at(URL);
        options.publishedRepositoryUrl = published.toString();
        options.removeVersions = List.of("acme/old:1.0.0", "acme/lib:1.0");
        new RepositoryIndex(DistributionLog.SILENT).write(r2.manifest, options, r2.dir);
        assertEquals(Map.of("acme/lib", List.of("1.1.0"), "acme/meta", List.of("1.0.0")), versions(r2.dir));

        options.removeVersions = List.of("acme/lib:9.9.9");
        DistributionException e = assertThrows(DistributionException.class,
                () -> new RepositoryIndex(DistributionLog.SILENT).write(r2.manifest, options, r2.dir));
        assertEquals("<removeVersion>acme/lib:9.9.9</removeVersion>: the repository has no such version", e.getMessage());
        options.removeVersions = List.of("acme-lib");
        e = assertThrows(DistributionException.class, () -> new RepositoryIndex(DistributionLog.SILENT).write(r2.manifest, options, r2.dir));
        assertEquals("<removeVersion>acme-lib</removeVersion> must be vendor/name:version", e.getMessage());
    }

    @Test
    void aMissingPublishedRepositoryIsAnErrorNotAnEmptyOne() throws Exception {
        RepositoryFixture r2 = new RepositoryFixture(tmp.resolve("build2"));
        r2.add("acme/lib", "1.1.0", "", "lib 1.1");
        IndexOptions options = IndexOptions.at(URL);
        options.publishedRepositoryUrl = tmp.resolve("nowhere").toString();
        DistributionException e = assertThrows(DistributionException.class,
                () -> new RepositoryIndex(DistributionLog.SILENT).write(r2.manifest, options, r2.dir));
        assertTrue(e.getMessage().startsWith("No packages.json at file:///"), e.getMessage());
        assertTrue(e.getMessage().contains("nowhere/"), e.getMessage());
    }

    @Test
    void includesCanBeTurnedOffAndNotifyBatchIsWritten() throws Exception {
        RepositoryFixture r = new RepositoryFixture(tmp.resolve("repo"));
        r.add("acme/lib", "1.0.0", "", "lib 1");
        IndexOptions options = IndexOptions.at(URL);
        new RepositoryIndex(DistributionLog.SILENT).write(r.manifest, options, r.dir);
        assertEquals(1, Files.list(r.dir.resolve("include")).count());
        options.includes = false;
        options.notifyBatch = "https://stats.example.org/downloads";
        new RepositoryIndex(DistributionLog.SILENT).write(r.manifest, options, r.dir);
        JsonNode packagesJson = Json.MAPPER.readTree(r.dir.resolve("packages.json").toFile());
        assertFalse(packagesJson.has("includes"));
        assertEquals("https://stats.example.org/downloads", packagesJson.get("notify-batch").asText());
        assertEquals(0, Files.list(r.dir.resolve("include")).count(), "the include file of the last build is gone");
    }
}
