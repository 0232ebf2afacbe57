/*
 * Compares a Composer repository built by this plugin with the package zips of another generator (the existing
 * JavaScript generator of the Mage-OS mirror), package version by package version. Not a test: a main class that
 * prints counts and differences (issue 14, proof on the real repositories).
 *
 *   mvn -q -f mage-os-maven-plugin/pom.xml -Pbench test-compile exec:java -Dexec.classpathScope=test \
 *       -Dexec.mainClass=org.mageos.distribution.benchmark.MirrorComparison \
 *       -Dexec.args="--ours DIR --reference DIR [--details N]"
 *
 * --ours: the built repository (packages.json, p2/, dist/). Each version of p2/<vendor>/<name>.json and ~dev.json
 *   (minified metadata expanded) is read; its dist zip is found under the repository by the path of its URL.
 * --reference: a folder searched for *.zip at any depth (the generator writes <vendor>/<name>-<version>.zip and
 *   copies its prebuilt zips to additional/); each zip's composer.json names the package version.
 * A version is the pair (name, version as written). For each version in both it compares the file list (zip entries
 * that are files), the files' CRC-32 (composer.json excepted) and the composer.json (as JSON: key order ignored);
 * a metapackage without a dist is compared through its metadata (Composer installs a metapackage without downloading
 * anything, so a reference zip holding only its composer.json is no difference). It prints the counts, then the differences by
 * kind, each version at most once per kind, and the first N (--details, default 20) details of each.
 */
package org.mageos.distribution.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

public final class MirrorComparison {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** metadata keys that a repository adds and a package's composer.json does not carry */
    private static final Set<String> METADATA_ONLY = Set.of(
            "version_normalized", "dist", "source", "time", "notification-url", "installation-source", "uid");

    /** One package version as one side publishes it. */
    record Version(String name, String version, JsonNode composerJson, Map<String, Long> files, String origin,
                   boolean prebuilt) {
        String key() {
            return name + " " + version;
        }
    }

    private final Map<String, List<String>> differences = new TreeMap<>();
    private int details = 20;
    private int metadataOnlyMetapackages;

    public static void main(String[] args) throws IOException {
        Path ours = null;
        Path reference = null;
        MirrorComparison comparison = new MirrorComparison();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--ours" -> ours = Path.of(args[++i]);
                case "--reference" -> reference = Path.of(args[++i]);
                case "--details" -> comparison.details = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (ours == null || reference == null) {
            throw new IllegalArgumentException("usage: --ours REPOSITORY --reference FOLDER [--details N]");
        }
        comparison.run(ours, reference);
    }

    void run(Path ours, Path reference) throws IOException {
        Map<String, Version> mine = readRepository(ours);
        Map<String, Version> theirs = readZips(reference);
        int compared = 0;
        int equal = 0;
        int comparedPrebuilt = 0;
        int equalPrebuilt = 0;
        for (Version ref : theirs.values()) {
            Version our = mine.get(ref.key());
            if (our == null) {
                note(ref.prebuilt() ? "missing in ours (reference prebuilt zip)" : "missing in ours", ref.key(),
                        ref.origin());
                continue;
            }
            compared++;
            boolean same = compare(our, ref);
            if (same) {
                equal++;
            }
            if (ref.prebuilt()) {
                comparedPrebuilt++;
                equalPrebuilt += same ? 1 : 0;
            }
        }
        for (Version our : mine.values()) {
            if (!theirs.containsKey(our.key())) {
                note("extra in ours", our.key(), versionsOfName(theirs, our.name()));
            }
        }
        System.out.printf("ours: %d package versions (%s)%n", mine.size(), ours);
        System.out.printf("reference: %d package versions, %d of them prebuilt zips (%s)%n", theirs.size(),
                theirs.values().stream().filter(Version::prebuilt).count(), reference);
        System.out.printf("compared (in both): %d, equal: %d, differing: %d%n", compared, equal, compared - equal);
        System.out.printf("of which the reference's prebuilt zips: compared %d, equal %d%n", comparedPrebuilt, equalPrebuilt);
        System.out.printf("(metapackages that ours publishes as metadata only and the reference as a zip of its"
                + " composer.json, not a difference: %d)%n", metadataOnlyMetapackages);
        for (Map.Entry<String, List<String>> kind : differences.entrySet()) {
            System.out.printf("%n%s: %d%n", kind.getKey(), kind.getValue().size());
            kind.getValue().stream().limit(details).forEach(line -> System.out.println("  " + line));
        }
    }

    /** true when equal; notes every difference otherwise */
    private boolean compare(Version our, Version ref) {
        boolean equal = true;
        if (our.files() != null && ref.files() != null) {
            Set<String> onlyOurs = new TreeSet<>(our.files().keySet());
            onlyOurs.removeAll(ref.files().keySet());
            Set<String> onlyTheirs = new TreeSet<>(ref.files().keySet());
            onlyTheirs.removeAll(our.files().keySet());
            if (!onlyOurs.isEmpty() || !onlyTheirs.isEmpty()) {
                equal = false;
                note("file list", our.key(), "only ours " + first(onlyOurs) + ", only reference " + first(onlyTheirs));
            }
            List<String> changed = new ArrayList<>();
            for (Map.Entry<String, Long> file : our.files().entrySet()) {
                Long theirs = ref.files().get(file.getKey());
                if (theirs != null && !theirs.equals(file.getValue()) && !file.getKey().equals("composer.json")) {
                    changed.add(file.getKey());
                }
            }
            if (!changed.isEmpty()) {
                equal = false;
                note("file content (CRC-32)", our.key(), changed.size() + " files: " + first(changed));
            }
        } else if (our.files() == null && isMetapackage(ref) && ref.files().keySet().equals(Set.of("composer.json"))) {
            // Composer installs a metapackage from its metadata alone: a zip of its composer.json is no difference
            metadataOnlyMetapackages++;
        } else if ((our.files() == null) != (ref.files() == null)) {
            equal = false;
            note("zip presence", our.key(), our.files() == null ? "no zip in ours (metadata only)"
                    : "zip in ours, reference has none");
        }
        ObjectNode ourJson = withoutMetadataKeys(our.composerJson());
        ObjectNode refJson = withoutMetadataKeys(ref.composerJson());
        if (!ourJson.equals(refJson)) {
            equal = false;
            for (String section : sectionNames(ourJson, refJson)) {
                JsonNode a = ourJson.get(section);
                JsonNode b = refJson.get(section);
                if (a != null && a.equals(b)) {
                    continue;
                }
                note("composer.json " + section, our.key(), describe(a, b));
            }
        }
        return equal;
    }

    private static boolean isMetapackage(Version version) {
        return "metapackage".equals(version.composerJson().path("type").asText());
    }

    private static String describe(JsonNode ours, JsonNode theirs) {
        if (ours != null && theirs != null && ours.isObject() && theirs.isObject()) {
            List<String> parts = new ArrayList<>();
            for (String key : sectionNames((ObjectNode) ours, (ObjectNode) theirs)) {
                JsonNode a = ours.get(key);
                JsonNode b = theirs.get(key);
                if (a == null || !a.equals(b)) {
                    parts.add(key + ": ours " + a + ", reference " + b);
                }
            }
            return String.join("; ", parts);
        }
        return "ours " + ours + ", reference " + theirs;
    }

    private static Set<String> sectionNames(ObjectNode a, ObjectNode b) {
        Set<String> names = new TreeSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ObjectNode withoutMetadataKeys(JsonNode json) {
        ObjectNode copy = json.deepCopy();
        copy.remove(METADATA_ONLY);
        return copy;
    }

    private void note(String kind, String key, String detail) {
        differences.computeIfAbsent(kind, k -> new ArrayList<>()).add(key + ": " + detail);
    }

    private static String first(java.util.Collection<String> values) {
        List<String> list = new ArrayList<>(values);
        return list.size() <= 5 ? list.toString() : list.subList(0, 5) + " and " + (list.size() - 5) + " more";
    }

    private static String versionsOfName(Map<String, Version> versions, String name) {
        List<String> same = versions.values().stream().filter(v -> v.name().equals(name)).map(Version::version)
                .sorted().toList();
        return same.isEmpty() ? "name not in reference" : "reference has " + first(same);
    }

    // ---- reading the two sides ----

    private static Map<String, Version> readRepository(Path root) throws IOException {
        Map<String, Version> versions = new TreeMap<>();
        Path p2 = root.resolve("p2");
        try (Stream<Path> files = Files.walk(p2)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode document = JSON.readTree(file.toFile());
                boolean minified = "composer/2.0".equals(document.path("minified").asText());
                for (Iterator<Map.Entry<String, JsonNode>> names = document.path("packages").fields(); names.hasNext(); ) {
                    Map.Entry<String, JsonNode> name = names.next();
                    ObjectNode previous = null;
                    for (JsonNode entry : name.getValue()) {
                        ObjectNode expanded = expand(previous, (ObjectNode) entry, minified);
                        previous = expanded;
                        Version version = ourVersion(root, expanded, file);
                        versions.put(version.key(), version);
                    }
                }
            }
        }
        return versions;
    }

    /** composer/metadata-minifier's expand: a version lists only the keys that changed since the one before */
    private static ObjectNode expand(ObjectNode previous, ObjectNode entry, boolean minified) {
        if (!minified || previous == null) {
            return entry.deepCopy();
        }
        ObjectNode expanded = previous.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> fields = entry.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if ("__unset".equals(field.getValue().asText(null))) {
                expanded.remove(field.getKey());
            } else {
                expanded.set(field.getKey(), field.getValue());
            }
        }
        return expanded;
    }

    private static Version ourVersion(Path root, ObjectNode metadata, Path file) {
        String name = metadata.path("name").asText();
        String version = metadata.path("version").asText();
        JsonNode url = metadata.path("dist").path("url");
        if (url.isMissingNode()) {
            return new Version(name, version, metadata, null, root.relativize(file).toString(), false);
        }
        String path = URI.create(url.asText()).getPath();
        int dist = path.indexOf("/dist/");
        Path zip = root.resolve(path.substring(dist + 1));
        ZipContent content = readZip(zip);
        return new Version(name, version, content.composerJson(), content.files(), root.relativize(zip).toString(),
                false);
    }

    private static Map<String, Version> readZips(Path root) throws IOException {
        Map<String, Version> versions = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path zip : files.filter(f -> f.toString().endsWith(".zip")).sorted().toList()) {
                ZipContent content = readZip(zip);
                JsonNode json = content.composerJson();
                String relative = root.relativize(zip).toString();
                Version version = new Version(json.path("name").asText(), json.path("version").asText(), json,
                        content.files(), relative, relative.startsWith("additional/"));
                Version earlier = versions.putIfAbsent(version.key(), version);
                if (earlier != null) {
                    System.out.printf("reference: %s twice (%s, %s); the first is compared%n", version.key(),
                            earlier.origin(), relative);
                }
            }
        }
        return versions;
    }

    record ZipContent(JsonNode composerJson, Map<String, Long> files) {
    }

    private static ZipContent readZip(Path path) {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Map<String, Long> files = new LinkedHashMap<>();
            String prefix = "";
            for (ZipEntry entry : zip.stream().toList()) {
                if (!entry.isDirectory()) {
                    files.put(entry.getName(), entry.getCrc());
                }
            }
            ZipEntry composer = zip.getEntry("composer.json");
            if (composer == null) {
                // a prebuilt zip may keep everything in one top folder
                String top = files.keySet().stream().filter(n -> n.endsWith("/composer.json"))
                        .filter(n -> n.indexOf('/') == n.lastIndexOf('/')).findFirst()
                        .orElseThrow(() -> new IllegalStateException(path + ": no composer.json"));
                prefix = top.substring(0, top.indexOf('/') + 1);
                composer = zip.getEntry(top);
            }
            JsonNode json;
            try (InputStream in = zip.getInputStream(composer)) {
                json = JSON.readTree(in);
            }
            Map<String, Long> relative = new LinkedHashMap<>();
            for (Map.Entry<String, Long> file : files.entrySet()) {
                if (file.getKey().startsWith(prefix)) {
                    relative.put(file.getKey().substring(prefix.length()), file.getValue());
                }
            }
            return new ZipContent(json, relative);
        } catch (IOException e) {
            throw new UncheckedIOException(path.toString(), e);
        }
    }
}
