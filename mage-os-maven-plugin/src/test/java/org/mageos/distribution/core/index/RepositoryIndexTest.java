package org.mageos.distribution.core.index;

import org.mageos.distribution.core.composer.MetadataMinifier;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.packaging.PackageManifest;
import org.mageos.distribution.core.packaging.PackagedVersion;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.version.VersionParser;

class RepositoryIndexTest {

    @TempDir
    Path tmp;

    private static PackagedVersion version(String name, String version, String sha1) throws Exception {
        PackagedVersion v = new PackagedVersion();
        v.name = name;
        v.version = version;
        v.versionNormalized = VersionParser.normalize(version);
        v.time = "2024-01-01T00:00:00+00:00";
        v.sha1 = sha1;
        v.distPath = sha1 == null ? null : "dist/" + name + "/" + version + ".zip";
        v.composerJson = Json.parseObject(("{\"name\": \"" + name + "\", \"require\": {\"php\": \">=8.1\"}}").getBytes());
        return v;
    }

    @Test
    void newestFirstDevApartAbsoluteUrlsAndUnchangedFilesUntouched() throws Exception {
        PackageManifest manifest = new PackageManifest();
        manifest.versions.add(version("acme/lib", "1.9.0", "aa"));
        manifest.versions.add(version("acme/lib", "1.10.0", "bb"));
        manifest.versions.add(version("acme/lib", "2.0.x-dev", "cc"));
        manifest.versions.add(version("acme/lib", "1.10.1-p1", "dd"));
        manifest.versions.add(version("acme/meta", "1.0.0", null));
        Path out = tmp.resolve("repo");
        RepositoryIndex.Result first = new RepositoryIndex(DistributionLog.SILENT).write(manifest, "https://mirror.example.org/sub", out);
        assertEquals(7, first.filesWritten); // 2 p2 files per package, the include file, index.html, packages.json

        JsonNode stable = Json.MAPPER.readTree(out.resolve("p2/acme/lib.json").toFile());
        assertEquals("composer/2.0", stable.get("minified").asText());
        List<ObjectNode> expanded = new ArrayList<>();
        stable.get("packages").get("acme/lib").forEach(n -> expanded.add((ObjectNode) n));
        List<String> versions = new ArrayList<>();
        MetadataMinifier.expand(expanded).forEach(n -> versions.add(n.get("version").asText()));
        assertEquals(List.of("1.10.1-p1", "1.10.0", "1.9.0"), versions);
        ObjectNode newest = MetadataMinifier.expand(expanded).get(0);
        assertEquals("https://mirror.example.org/sub/dist/acme/lib/1.10.1-p1.zip", newest.get("dist").get("url").asText());
        assertEquals("dd", newest.get("dist").get("shasum").asText());
        assertEquals(">=8.1", newest.get("require").get("php").asText());
        assertEquals("library", newest.get("type").asText());

        JsonNode dev = Json.MAPPER.readTree(out.resolve("p2/acme/lib~dev.json").toFile());
        assertEquals("2.0.x-dev", dev.get("packages").get("acme/lib").get(0).get("version").asText());
        JsonNode meta = Json.MAPPER.readTree(out.resolve("p2/acme/meta.json").toFile()).get("packages").get("acme/meta").get(0);
        assertEquals(null, meta.get("dist"));

        JsonNode packages = Json.MAPPER.readTree(out.resolve("packages.json").toFile());
        assertEquals("https://mirror.example.org/sub/p2/%package%.json", packages.get("metadata-url").asText());
        assertEquals("[\"acme/lib\",\"acme/meta\"]", packages.get("available-packages").toString());

        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(out.resolve("packages.json"), old);
        Files.setLastModifiedTime(out.resolve("p2/acme/lib.json"), old);
        RepositoryIndex.Result second = new RepositoryIndex(DistributionLog.SILENT).write(manifest, "https://mirror.example.org/sub/", out);
        assertEquals(0, second.filesWritten);
        assertEquals(old, Files.getLastModifiedTime(out.resolve("packages.json")));
        assertEquals(old, Files.getLastModifiedTime(out.resolve("p2/acme/lib.json")));
    }

    /**
     * A version kept as the repository serves it comes back from the expanded minified metadata, where a key the
     * version before it lacked is appended last: the same composer.json in another key order must give the same bytes.
     */
    @Test
    void theOrderOfComposerJsonKeysDoesNotChangeTheMetadataBytes() throws Exception {
        byte[][] written = new byte[2][];
        String[] orders = {
            "{\"name\": \"acme/plugin\", \"require\": {\"php\": \">=8.1\"}, \"suggest\": {\"acme/web\": \"web\"}, \"autoload\": {\"files\": [\"a.php\"]}}",
            "{\"autoload\": {\"files\": [\"a.php\"]}, \"name\": \"acme/plugin\", \"suggest\": {\"acme/web\": \"web\"}, \"require\": {\"php\": \">=8.1\"}}"};
        for (int i = 0; i < 2; i++) {
            PackageManifest manifest = new PackageManifest();
            manifest.versions.add(version("acme/plugin", "2.0.0", "aa"));
            PackagedVersion older = version("acme/plugin", "1.1.2", "bb");
            older.composerJson = Json.parseObject(orders[i].getBytes());
            manifest.versions.add(older);
            Path out = tmp.resolve("repo" + i);
            new RepositoryIndex(DistributionLog.SILENT).write(manifest, "https://mirror.example.org/", out);
            written[i] = Files.readAllBytes(out.resolve("p2/acme/plugin.json"));
        }
        assertEquals(new String(written[0]), new String(written[1]));
    }
}
