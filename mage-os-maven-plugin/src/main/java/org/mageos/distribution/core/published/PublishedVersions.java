package org.mageos.distribution.core.published;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.composer.MetadataMinifier;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.version.InvalidVersionException;
import org.mageos.distribution.core.version.VersionParser;

/**
 * The package versions a Composer repository folder already serves: those its {@code p2/} metadata lists with
 * a {@code dist.shasum} and whose zip is in the folder. Such a version is never rebuilt (a new sha1 would break
 * every lock file that recorded the old one). Each package's metadata is read once, on first use; thread-safe.
 */
public final class PublishedVersions {

    /**
     * A version already served: its metadata entry (expanded), the zip's path relative to the repository, its sha1,
     * the repository folder (null for a remote repository, whose zip is not on this machine) and where it is, for
     * messages.
     */
    public record Published(ObjectNode entry, String distPath, String sha1, Path repositoryDir, String location) {

        public Published(ObjectNode entry, String distPath, String sha1, Path repositoryDir) {
            this(entry, distPath, sha1, repositoryDir, repositoryDir.toString());
        }

        /** Whether the zip is in a folder of this machine; false for a version a remote repository serves (not downloaded). */
        public boolean local() {
            return repositoryDir != null;
        }
    }

    private final Path repositoryDir;
    private final Map<String, Map<String, ObjectNode>> byName = new ConcurrentHashMap<>();

    public PublishedVersions(Path repositoryDir) {
        this.repositoryDir = repositoryDir;
    }

    public Path repositoryDir() {
        return repositoryDir;
    }

    /**
     * The version as this repository serves it, or null.
     *
     * @param distPath where this build would put the zip, relative to the repository folder
     */
    public Published find(String name, String versionNormalized, String distPath) {
        ObjectNode entry = byName.computeIfAbsent(name, this::read).get(versionNormalized);
        if (entry == null) {
            return null;
        }
        String sha1 = entry.path("dist").path("shasum").asText("");
        if (sha1.isEmpty() || !Files.isRegularFile(repositoryDir.resolve(distPath))) {
            return null;
        }
        return new Published(entry, distPath, sha1, repositoryDir);
    }

    /** Whether this repository's metadata lists the version (with a dist or not). */
    public boolean lists(String name, String versionNormalized) {
        return byName.computeIfAbsent(name, this::read).containsKey(versionNormalized);
    }

    private Map<String, ObjectNode> read(String name) {
        Map<String, ObjectNode> versions = new HashMap<>();
        for (String file : List.of("p2/" + name + ".json", "p2/" + name + "~dev.json")) {
            Path path = repositoryDir.resolve(file);
            if (!Files.isRegularFile(path)) {
                continue;
            }
            try {
                ObjectNode root = Json.parseObject(Files.readAllBytes(path));
                List<ObjectNode> list = new ArrayList<>();
                for (JsonNode v : root.path("packages").path(name)) {
                    if (v.isObject()) {
                        list.add((ObjectNode) v);
                    }
                }
                if (root.path("minified").asText("").equals("composer/2.0")) {
                    list = MetadataMinifier.expand(list);
                }
                addByNormalized(list, versions);
            } catch (IOException | InvalidVersionException e) {
                throw new DistributionException("Cannot read the published metadata " + path + ": " + e.getMessage(), e);
            }
        }
        return versions;
    }

    /** Each version entry by its normalized version (the first of two alike wins). */
    static void addByNormalized(List<ObjectNode> list, Map<String, ObjectNode> into) {
        for (ObjectNode v : list) {
            String normalized = v.path("version_normalized").asText(null);
            if (normalized == null) {
                normalized = VersionParser.normalize(v.path("version").asText(""));
            }
            into.putIfAbsent(normalized, v);
        }
    }
}
