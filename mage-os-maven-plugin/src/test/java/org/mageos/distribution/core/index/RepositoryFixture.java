package org.mageos.distribution.core.index;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.mageos.distribution.core.packaging.PackageManifest;
import org.mageos.distribution.core.packaging.PackagedVersion;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.version.VersionParser;

/** Built versions with real zips in a repository folder, as the package step leaves them. */
public final class RepositoryFixture {

    public final Path dir;
    public final PackageManifest manifest = new PackageManifest();

    public RepositoryFixture(Path dir) {
        this.dir = dir;
    }

    /** A version with a zip holding its composer.json and one file whose text is {@code content}. */
    public PackagedVersion add(String name, String version, String composerJsonRest, String content) throws Exception {
        PackagedVersion v = new PackagedVersion();
        v.name = name;
        v.version = version;
        v.versionNormalized = VersionParser.normalize(version);
        v.time = "2024-01-0" + (1 + manifest.versions.size() % 9) + "T10:00:00+00:00";
        String composerJson = "{\"name\": \"" + name + "\", \"version\": \"" + version + "\"" + composerJsonRest + "}";
        v.composerJson = Json.parseObject(composerJson.getBytes(StandardCharsets.UTF_8));
        if (!"metapackage".equals(v.composerJson.path("type").asText())) {
            v.distPath = "dist/" + name + "/" + name.substring(name.indexOf('/') + 1) + "-" + version + ".zip";
            Path zip = dir.resolve(v.distPath);
            Files.createDirectories(zip.getParent());
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
                // fixed entry times: the same content gives the same sha1 whenever the fixture is built
                z.putNextEntry(entry("composer.json"));
                z.write(composerJson.getBytes(StandardCharsets.UTF_8));
                z.putNextEntry(entry("src/File.php"));
                z.write(content.getBytes(StandardCharsets.UTF_8));
            }
            v.sha1 = sha1(zip);
        }
        manifest.versions.add(v);
        return v;
    }

    public static String sha1(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ZipEntry entry(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(315532800000L);
        return entry;
    }
}
