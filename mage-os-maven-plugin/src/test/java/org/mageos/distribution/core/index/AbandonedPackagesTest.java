package org.mageos.distribution.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.composer.MetadataMinifier;
import org.mageos.distribution.core.config.AbandonedPackage;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.testing.Processes;
import org.mageos.distribution.core.testing.RecordingLog;

/** {@code <abandonedPackages>}: Composer's {@code abandoned} on every version of a package, in the metadata. */
class AbandonedPackagesTest {

    @TempDir
    Path tmp;

    private static AbandonedPackage abandoned(String name, String replacement, boolean abandoned) {
        AbandonedPackage p = new AbandonedPackage();
        p.setName(name);
        p.setReplacement(replacement);
        p.setAbandoned(abandoned);
        return p;
    }

    private RepositoryFixture fixture(Path dir) throws Exception {
        RepositoryFixture f = new RepositoryFixture(dir);
        f.add("acme/old", "1.0.0", "", "a");
        f.add("acme/old", "1.1.0", "", "b");
        f.add("acme/new", "2.0.0", "", "c");
        f.add("acme/gone", "1.0.0", "", "d");
        return f;
    }

    private static List<JsonNode> versions(Path p2, String name) throws Exception {
        List<com.fasterxml.jackson.databind.node.ObjectNode> list = new java.util.ArrayList<>();
        Json.MAPPER.readTree(p2.toFile()).get("packages").get(name).forEach(v -> list.add((com.fasterxml.jackson.databind.node.ObjectNode) v));
        return List.copyOf(MetadataMinifier.expand(list));
    }

    @Test
    void everyVersionSaysItAndComposerWarnsOnInstall() throws Exception {
        RepositoryFixture f = fixture(tmp.resolve("repo"));
        String base = f.dir.toUri().toString().replaceFirst("^file:/(?!/)", "file:///");
        IndexOptions options = IndexOptions.at(base);
        options.abandoned = AbandonedPackage.byName(List.of(abandoned("acme/old", "acme/new", true), abandoned("acme/gone", null, true)));
        new RepositoryIndex(DistributionLog.SILENT).write(f.manifest, options, f.dir);

        for (JsonNode v : versions(f.dir.resolve("p2/acme/old.json"), "acme/old")) {
            assertEquals("acme/new", v.path("abandoned").asText(), v.toString());
        }
        assertTrue(versions(f.dir.resolve("p2/acme/gone.json"), "acme/gone").get(0).path("abandoned").asBoolean());
        assertFalse(versions(f.dir.resolve("p2/acme/new.json"), "acme/new").get(0).has("abandoned"));

        Path project = Processes.composerProject(tmp.resolve("project"), base);
        String out = Processes.composer(project, "require", "acme/old:1.1.0", "acme/gone:1.0.0", "--no-audit", "--no-progress");
        assertTrue(out.contains("Package acme/old is abandoned, you should avoid using it. Use acme/new instead."), out);
        assertTrue(out.contains("Package acme/gone is abandoned, you should avoid using it. No replacement was suggested."), out);
    }

    @Test
    void falseTakesTheMarkBackFromPublishedVersions() throws Exception {
        RepositoryFixture first = fixture(tmp.resolve("first"));
        IndexOptions options = IndexOptions.at("https://mirror.example.org/");
        options.abandoned = AbandonedPackage.byName(List.of(abandoned("acme/old", null, true)));
        new RepositoryIndex(DistributionLog.SILENT).write(first.manifest, options, first.dir);
        assertTrue(versions(first.dir.resolve("p2/acme/old.json"), "acme/old").get(1).path("abandoned").asBoolean());

        // the next build makes nothing of acme/old: its versions come from the published repository, marked
        RepositoryFixture next = new RepositoryFixture(tmp.resolve("next"));
        next.add("acme/new", "2.0.0", "", "c");
        IndexOptions kept = IndexOptions.at("https://mirror.example.org/");
        kept.publishedRepositoryUrl = first.dir.toString();
        new RepositoryIndex(DistributionLog.SILENT).write(next.manifest, kept, next.dir);
        assertTrue(versions(next.dir.resolve("p2/acme/old.json"), "acme/old").get(1).path("abandoned").asBoolean());

        IndexOptions taken = IndexOptions.at("https://mirror.example.org/");
        taken.publishedRepositoryUrl = first.dir.toString();
        taken.abandoned = AbandonedPackage.byName(List.of(abandoned("acme/old", null, false)));
        new RepositoryIndex(DistributionLog.SILENT).write(next.manifest, taken, next.dir);
        versions(next.dir.resolve("p2/acme/old.json"), "acme/old").forEach(v -> assertFalse(v.has("abandoned"), v.toString()));
    }

    @Test
    void aNameTheRepositoryLacksIsWarnedAbout() throws Exception {
        RepositoryFixture f = fixture(tmp.resolve("repo"));
        IndexOptions options = IndexOptions.at("https://mirror.example.org/");
        options.abandoned = Map.of("acme/typo", "true");
        RecordingLog log = new RecordingLog();
        new RepositoryIndex(log).write(f.manifest, options, f.dir);
        assertTrue(log.text().contains("<abandonedPackage> acme/typo: the repository has no such package"), log.text());
    }

    @Test
    void badElementsAreRefusedByName() {
        assertEquals("<abandonedPackage><name>Acme/Old</name> is not a package name (vendor/name, lower case)", assertThrows(DistributionException.class,
                () -> AbandonedPackage.byName(List.of(abandoned("Acme/Old", null, true)))).getMessage());
        assertEquals("<abandonedPackage><name>acme/old</name><replacement>new</replacement> is not a package name (vendor/name, lower case)",
                assertThrows(DistributionException.class, () -> AbandonedPackage.byName(List.of(abandoned("acme/old", "new", true)))).getMessage());
        assertEquals("<abandonedPackage><name>acme/old</name> is listed twice in <abandonedPackages>", assertThrows(DistributionException.class,
                () -> AbandonedPackage.byName(List.of(abandoned("acme/old", null, true), abandoned("acme/old", "acme/new", true)))).getMessage());
        assertEquals("<abandonedPackage><name>acme/old</name> has a <replacement> but <abandoned>false</abandoned>", assertThrows(DistributionException.class,
                () -> AbandonedPackage.byName(List.of(abandoned("acme/old", "acme/new", false)))).getMessage());
        assertEquals(Map.of("a/b", "true", "c/d", "e/f", "g/h", "false"), AbandonedPackage.byName(List.of(abandoned("a/b", null, true),
                abandoned("c/d", "e/f", true), abandoned("g/h", "", false))));
    }
}
