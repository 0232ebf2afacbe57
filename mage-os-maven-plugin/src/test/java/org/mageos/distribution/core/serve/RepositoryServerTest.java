package org.mageos.distribution.core.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.index.IndexOptions;
import org.mageos.distribution.core.index.RepositoryFixture;
import org.mageos.distribution.core.index.RepositoryIndex;
import org.mageos.distribution.core.published.RepositoryReader;
import org.mageos.distribution.core.testing.Processes;

/** The repository server answered by java.net.http and by the real Composer client. */
class RepositoryServerTest {

    @TempDir
    Path tmp;

    private static final String BUILT_FOR = "https://mirror.example.org/";
    private final HttpClient http = HttpClient.newHttpClient();

    /** A repository with one library, built for BUILT_FOR, by the index of this project. */
    private Path repository() throws Exception {
        RepositoryFixture f = new RepositoryFixture(tmp.resolve("repo"));
        f.add("acme/lib", "1.0.0", "", "lib 1.0.0");
        new RepositoryIndex(DistributionLog.SILENT).write(f.manifest, BUILT_FOR, f.dir);
        return f.dir;
    }

    private HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void headersConditionalRequestsAndNotFound() throws Exception {
        Path repo = repository();
        Instant mtime = Instant.parse("2024-05-06T07:08:09.123Z");
        Files.setLastModifiedTime(repo.resolve("packages.json"), FileTime.from(mtime));
        String lastModified = "Mon, 6 May 2024 07:08:09 GMT";
        try (RepositoryServer server = RepositoryServer.start(repo, 0, BUILT_FOR, DistributionLog.SILENT)) {
            assertTrue(server.port() > 0);
            assertEquals("http://127.0.0.1:" + server.port() + "/", server.url());
            HttpResponse<byte[]> packages = get(server.url() + "packages.json");
            assertEquals(200, packages.statusCode());
            assertEquals("application/json", packages.headers().firstValue("Content-Type").orElse(null));
            assertEquals(lastModified, packages.headers().firstValue("Last-Modified").orElse(null));
            // the metadata names the server, not the URL the repository was built for
            JsonNode json = Json.MAPPER.readTree(packages.body());
            assertEquals(server.url() + "p2/%package%.json", json.get("metadata-url").asText());
            assertFalse(new String(packages.body(), StandardCharsets.UTF_8).contains(BUILT_FOR));

            // Composer 1's include file is served rewritten too, and packages.json gives the sha1 of what is served
            String include = json.get("includes").fieldNames().next();
            HttpResponse<byte[]> all = get(server.url() + include.replace("$", "%24"));
            assertEquals(200, all.statusCode());
            assertTrue(new String(all.body(), StandardCharsets.UTF_8).contains(server.url() + "dist/acme/lib/lib-1.0.0.zip"));
            assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(all.body())),
                    json.get("includes").get(include).get("sha1").asText());

            assertEquals(304, get(server.url() + "packages.json", "If-Modified-Since", lastModified).statusCode());
            assertEquals(304, get(server.url() + "packages.json", "If-Modified-Since", "Tue, 7 May 2024 00:00:00 GMT").statusCode());
            HttpResponse<byte[]> older = get(server.url() + "packages.json", "If-Modified-Since", "Mon, 6 May 2024 07:08:08 GMT");
            assertEquals(200, older.statusCode());
            assertEquals(200, get(server.url() + "packages.json", "If-Modified-Since", "not a date").statusCode());

            String zipPath = "dist/acme/lib/lib-1.0.0.zip";
            HttpResponse<byte[]> zip = get(server.url() + zipPath);
            assertEquals(200, zip.statusCode());
            assertEquals("application/zip", zip.headers().firstValue("Content-Type").orElse(null));
            assertArrayEquals(Files.readAllBytes(repo.resolve(zipPath)), zip.body());
            assertEquals(String.valueOf(Files.size(repo.resolve(zipPath))), zip.headers().firstValue("Content-Length").orElse(null));
            String zipModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    Files.getLastModifiedTime(repo.resolve(zipPath)).toInstant().atZone(ZoneOffset.UTC));
            assertEquals(zipModified, zip.headers().firstValue("Last-Modified").orElse(null));

            HttpResponse<byte[]> page = get(server.url());
            assertEquals(200, page.statusCode());
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(null));
            // the page's commands and download links name the server too
            String html = new String(page.body(), StandardCharsets.UTF_8);
            assertTrue(html.contains("composer config repositories.distribution composer " + server.url() + "\n"), html);
            assertTrue(html.contains("href=\"" + server.url() + "dist/acme/lib/lib-1.0.0.zip\""), html);
            assertFalse(html.contains(BUILT_FOR), html);

            for (String missing : List.of("p2/acme/nope.json", "dist/", "../repo/packages.json", "p2/../../x", "%2e%2e/etc/passwd", ".hidden")) {
                assertEquals(404, get(server.url() + missing).statusCode(), missing);
            }
            HttpResponse<byte[]> post = http.send(HttpRequest.newBuilder(URI.create(server.url() + "packages.json"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(405, post.statusCode());
        }
    }

    @Test
    void composerInstallsOverHttpAndTheIndexReadsItBack() throws Exception {
        Path repo = repository();
        try (RepositoryServer server = RepositoryServer.start(repo, 0, BUILT_FOR, DistributionLog.SILENT)) {
            Path project = Processes.composerProject(tmp.resolve("project"), server.url());
            Processes.composer(project, "config", "secure-http", "false");
            Processes.composer(project, "require", "acme/lib:1.0.0", "--no-audit", "--no-progress");
            assertEquals("lib 1.0.0", Files.readString(project.resolve("vendor/acme/lib/src/File.php")));
            JsonNode lock = Json.MAPPER.readTree(project.resolve("composer.lock").toFile());
            assertEquals(server.url() + "dist/acme/lib/lib-1.0.0.zip", lock.get("packages").get(0).get("dist").get("url").asText());

            // a later release reads the published repository over HTTP
            Path next = tmp.resolve("next");
            RepositoryFixture release2 = new RepositoryFixture(next);
            release2.add("acme/lib", "1.1.0", "", "lib 1.1.0");
            IndexOptions options = IndexOptions.at(BUILT_FOR);
            options.publishedRepositoryUrl = server.url();
            new RepositoryIndex(DistributionLog.SILENT).write(release2.manifest, options, next);
            List<String> versions = new java.util.ArrayList<>();
            new RepositoryReader(next.toString()).read().get("acme/lib").forEach(v -> versions.add(v.get("version").asText()));
            assertEquals(List.of("1.1.0", "1.0.0"), versions);
        }
    }
}
