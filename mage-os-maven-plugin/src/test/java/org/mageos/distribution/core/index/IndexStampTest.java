package org.mageos.distribution.core.index;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.packaging.PackageManifest;
import org.mageos.distribution.core.packaging.PackagedVersion;
import org.mageos.distribution.core.io.Json;

/** The index is skipped only when the manifest, the options and every metadata file are as the last run left them. */
class IndexStampTest {

    @TempDir
    Path tmp;

    private Path writeIndex(Path out) throws Exception {
        PackageManifest manifest = new PackageManifest();
        PackagedVersion v = new PackagedVersion();
        v.name = "acme/lib";
        v.version = "1.0.0";
        v.versionNormalized = "1.0.0.0";
        v.sha1 = "aa";
        v.distPath = "dist/acme/lib/1.0.0.zip";
        v.composerJson = Json.parseObject("{\"name\": \"acme/lib\"}".getBytes(StandardCharsets.UTF_8));
        manifest.versions.add(v);
        Path manifestFile = tmp.resolve("manifest.json");
        manifest.write(manifestFile);
        new RepositoryIndex(DistributionLog.SILENT).write(manifest, "https://mirror.example.org/", out);
        return manifestFile;
    }

    @Test
    void currentUntilTheManifestTheOptionsOrAMetadataFileChange() throws Exception {
        Path out = tmp.resolve("repo");
        Path manifestFile = writeIndex(out);
        byte[] manifest = Files.readAllBytes(manifestFile);
        IndexOptions options = IndexOptions.at("https://mirror.example.org/");
        String key = IndexStamp.key(manifest, options);
        IndexStamp stamp = new IndexStamp(tmp.resolve("index.stamp"));
        assertFalse(stamp.isCurrent(key, out));
        stamp.record(key, out);
        assertTrue(stamp.isCurrent(key, out));
        assertTrue(stamp.isCurrent(IndexStamp.key(manifest.clone(), IndexOptions.at("https://mirror.example.org/")), out));

        // another manifest, other options
        byte[] other = new String(manifest, StandardCharsets.UTF_8).replace("1.0.0", "1.0.1").getBytes(StandardCharsets.UTF_8);
        assertNotEquals(key, IndexStamp.key(other, options));
        assertFalse(stamp.isCurrent(IndexStamp.key(other, options), out));
        IndexOptions notify = IndexOptions.at("https://mirror.example.org/");
        notify.notifyBatch = "https://mirror.example.org/notify";
        assertFalse(stamp.isCurrent(IndexStamp.key(manifest, notify), out));
        IndexOptions noIncludes = IndexOptions.at("https://mirror.example.org/");
        noIncludes.includes = false;
        assertFalse(stamp.isCurrent(IndexStamp.key(manifest, noIncludes), out));

        // a metadata file touched, edited or deleted
        Path p2 = out.resolve("p2/acme/lib.json");
        Files.setLastModifiedTime(p2, FileTime.fromMillis(Files.getLastModifiedTime(p2).toMillis() - 60_000));
        assertFalse(stamp.isCurrent(key, out));
        stamp.record(key, out);
        assertTrue(stamp.isCurrent(key, out));
        Files.delete(out.resolve("packages.json"));
        assertFalse(stamp.isCurrent(key, out));
        stamp.clear();
        assertFalse(stamp.isCurrent(key, out));
    }
}
