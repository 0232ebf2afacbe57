package org.mageos.distribution.core.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mageos.distribution.core.BuildLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.build.BuildManifest;
import org.mageos.distribution.core.build.BuiltVersion;
import org.mageos.distribution.core.composer.Json;
import org.mageos.distribution.core.publish.AtomicFiles;
import org.mageos.distribution.core.version.VersionComparator;
import org.mageos.distribution.core.version.VersionParser;

/**
 * Writes the Composer repository metadata: {@code p2/<name>.json} and {@code p2/<name>~dev.json} (minified,
 * newest first) and, last, {@code packages.json} with {@code metadata-url} and {@code available-packages}.
 * Files whose content did not change are not rewritten, so their mtime (a server's Last-Modified) stays put.
 */
public final class RepositoryIndex {

    private final BuildLog log;

    public RepositoryIndex(BuildLog log) {
        this.log = log;
    }

    /** Counts of what {@link #write} did. */
    public static final class Result {
        public int packages;
        public int versions;
        public int filesWritten;
        public int filesUnchanged;
    }

    /**
     * @param repositoryUrl where clients read the repository; dist URLs and metadata-url are absolute under it
     */
    public Result write(BuildManifest manifest, String repositoryUrl, Path repositoryDir) {
        String base = repositoryUrl.endsWith("/") ? repositoryUrl : repositoryUrl + "/";
        Map<String, List<BuiltVersion>> byName = new TreeMap<>();
        for (BuiltVersion v : manifest.versions) {
            byName.computeIfAbsent(v.name, k -> new ArrayList<>()).add(v);
        }
        Result result = new Result();
        try {
            for (Map.Entry<String, List<BuiltVersion>> e : byName.entrySet()) {
                List<BuiltVersion> versions = e.getValue();
                versions.sort(Comparator.comparing((BuiltVersion v) -> v.versionNormalized, VersionComparator.ASCENDING).reversed());
                List<ObjectNode> stable = new ArrayList<>();
                List<ObjectNode> dev = new ArrayList<>();
                for (BuiltVersion v : versions) {
                    ObjectNode entry = versionEntry(v, base);
                    ("dev".equals(VersionParser.parseStability(v.version)) ? dev : stable).add(entry);
                }
                count(result, AtomicFiles.writeIfChanged(repositoryDir.resolve("p2/" + e.getKey() + ".json"), p2File(e.getKey(), stable)));
                count(result, AtomicFiles.writeIfChanged(repositoryDir.resolve("p2/" + e.getKey() + "~dev.json"), p2File(e.getKey(), dev)));
                result.packages++;
                result.versions += versions.size();
            }
            ObjectNode packagesJson = Json.MAPPER.createObjectNode();
            packagesJson.putArray("packages");
            packagesJson.put("metadata-url", base + "p2/%package%.json");
            ArrayNode available = packagesJson.putArray("available-packages");
            byName.keySet().forEach(available::add);
            count(result, AtomicFiles.writeIfChanged(repositoryDir.resolve("packages.json"), Json.pretty(packagesJson)));
        } catch (IOException e) {
            throw new DistributionException("Cannot write the repository index in " + repositoryDir + ": " + e.getMessage(), e);
        }
        log.info("Index: " + result.packages + " packages, " + result.versions + " versions; " + result.filesWritten
                + " files written, " + result.filesUnchanged + " up-to-date");
        return result;
    }

    private static void count(Result result, boolean written) {
        if (written) {
            result.filesWritten++;
        } else {
            result.filesUnchanged++;
        }
    }

    private static byte[] p2File(String name, List<ObjectNode> versions) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode list = root.putObject("packages").putArray(name);
        MetadataMinifier.minify(versions).forEach(list::add);
        root.put("minified", "composer/2.0");
        return Json.compact(root);
    }

    /** One version as the client reads it: composer.json's fields plus name, version, version_normalized, dist, time. */
    static ObjectNode versionEntry(BuiltVersion v, String base) {
        ObjectNode entry = Json.MAPPER.createObjectNode();
        entry.put("name", v.name);
        entry.put("version", v.version);
        entry.put("version_normalized", v.versionNormalized);
        Iterator<Map.Entry<String, JsonNode>> fields = v.composerJson.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = f.getKey();
            if (!key.equals("name") && !key.equals("version") && !key.equals("version_normalized") && !key.equals("dist")
                    && !key.equals("source") && !key.equals("time")) {
                entry.set(key, f.getValue());
            }
        }
        if (!entry.has("type")) {
            entry.put("type", "library");
        }
        if (v.distPath != null) {
            ObjectNode dist = entry.putObject("dist");
            dist.put("type", "zip");
            dist.put("url", base + v.distPath);
            dist.put("reference", v.sha1);
            dist.put("shasum", v.sha1);
        }
        if (v.time != null) {
            entry.put("time", v.time);
        }
        return entry;
    }
}
