package org.mageos.distribution.core.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mageos.distribution.core.io.Json;

/**
 * Test repositories shaped like the index goal's output (packages.json, p2/, dist/), with small dists, and the
 * invariant a published copy must keep: every dist that published metadata points to is there, whole.
 */
final class BuiltRepository {

    static final String BASE = "https://mirror.example.org/";

    private BuiltRepository() {
    }

    /** {@code packages} packages acme/p0.. with versions 1.0.first .. 1.0.(last) each; {@code flavour} goes into every metadata file. */
    static Path write(Path dir, int packages, int first, int last, String flavour) throws IOException {
        ObjectNode packagesJson = Json.MAPPER.createObjectNode();
        packagesJson.putArray("packages");
        packagesJson.put("metadata-url", BASE + "p2/%package%.json");
        ArrayNode available = packagesJson.putArray("available-packages");
        for (int p = 0; p < packages; p++) {
            String name = "acme/p" + p;
            available.add(name);
            ObjectNode p2 = Json.MAPPER.createObjectNode();
            ArrayNode list = p2.putObject("packages").putArray(name);
            for (int v = first; v <= last; v++) {
                String version = "1.0." + v;
                String dist = "dist/" + name + "/p" + p + "-" + version + ".zip";
                // the dist's bytes depend on name and version only: rebuilding gives the same bytes
                write(dir.resolve(dist), "zip of " + name + " " + version + "\n".repeat(100 + v));
                ObjectNode entry = list.addObject();
                entry.put("name", name);
                entry.put("version", version);
                entry.put("description", flavour);
                entry.putObject("dist").put("type", "zip").put("url", BASE + dist);
            }
            write(dir.resolve("p2/" + name + ".json"), new String(Json.compact(p2), StandardCharsets.UTF_8));
        }
        packagesJson.put("flavour", flavour);
        write(dir.resolve("packages.json"), new String(Json.pretty(packagesJson), StandardCharsets.UTF_8));
        return dir;
    }

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The regular files below a folder, relative, sorted; temporary files of uploads in progress left out: ours are
     * hidden (the deploy manifest is not one of them), S3Proxy's filesystem blobstore writes {@code <key>-<uuid>}
     * before renaming it, and a killed server leaves it behind.
     */
    static List<String> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> f.equals(DeployManifest.PATH) || !(f.contains("/.") || f.startsWith(".")))
                    .filter(f -> !f.matches(".*-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")).sorted().collect(Collectors.toList());
        }
    }

    /**
     * The violations of the invariant in a published folder: a dist that packages.json's packages' p2 files point
     * to and that is missing or differs from the built one. Empty when the invariant holds.
     */
    static List<String> brokenReferences(Path published, Path built) throws IOException {
        List<String> broken = new ArrayList<>();
        Path packagesJson = published.resolve("packages.json");
        if (!Files.isRegularFile(packagesJson)) {
            return broken;
        }
        JsonNode root = Json.MAPPER.readTree(packagesJson.toFile());
        for (JsonNode name : root.path("available-packages")) {
            Path p2 = published.resolve("p2/" + name.asText() + ".json");
            if (!Files.isRegularFile(p2)) {
                broken.add("p2/" + name.asText() + ".json missing");
                continue;
            }
            for (JsonNode version : Json.MAPPER.readTree(p2.toFile()).path("packages").path(name.asText())) {
                String dist = version.path("dist").path("url").asText().substring(BASE.length());
                Path file = published.resolve(dist);
                if (!Files.isRegularFile(file)) {
                    broken.add(dist + " missing");
                } else if (Files.isRegularFile(built.resolve(dist)) && Files.mismatch(file, built.resolve(dist)) != -1) {
                    broken.add(dist + " differs");
                }
            }
        }
        return broken;
    }
}
