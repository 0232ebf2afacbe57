package org.mageos.distribution.core.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.io.RetryPolicy;
import org.mageos.distribution.core.index.IndexOptions;
import org.mageos.distribution.core.index.RepositoryIndex;
import org.mageos.distribution.core.published.RepositoryReader;
import org.mageos.distribution.core.version.VersionParser;

/**
 * The target's index as it is at deploy time (read under the deploy lock), merged with the build's: the index on a
 * target only grows unless a version is removed on purpose. A version the target lists and the build lacks (a build
 * of other tags, another release job's versions, a {@code <tags>} that selected nothing) is kept; only
 * {@code <removeVersions>} and nightlies past {@code <nightlyRetentionDays>} leave. A released version the build
 * has with other bytes or under another version string ({@code 1.0.0} beside a published {@code v1.0.0}) is refused
 * unless {@code <republishVersions>} lists it; a branch version (dev) moves. The target's metadata is read only for
 * packages whose p2 files differ from the build's, so a deploy of a build that already merged the published
 * repository reads little.
 */
final class TargetIndex {

    private TargetIndex() {
    }

    /** The metadata to deploy instead of the build's (path to a staged file), or null when the build's already hold every kept version. */
    static Map<String, Path> merge(Path repositoryDir, Map<String, DeployTarget.RemoteFile> remote, Set<String> sameOnTarget,
            DeployTarget target, RetryPolicy retry, DeployOptions options, Path staging, DistributionLog log) throws IOException {
        if (!remote.containsKey("packages.json")) {
            return null; // a new target
        }
        RepositoryReader theirs = reader(target, remote, retry, log);
        ObjectNode theirRoot = parse(theirs.get("packages.json"), target.describe() + " packages.json");
        ObjectNode ourRoot = parse(Files.readAllBytes(repositoryDir.resolve("packages.json")), repositoryDir.resolve("packages.json").toString());
        Map<String, Map<String, ObjectNode>> ours = byVersion(new RepositoryReader(repositoryDir.toString()).read(), repositoryDir.toString());

        Map<String, List<ObjectNode>> targetVersions = new TreeMap<>();
        JsonNode available = theirRoot.get("available-packages");
        if (available != null && available.isArray() && theirRoot.path("metadata-url").asText("").endsWith("p2/%package%.json")) {
            List<String> differ = new ArrayList<>();
            for (JsonNode n : available) {
                String name = n.asText();
                if (!(same(sameOnTarget, remote, repositoryDir, "p2/" + name + ".json") && same(sameOnTarget, remote, repositoryDir, "p2/" + name + "~dev.json")
                        && ours.containsKey(name))) {
                    differ.add(name); // else the same files: the same versions
                }
            }
            theirs.readPackages(differ).forEach((name, versions) -> {
                if (versions == null) {
                    log.warn(target.describe() + " lists " + name + " in packages.json but has no p2/" + name + ".json");
                } else {
                    targetVersions.put(name, versions);
                }
            });
        } else {
            targetVersions.putAll(theirs.read()); // a repository of another shape (Composer 1 includes)
        }

        if (targetVersions.isEmpty()) {
            return null;
        }
        IndexOptions index = indexOptions(ourRoot, options);
        Map<String, Map<String, ObjectNode>> merged = new TreeMap<>();
        ours.forEach((name, versions) -> merged.put(name, new TreeMap<>(versions)));
        List<String> kept = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (Map.Entry<String, List<ObjectNode>> e : targetVersions.entrySet()) {
            String name = e.getKey();
            for (ObjectNode old : e.getValue()) {
                String version = old.path("version").asText("");
                String normalized = RepositoryIndex.normalized(old, target.describe() + " " + name);
                ObjectNode built = ours.getOrDefault(name, Map.of()).get(normalized);
                if (built != null) {
                    String oldSha = old.path("dist").path("shasum").asText("");
                    String newSha = built.path("dist").path("shasum").asText("");
                    boolean branch = "dev".equals(VersionParser.parseStability(version));
                    if (!branch && (!oldSha.equals(newSha) || !version.equals(built.path("version").asText()))
                            && !index.mayRepublish(name, normalized)) {
                        conflicts.add(name + ": " + version + " published (sha1 " + (oldSha.isEmpty() ? "none" : oldSha) + "), "
                                + built.path("version").asText() + " in this build (sha1 " + (newSha.isEmpty() ? "none" : newSha) + ")");
                    }
                    continue;
                }
                if (index.removes(name, normalized)) {
                    log.info("Removing " + name + " " + version + " from the index of " + target.describe() + " (<removeVersions>)");
                } else if (index.expiredNightly(version)) {
                    log.info("Removing nightly " + name + " " + version + " from the index of " + target.describe() + " (<nightlyRetentionDays>)");
                } else {
                    old.put("version_normalized", normalized);
                    merged.computeIfAbsent(name, k -> new TreeMap<>()).put(normalized, old);
                    kept.add(name + " " + version);
                }
            }
        }
        if (!conflicts.isEmpty()) {
            throw new DistributionException("Deploy to " + target.describe() + " refused, nothing was uploaded: " + conflicts.size()
                    + " version(s) it publishes would be replaced by other bytes or another version string (their lock files would break):\n  "
                    + String.join("\n  ", conflicts) + "\nTo publish them again on purpose, list them in <republishVersions><republishVersion>"
                    + "vendor/name:version</republishVersion></republishVersions>.");
        }
        if (kept.isEmpty()) {
            return null;
        }
        log.info("The index of " + target.describe() + " lists " + kept.size() + " version(s) this build does not: kept in the index deployed ("
                + String.join(", ", kept.subList(0, Math.min(10, kept.size()))) + (kept.size() > 10 ? ", ..." : "")
                + "); <removeVersions> removes a version on purpose");
        Map<String, List<ObjectNode>> all = new TreeMap<>();
        merged.forEach((name, versions) -> all.put(name, new ArrayList<>(versions.values())));
        String base = index.repositoryUrl;
        Map<String, Path> staged = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> f : RepositoryIndex.render(all, index, v -> distSize(v, base, repositoryDir, remote), log).entrySet()) {
            Path file = staging.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, f.getValue());
            staged.put(f.getKey(), file);
        }
        return staged;
    }

    /** The target's repository as a client reads it, through the target; {@code remote} lists the files there. */
    static RepositoryReader reader(DeployTarget target, Map<String, DeployTarget.RemoteFile> remote, RetryPolicy retry, DistributionLog log) {
        return new RepositoryReader(target.describe().endsWith("/") ? target.describe() : target.describe() + "/", path -> {
            DeployTarget.Stored stored = remote.containsKey(path) ? retry.call(log, "read " + path, () -> target.read(path)) : null;
            return stored == null ? null : stored.bytes;
        });
    }

    /** Whether a metadata file is the same here and on the target, or absent from both. */
    private static boolean same(Set<String> sameOnTarget, Map<String, DeployTarget.RemoteFile> remote, Path repositoryDir, String path) {
        return sameOnTarget.contains(path) || !remote.containsKey(path) && !Files.exists(repositoryDir.resolve(path));
    }

    /** The build's settings, as its packages.json shows them, with the deploy's removal rules. */
    private static IndexOptions indexOptions(ObjectNode packagesJson, DeployOptions options) {
        String metadataUrl = packagesJson.path("metadata-url").asText("");
        if (!metadataUrl.endsWith("p2/%package%.json")) {
            throw new DistributionException("Cannot merge with the target's index: the built packages.json has no metadata-url ending in p2/%package%.json");
        }
        IndexOptions index = IndexOptions.at(metadataUrl.substring(0, metadataUrl.length() - "p2/%package%.json".length()));
        index.includes = packagesJson.has("includes");
        index.notifyBatch = packagesJson.path("notify-batch").asText(null);
        index.copyRetention(options.retention);
        return index;
    }

    private static Map<String, Map<String, ObjectNode>> byVersion(Map<String, List<ObjectNode>> versions, String where) {
        Map<String, Map<String, ObjectNode>> result = new TreeMap<>();
        versions.forEach((name, list) -> {
            Map<String, ObjectNode> byNormalized = new TreeMap<>();
            for (ObjectNode v : list) {
                String normalized = RepositoryIndex.normalized(v, where + " " + name);
                v.put("version_normalized", normalized);
                byNormalized.putIfAbsent(normalized, v);
            }
            result.put(name, byNormalized);
        });
        return result;
    }

    private static ObjectNode parse(byte[] bytes, String what) {
        try {
            return Json.parseObject(bytes);
        } catch (IOException e) {
            throw new DistributionException("Cannot merge with the target's index: " + what + " is not valid JSON (" + e.getMessage()
                    + "); nothing was uploaded");
        }
    }

    private static Long distSize(ObjectNode v, String base, Path repositoryDir, Map<String, DeployTarget.RemoteFile> remote) {
        String url = v.path("dist").path("url").asText("");
        if (!url.startsWith(base)) {
            return null;
        }
        String relative = url.substring(base.length());
        Path local = repositoryDir.resolve(relative).normalize();
        try {
            if (local.startsWith(repositoryDir) && Files.isRegularFile(local)) {
                return Files.size(local);
            }
        } catch (IOException e) {
            return null;
        }
        DeployTarget.RemoteFile there = remote.get(relative);
        return there == null ? null : there.size;
    }
}
