package org.mageos.distribution.core.publish;

import org.mageos.distribution.core.io.RetryPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.io.Json;

/**
 * Deletes from a target the dists that no version of the built repository references any more (deploy never
 * deletes: lock files point to old dists). Only runs against a target whose packages.json is this build's, so
 * that what the target serves is what is examined here.
 */
public final class Purger {

    private final DistributionLog log;
    private final DeployOptions options;

    public Purger(DistributionLog log, DeployOptions options) {
        this.log = log;
        this.options = options;
    }

    /** Returns the dists deleted, or that would be in a dry run. */
    public List<String> purge(Path repositoryDir, DeployTarget target) {
        Path packagesJson = repositoryDir.resolve("packages.json");
        if (!Files.isRegularFile(packagesJson)) {
            throw new DistributionException("Nothing to purge against: " + repositoryDir + " has no packages.json (run mvn package first)");
        }
        RetryPolicy retry = options.retry;
        List<String> unreferenced = new ArrayList<>();
        try {
            byte[] ours = Files.readAllBytes(packagesJson);
            Map<String, DeployTarget.RemoteFile> remote = retry.call(log, "list " + target.describe(), target::list);
            byte[] theirs = remote.containsKey("packages.json") ? retry.call(log, "read packages.json", () -> {
                try (InputStream in = target.open("packages.json")) {
                    return in.readAllBytes();
                }
            }) : null;
            if (theirs == null || !java.util.Arrays.equals(ours, theirs)) {
                throw new DistributionException("Purge of " + target.describe() + " refused: its packages.json is not the one in "
                        + repositoryDir + "; deploy this build first (mvn deploy), then purge");
            }
            Set<String> referenced = referencedDists(repositoryDir, ours);
            for (String path : remote.keySet()) {
                if (path.startsWith("dist/") && !referenced.contains(path)) {
                    unreferenced.add(path);
                }
            }
            for (String path : unreferenced) {
                if (options.dryRun) {
                    log.info("would delete " + path + " (no version references it)");
                } else {
                    retry.call(log, "delete " + path, () -> {
                        target.delete(path);
                        return null;
                    });
                    log.info("deleted " + path + " (no version references it)");
                }
            }
        } catch (IOException e) {
            throw new DistributionException("Purge of " + target.describe() + " failed: " + e.getMessage(), e);
        }
        log.info((options.dryRun ? "Dry run, nothing deleted on " : "Purged ") + target.describe() + ": " + unreferenced.size()
                + " unreferenced dist(s)" + (options.dryRun ? " to delete" : " deleted"));
        return unreferenced;
    }

    /**
     * The dists, as paths under the repository, that the metadata (p2/, include/) points to: every
     * {@code dist.url} under the repository's URL, which packages.json's {@code metadata-url} gives.
     */
    static Set<String> referencedDists(Path repositoryDir, byte[] packagesJson) throws IOException {
        String metadataUrl = Json.parseObject(packagesJson).path("metadata-url").asText("");
        int p2 = metadataUrl.lastIndexOf("p2/%package%.json");
        if (p2 < 0) {
            throw new DistributionException("Purge refused: packages.json in " + repositoryDir + " has no metadata-url ending in p2/%package%.json");
        }
        String base = metadataUrl.substring(0, p2);
        Set<String> referenced = new HashSet<>();
        List<Path> metadata = new ArrayList<>();
        for (String folder : List.of("p2", "include")) {
            Path dir = repositoryDir.resolve(folder);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    metadata.addAll(walk.filter(f -> f.toString().endsWith(".json")).collect(Collectors.toList()));
                }
            }
        }
        for (Path file : metadata) {
            collect(Json.MAPPER.readTree(file.toFile()), base, referenced);
        }
        return referenced;
    }

    private static void collect(JsonNode node, String base, Set<String> referenced) {
        if (node.isObject() && node.path("dist").isObject()) {
            String url = node.path("dist").path("url").asText("");
            if (url.startsWith(base)) {
                referenced.add(url.substring(base.length()));
            }
        }
        node.forEach(child -> collect(child, base, referenced));
    }
}
