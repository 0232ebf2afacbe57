package org.mageos.distribution.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.codec.digest.DigestUtils;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.index.IndexOptions;
import org.mageos.distribution.core.index.RepositoryIndex;
import org.mageos.distribution.core.published.RepositoryReader;
import org.mageos.distribution.core.version.VersionParser;

/**
 * Builds shaped as the index goal writes them (RepositoryIndex's own rendering: minified p2 files, the include
 * file, index.html), with dists whose bytes depend on name, version and a flavour; and the check of a published
 * repository: its metadata agrees with itself and every dist it names is there with the sha1 it records.
 */
final class RenderedRepository {

    static final String BASE = "https://mirror.example.org/";

    private RenderedRepository() {
    }

    /** A build of {@code vendor/name -> versions} (a version may be a tag such as {@code v1.0.0}); dist bytes depend on {@code bytes}. */
    static Path write(Path dir, Map<String, List<String>> versions, String bytes) throws IOException {
        Map<String, List<ObjectNode>> entries = new TreeMap<>();
        for (Map.Entry<String, List<String>> p : versions.entrySet()) {
            String name = p.getKey();
            for (String version : p.getValue()) {
                String dist = "dist/" + name + "/" + name.substring(name.indexOf('/') + 1) + "-" + version + ".zip";
                byte[] zip = ("zip of " + name + " " + version + " " + bytes + "\n").repeat(50).getBytes(StandardCharsets.UTF_8);
                Files.createDirectories(dir.resolve(dist).getParent());
                Files.write(dir.resolve(dist), zip);
                ObjectNode entry = Json.MAPPER.createObjectNode();
                entry.put("name", name);
                entry.put("version", version);
                entry.put("version_normalized", VersionParser.normalize(version));
                entry.put("type", "library");
                String sha1 = DigestUtils.sha1Hex(zip);
                entry.putObject("dist").put("type", "zip").put("url", BASE + dist).put("reference", sha1).put("shasum", sha1);
                entries.computeIfAbsent(name, k -> new ArrayList<>()).add(entry);
            }
        }
        for (Map.Entry<String, byte[]> f : RepositoryIndex.render(entries, IndexOptions.at(BASE), v -> null, org.mageos.distribution.core.DistributionLog.SILENT).entrySet()) {
            Files.createDirectories(dir.resolve(f.getKey()).getParent());
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        return dir;
    }

    /**
     * Checks a published folder: every package packages.json lists has metadata, the include file is named by its
     * sha1 and lists the same versions as the p2 files, every dist named is there with its recorded sha1.
     * Returns {@code name -> versions}.
     */
    static Map<String, TreeSet<String>> check(Path published) throws IOException {
        return check(published, false);
    }

    /**
     * As {@link #check(Path)}; with {@code midDeploy}, for a folder a deploy was killed in: the p2 files (uploaded
     * before packages.json) may list versions whose Composer 1 include file is not yet up (every dist either names
     * must still be there with its sha1), so the include file must list no version the p2 files lack.
     */
    static Map<String, TreeSet<String>> check(Path published, boolean midDeploy) throws IOException {
        ObjectNode root = Json.parseObject(Files.readAllBytes(published.resolve("packages.json")));
        Map<String, TreeSet<String>> versions = new TreeMap<>();
        List<String> names = new ArrayList<>();
        root.path("available-packages").forEach(n -> names.add(n.asText()));
        RepositoryReader reader = new RepositoryReader(published.toString());
        for (String name : names) {
            List<ObjectNode> list = reader.readPackage(name);
            assertTrue(list != null, name + " is listed but has no metadata");
            for (ObjectNode v : list) {
                versions.computeIfAbsent(name, k -> new TreeSet<>()).add(v.path("version").asText());
                checkDist(published, v);
            }
        }
        Iterator<Map.Entry<String, JsonNode>> includes = root.path("includes").fields();
        while (includes.hasNext()) {
            Map.Entry<String, JsonNode> include = includes.next();
            byte[] bytes = Files.readAllBytes(published.resolve(include.getKey()));
            assertEquals(include.getValue().path("sha1").asText(), DigestUtils.sha1Hex(bytes), include.getKey());
            assertEquals("include/all$" + DigestUtils.sha1Hex(bytes) + ".json", include.getKey());
            Map<String, TreeSet<String>> included = new TreeMap<>();
            Json.parseObject(bytes).path("packages").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(v -> {
                included.computeIfAbsent(p.getKey(), k -> new TreeSet<>()).add(v.getKey());
                checkDist(published, (ObjectNode) v.getValue());
            }));
            if (midDeploy) {
                included.forEach((name, listed) -> assertTrue(versions.getOrDefault(name, new TreeSet<>()).containsAll(listed),
                        "the include file lists no version the p2 files lack: " + name + " " + listed + " / " + versions.get(name)));
            } else {
                assertEquals(versions, included, "the include file lists what the p2 files list");
            }
        }
        return versions;
    }

    private static void checkDist(Path published, ObjectNode v) {
        String url = v.path("dist").path("url").asText();
        assertTrue(url.startsWith(BASE), url);
        Path zip = published.resolve(url.substring(BASE.length()));
        try {
            assertTrue(Files.isRegularFile(zip), zip + " is named by the metadata but missing");
            assertEquals(v.path("dist").path("shasum").asText(), DigestUtils.sha1Hex(Files.readAllBytes(zip)), zip + " has other bytes than recorded");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
