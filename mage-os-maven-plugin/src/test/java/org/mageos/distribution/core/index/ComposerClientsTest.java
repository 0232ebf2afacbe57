package org.mageos.distribution.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.packaging.PackagedVersion;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.testing.Processes;

/** The index as Composer's own code reads it: the real composer client, and composer/metadata-minifier run by PHP. */
class ComposerClientsTest {

    @TempDir
    Path tmp;

    private RepositoryFixture fixture() throws Exception {
        RepositoryFixture f = new RepositoryFixture(tmp.resolve("repo"));
        f.add("acme/lib", "1.9.0", ", \"require\": {\"php\": \">=7.4\"}, \"suggest\": {\"ext-intl\": \"dates\"}", "a");
        f.add("acme/lib", "1.10.0", ", \"require\": {\"php\": \">=7.4\"}", "b");
        f.add("acme/lib", "2.0.0-beta.1", ", \"require\": {\"php\": \">=8.1\"}, \"license\": \"MIT\"", "c");
        f.add("acme/lib", "1.10.1-p1", ", \"require\": {\"php\": \">=7.4\"}", "d");
        f.add("acme/lib", "2.0.x-dev", ", \"require\": {\"php\": \">=8.1\"}", "e");
        f.add("acme/meta", "1.0.0", ", \"type\": \"metapackage\", \"require\": {\"acme/lib\": \"1.10.1-p1\"}", null);
        return f;
    }

    /** The entry a client must see for a built version, made here from the fixture's own data. */
    private static ObjectNode expectedEntry(PackagedVersion v, String base) {
        ObjectNode e = v.composerJson.deepCopy();
        e.put("version_normalized", v.versionNormalized);
        if (!e.has("type")) {
            e.put("type", "library");
        }
        if (v.sha1 != null) {
            ObjectNode dist = e.putObject("dist");
            dist.put("type", "zip");
            dist.put("url", base + v.distPath);
            dist.put("reference", v.sha1);
            dist.put("shasum", v.sha1);
        }
        e.put("time", v.time);
        return e;
    }

    @Test
    void composerReadingOnlyIncludesSeesEveryVersionAndInstallsFromThem() throws Exception {
        RepositoryFixture f = fixture();
        String base = f.dir.toUri().toString().replaceFirst("^file:/(?!/)", "file:///");
        new RepositoryIndex(DistributionLog.SILENT).write(f.manifest, base, f.dir);

        ObjectNode packagesJson = (ObjectNode) Json.MAPPER.readTree(f.dir.resolve("packages.json").toFile());
        JsonNode includes = packagesJson.get("includes");
        assertEquals(1, includes.size());
        String include = includes.fieldNames().next();
        assertEquals(RepositoryFixture.sha1(f.dir.resolve(include)), includes.get(include).get("sha1").asText());
        assertEquals("include/all$" + includes.get(include).get("sha1").asText() + ".json", include);
        // a Composer 1 era repository: nothing but includes
        packagesJson.remove("metadata-url");
        packagesJson.remove("available-packages");
        Files.write(f.dir.resolve("packages.json"), Json.pretty(packagesJson));
        Files.walk(f.dir.resolve("p2")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());

        Path project = Processes.composerProject(tmp.resolve("project"), base);
        String shown = Processes.composer(project, "show", "--all", "--format=json", "acme/lib");
        Set<String> versions = new HashSet<>();
        Json.MAPPER.readTree(shown.substring(shown.indexOf('{'))).get("versions").forEach(v -> versions.add(v.asText()));
        Set<String> expected = new HashSet<>();
        f.manifest.versions.stream().filter(v -> v.name.equals("acme/lib")).forEach(v -> expected.add(v.version));
        assertEquals(expected, versions);

        Processes.composer(project, "require", "acme/meta:1.0.0", "--no-audit", "--no-progress");
        assertEquals("d", Files.readString(project.resolve("vendor/acme/lib/src/File.php")));
        JsonNode lock = Json.MAPPER.readTree(project.resolve("composer.lock").toFile());
        assertEquals(f.manifest.versions.get(3).sha1, lock.get("packages").get(0).get("dist").get("shasum").asText());
    }

    @Test
    void minifiedFilesExpandWithComposersMinifierToExactlyTheFullForm() throws Exception {
        RepositoryFixture f = fixture();
        String base = "https://mirror.example.org/sub/";
        new RepositoryIndex(DistributionLog.SILENT).write(f.manifest, base, f.dir);
        Path script = tmp.resolve("expand.php");
        Files.writeString(script, "<?php\n"
                + "require '/usr/share/php/Composer/MetadataMinifier/autoload.php';\n"
                + "$file = json_decode(file_get_contents($argv[1]), true);\n"
                + "if ($file['minified'] !== 'composer/2.0') { fwrite(STDERR, 'not minified'); exit(1); }\n"
                + "$out = [];\n"
                + "foreach ($file['packages'] as $name => $versions) {\n"
                + "  $out[$name] = \\Composer\\MetadataMinifier\\MetadataMinifier::expand($versions);\n"
                + "}\n"
                + "echo json_encode($out, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);\n");
        for (String file : new String[] {"acme/lib", "acme/lib~dev", "acme/meta"}) {
            String name = file.replace("~dev", "");
            Path p2 = f.dir.resolve("p2/" + file + ".json");
            assertTrue(Json.MAPPER.readTree(p2.toFile()).get("packages").get(name).size() > 0);
            String out = Processes.run(tmp, Map.of(), List.of("php", script.toString(), p2.toString()));
            JsonNode expanded = Json.MAPPER.readTree(out).get(name);
            // newest first, each whole
            List<PackagedVersion> versions = new ArrayList<>();
            f.manifest.versions.stream().filter(v -> v.name.equals(name) && v.version.endsWith("-dev") == file.endsWith("~dev"))
                    .forEach(versions::add);
            List<String> order = file.equals("acme/lib") ? List.of("2.0.0-beta.1", "1.10.1-p1", "1.10.0", "1.9.0")
                    : file.equals("acme/lib~dev") ? List.of("2.0.x-dev") : List.of("1.0.0");
            assertEquals(order.size(), expanded.size());
            for (int i = 0; i < order.size(); i++) {
                String version = order.get(i);
                PackagedVersion v = versions.stream().filter(b -> b.version.equals(version)).findFirst().orElseThrow();
                assertEquals(expectedEntry(v, base), expanded.get(i), file + " entry " + i);
            }
        }
    }
}
