package org.mageos.distribution.core.index;

import org.mageos.distribution.core.composer.MetadataMinifier;
import org.mageos.distribution.core.published.PlanRecord;
import org.mageos.distribution.core.published.RepositoryReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.codec.digest.DigestUtils;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.packaging.PackageManifest;
import org.mageos.distribution.core.packaging.PackagedVersion;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.io.AtomicFiles;
import org.mageos.distribution.core.version.InvalidVersionException;
import org.mageos.distribution.core.version.VersionComparator;
import org.mageos.distribution.core.version.NightlyVersion;
import org.mageos.distribution.core.version.VersionParser;

/**
 * Writes the Composer repository metadata: {@code p2/<name>.json} and {@code p2/<name>~dev.json} (minified,
 * newest first), Composer 1's {@code include/all$<sha1>.json} and, last, {@code packages.json} with
 * {@code metadata-url}, {@code available-packages} and {@code includes}. The versions are those this build made,
 * merged with those of the repository already published. Files whose content did not change are not rewritten,
 * so their mtime (a server's Last-Modified) stays put.
 */
public final class RepositoryIndex {

    private final DistributionLog log;

    public RepositoryIndex(DistributionLog log) {
        this.log = log;
    }

    /** Counts of what {@link #write} did. */
    public static final class Result {
        public int packages;
        public int versions;
        public int published;
        public int filesWritten;
        public int filesUnchanged;
    }

    public Result write(PackageManifest manifest, String repositoryUrl, Path repositoryDir) {
        return write(manifest, IndexOptions.at(repositoryUrl), repositoryDir);
    }

    public Result write(PackageManifest manifest, IndexOptions options, Path repositoryDir) {
        try (RepositoryReader published = options.publishedRepositoryUrl == null ? null
                : RepositoryReader.published(options.publishedRepositoryUrl, options.remoteRepositories)) {
            return write(manifest, options, repositoryDir, published);
        }
    }

    private Result write(PackageManifest manifest, IndexOptions options, Path repositoryDir, RepositoryReader published) {
        String base = options.base();
        Map<String, Map<String, ObjectNode>> byName = new TreeMap<>();
        for (PackagedVersion v : manifest.versions) {
            byName.computeIfAbsent(v.name, k -> new TreeMap<>()).put(v.versionNormalized, versionEntry(v, base));
        }
        Result result = new Result();
        if (published != null) {
            result.published = merge(byName, published, options, log);
        }
        remove(byName, options);
        Map<String, List<ObjectNode>> sorted = new TreeMap<>();
        byName.forEach((name, versions) -> sorted.put(name, new ArrayList<>(versions.values())));
        try {
            Map<String, byte[]> files = render(sorted, options, v -> distSize(v, base, repositoryDir, published), log);
            writeRecord(manifest, published, repositoryDir, result);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                if (f.getKey().equals("packages.json")) {
                    AtomicFiles.syncDirectories(); // what packages.json points to is on the disk before it is
                }
                count(result, AtomicFiles.writeIfChanged(repositoryDir.resolve(f.getKey()), f.getValue()));
            }
            AtomicFiles.syncDirectories();
            result.packages = sorted.size();
            result.versions = sorted.values().stream().mapToInt(List::size).sum();
            String include = files.keySet().stream().filter(f -> f.startsWith("include/")).findFirst().orElse(null);
            deleteOtherIncludes(repositoryDir, include);
        } catch (IOException e) {
            throw new DistributionException("Cannot write the repository index in " + repositoryDir + ": " + e.getMessage(), e);
        }
        log.info("Index: " + result.packages + " packages, " + result.versions + " versions (" + result.published
                + " already published); " + result.filesWritten + " files written, " + result.filesUnchanged + " up-to-date");
        return result;
    }

    /**
     * The metadata files of a repository serving these versions (full entries, any order), by path relative to the
     * repository, in the order they are to be made visible: p2 files, the include file, index.html, packages.json last.
     */
    public static Map<String, byte[]> render(Map<String, List<ObjectNode>> versionsByName, IndexOptions options,
            java.util.function.Function<ObjectNode, Long> distSize, DistributionLog log) {
        String base = options.base();
        Map<String, List<ObjectNode>> sorted = new TreeMap<>();
        versionsByName.forEach((name, versions) -> {
            List<ObjectNode> list = new ArrayList<>(versions);
            list.sort(Comparator.comparing((ObjectNode v) -> v.get("version_normalized").asText(), VersionComparator.ASCENDING).reversed());
            sorted.put(name, list);
        });
        abandon(sorted, options.abandoned, log);
        Map<String, ArrayNode> advisories = options.advisories == null ? null : AdvisoryMetadata.of(sorted, options.advisories, log);
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, List<ObjectNode>> e : sorted.entrySet()) {
            List<ObjectNode> stable = new ArrayList<>();
            List<ObjectNode> dev = new ArrayList<>();
            for (ObjectNode entry : e.getValue()) {
                ("dev".equals(VersionParser.parseStability(entry.get("version").asText())) ? dev : stable).add(entry);
            }
            // Composer reads advisories from p2/<name>.json only (ComposerRepository::getSecurityAdvisories), as Packagist writes them
            files.put("p2/" + e.getKey() + ".json", p2File(e.getKey(), stable, advisories == null ? null : advisories.get(e.getKey())));
            files.put("p2/" + e.getKey() + "~dev.json", p2File(e.getKey(), dev, null));
        }
        ObjectNode packagesJson = Json.MAPPER.createObjectNode();
        packagesJson.putArray("packages");
        if (options.notifyBatch != null && !options.notifyBatch.isBlank()) {
            packagesJson.put("notify-batch", options.notifyBatch.trim());
        }
        packagesJson.put("metadata-url", base + "p2/%package%.json");
        ArrayNode available = packagesJson.putArray("available-packages");
        sorted.keySet().forEach(available::add);
        if (advisories != null) {
            packagesJson.putObject("security-advisories").put("metadata", true);
        }
        if (options.includes) {
            byte[] all = includeFile(sorted);
            String sha1 = DigestUtils.sha1Hex(all);
            String include = "include/all$" + sha1 + ".json";
            files.put(include, all);
            packagesJson.putObject("includes").putObject(include).put("sha1", sha1);
        }
        files.put("index.html", IndexPage.render(base, sorted, distSize, advisories));
        files.put("packages.json", Json.pretty(packagesJson));
        return files;
    }

    /**
     * Adds the published versions this build did not make; a version both published and rebuilt must have the same
     * dist sha1 (else every lock file that recorded it breaks), unless named in republishVersions.
     * Returns the number of published versions.
     */
    private static int merge(Map<String, Map<String, ObjectNode>> byName, RepositoryReader published, IndexOptions options, DistributionLog log) {
        java.time.LocalDate keepFrom = options.nightlyRetentionDays == null ? null : options.nightlyDate.minusDays(options.nightlyRetentionDays);
        List<String> conflicts = new ArrayList<>();
        int count = 0;
        for (Map.Entry<String, List<ObjectNode>> e : published.read().entrySet()) {
            Map<String, ObjectNode> versions = byName.computeIfAbsent(e.getKey(), k -> new TreeMap<>());
            for (ObjectNode old : e.getValue()) {
                count++;
                String normalized = normalized(old, published.base() + " " + e.getKey());
                old.put("version_normalized", normalized);
                ObjectNode rebuilt = versions.get(normalized);
                java.time.LocalDate built = NightlyVersion.buildDate(old.path("version").asText());
                if (rebuilt == null && built != null && keepFrom != null && built.isBefore(keepFrom)) {
                    // the one exception to "never drop a published version": its zip stays until mage-os:purge
                    log.info("Nightly " + e.getKey() + " " + old.path("version").asText() + " of " + built + " is older than "
                            + options.nightlyRetentionDays + " days (<nightlyRetentionDays>): dropped from the index");
                    continue;
                }
                if (rebuilt == null) {
                    versions.put(normalized, old);
                    continue;
                }
                String oldSha = old.path("dist").path("shasum").asText("");
                String newSha = rebuilt.path("dist").path("shasum").asText("");
                if (oldSha.equals(newSha)) {
                    // the published entry stays as it is: its identity is what clients already recorded
                    versions.put(normalized, old);
                } else if ("dev".equals(VersionParser.parseStability(old.path("version").asText()))) {
                    // a branch version (dev-main) moves: this build's head replaces the published one, whose zip stays
                    continue;
                } else if (!matches(options.republishVersions, e.getKey(), normalized)) {
                    conflicts.add(e.getKey() + " " + old.path("version").asText() + ": published sha1 "
                            + (oldSha.isEmpty() ? "(none)" : oldSha) + ", rebuilt " + (newSha.isEmpty() ? "(none)" : newSha));
                }
            }
        }
        if (!conflicts.isEmpty()) {
            throw new DistributionException("Rebuilt package versions differ from the published ones at " + published.base()
                    + " (their lock files would break):\n  " + String.join("\n  ", conflicts)
                    + "\nTo publish them again on purpose, list them in <republishVersions><republishVersion>vendor/name:version"
                    + "</republishVersion></republishVersions>.");
        }
        return count;
    }

    /**
     * The record of the tags planned ({@link PlanRecord}, {@code mage-os-tags.json}): the published repository's,
     * with this build's tags added; written before packages.json. No file when neither has one.
     */
    private static void writeRecord(PackageManifest manifest, RepositoryReader published, Path repositoryDir, Result result) throws IOException {
        PlanRecord record = PlanRecord.of(manifest.plannedTags);
        if (published != null) {
            record = PlanRecord.parse(published.get(PlanRecord.FILE)).merge(record);
        }
        Path file = repositoryDir.resolve(PlanRecord.FILE);
        if (record.isEmpty()) {
            Files.deleteIfExists(file);
        } else {
            count(result, AtomicFiles.writeIfChanged(file, record.bytes()));
        }
    }

    private static void remove(Map<String, Map<String, ObjectNode>> byName, IndexOptions options) {
        for (String spec : options.removeVersions) {
            String[] parts = split(spec, "removeVersion");
            Map<String, ObjectNode> versions = byName.get(parts[0]);
            String normalized = normalizedSpec(parts[1], "removeVersion", spec);
            if (versions == null || versions.remove(normalized) == null) {
                throw new DistributionException("<removeVersion>" + spec + "</removeVersion>: the repository has no such version");
            }
            if (versions.isEmpty()) {
                byName.remove(parts[0]);
            }
        }
    }

    static boolean matches(List<String> specs, String name, String normalized) {
        for (String spec : specs) {
            String[] parts = split(spec, "republishVersion");
            if (parts[0].equals(name) && normalizedSpec(parts[1], "republishVersion", spec).equals(normalized)) {
                return true;
            }
        }
        return false;
    }

    static String[] split(String spec, String element) {
        String s = spec == null ? "" : spec.trim();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1 || !s.substring(0, colon).contains("/")) {
            throw new DistributionException("<" + element + ">" + spec + "</" + element + "> must be vendor/name:version");
        }
        return new String[] {s.substring(0, colon), s.substring(colon + 1)};
    }

    static String normalizedSpec(String version, String element, String spec) {
        try {
            return VersionParser.normalize(version);
        } catch (InvalidVersionException e) {
            throw new DistributionException("<" + element + ">" + spec + "</" + element + ">: " + e.getMessage());
        }
    }

    /** The normalized version of a metadata entry; an error naming {@code where} when it has none or an invalid one. */
    public static String normalized(ObjectNode entry, String where) {
        String version = entry.path("version").asText(null);
        if (version == null) {
            throw new DistributionException(where + ": a version entry has no version");
        }
        try {
            return VersionParser.normalize(version);
        } catch (InvalidVersionException e) {
            throw new DistributionException(where + ": version '" + version + "' is not a Composer version");
        }
    }

    private static void count(Result result, boolean written) {
        if (written) {
            result.filesWritten++;
        } else {
            result.filesUnchanged++;
        }
    }

    private static byte[] p2File(String name, List<ObjectNode> versions, ArrayNode advisories) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode list = root.putObject("packages").putArray(name);
        MetadataMinifier.minify(versions).forEach(list::add);
        root.put("minified", "composer/2.0");
        if (advisories != null) {
            root.set("security-advisories", advisories);
        }
        return Json.compact(root);
    }

    /**
     * Sets {@code abandoned} on every version of each package {@code abandoned} names ({@code true} or the replacement's
     * name), or removes it ({@code false}); warns of a name the repository does not have.
     */
    static void abandon(Map<String, List<ObjectNode>> versionsByName, Map<String, String> abandoned, DistributionLog log) {
        for (Map.Entry<String, String> a : abandoned.entrySet()) {
            List<ObjectNode> versions = versionsByName.get(a.getKey());
            if (versions == null) {
                log.warn("<abandonedPackage> " + a.getKey() + ": the repository has no such package");
                continue;
            }
            for (ObjectNode v : versions) {
                v.remove("abandoned"); // set at the end, wherever an earlier build put it: the same bytes either way
                if ("false".equals(a.getValue())) {
                    continue;
                } else if ("true".equals(a.getValue())) {
                    v.put("abandoned", true);
                } else {
                    v.put("abandoned", a.getValue());
                }
            }
        }
    }

    /** Composer 1's form, every version in full: {@code {"packages": {"vendor/name": {"1.0.0": {...}}}}}. */
    private static byte[] includeFile(Map<String, List<ObjectNode>> sorted) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode packages = root.putObject("packages");
        sorted.forEach((name, versions) -> {
            ObjectNode byVersion = packages.putObject(name);
            versions.forEach(v -> byVersion.set(v.get("version").asText(), v));
        });
        return Json.compact(root);
    }

    private static void deleteOtherIncludes(Path repositoryDir, String keep) throws IOException {
        Path dir = repositoryDir.resolve("include");
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "all$*.json")) {
            for (Path f : files) {
                if (keep == null || !f.equals(repositoryDir.resolve(keep))) {
                    Files.delete(f);
                }
            }
        }
    }

    /** The size of a version's zip, from this build's folder or a published folder; null when neither has it locally. */
    private static Long distSize(ObjectNode v, String base, Path repositoryDir, RepositoryReader published) {
        String url = v.path("dist").path("url").asText("");
        if (!url.startsWith(base)) {
            return null;
        }
        String relative = url.substring(base.length());
        try {
            Path local = repositoryDir.resolve(relative).normalize();
            if (local.startsWith(repositoryDir) && Files.isRegularFile(local)) {
                return Files.size(local);
            }
            if (published != null && published.base().startsWith("file:")) {
                Path there = Path.of(java.net.URI.create(published.base())).resolve(relative).normalize();
                return Files.isRegularFile(there) ? Files.size(there) : null;
            }
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return null;
        }
        return null;
    }

    /**
     * One version as the client reads it: name, version, version_normalized, composer.json's other fields in the order
     * of their names, then dist and time. Sorted because a version kept as the repository serves it comes back from
     * the expanded minified metadata, where keys are in another order than in the zip's composer.json: the same
     * version must give the same bytes whichever way it came.
     */
    static ObjectNode versionEntry(PackagedVersion v, String base) {
        ObjectNode entry = Json.MAPPER.createObjectNode();
        entry.put("name", v.name);
        entry.put("version", v.version);
        entry.put("version_normalized", v.versionNormalized);
        Set<String> keys = new TreeSet<>();
        v.composerJson.fieldNames().forEachRemaining(keys::add);
        keys.removeAll(List.of("name", "version", "version_normalized", "dist", "source", "time"));
        for (String key : keys) {
            entry.set(key, v.composerJson.get(key));
        }
        if (!entry.has("type")) {
            entry.put("type", "library");
        }
        if (v.distPath != null) {
            ObjectNode dist = entry.putObject("dist");
            dist.put("type", "zip");
            dist.put("url", base + v.distPath);
            // a branch version's reference is its commit, as Composer's own for VCS branches
            boolean branch = v.commit != null && "dev".equals(VersionParser.parseStability(v.version));
            dist.put("reference", branch ? v.commit : v.sha1);
            dist.put("shasum", v.sha1);
        }
        if (v.time != null) {
            entry.put("time", v.time);
        }
        return entry;
    }
}
