package org.mageos.distribution.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.index.IndexOptions;
import org.mageos.distribution.core.index.RepositoryIndex;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.packaging.PackageBuilder;
import org.mageos.distribution.core.packaging.PackageManifest;
import org.mageos.distribution.core.plan.PackagePlan;
import org.mageos.distribution.core.plan.PackagePlanner;
import org.mageos.distribution.core.published.PublishedRepository;
import org.mageos.distribution.core.testing.Processes;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;

/**
 * Two nights of {@code <nightlyVersions>branch</nightlyVersions>} deployed to a folder one after the other, as a
 * nightly job runs them (plan, package, index merged with what is published, deploy), each from a fresh output
 * folder: the second replaces the published {@code dev-develop} entry, uploads its own zip beside the first night's,
 * is not refused as a changed dist, and the real Composer updates a project to the new commit.
 */
class NightlyBranchDeployTest {

    @TempDir
    Path tmp;

    private static final Instant TIMESTAMP = Instant.parse("2026-11-01T00:00:00Z");

    private static String module(String require) {
        return "{\n    \"name\": \"acme/module-a\",\n    \"require\": {" + require + "}\n}\n";
    }

    /** One night: plan, package into a fresh folder, index with the published repository, deploy to it. */
    private Deployer.Result night(TestRepository repo, Path published, String name, RecordingLog deployLog) throws Exception {
        Source source = new Source("modules", repo.dir().toString());
        source.setPackages(List.of(new PackageRule("*")));
        source.setBranches(List.of("develop"));
        Distribution distribution = new Distribution().setNightlyVersions(Distribution.BRANCH).setNightlyDate(LocalDate.of(2026, 11, 21))
                .setSources(List.of(source));
        PackagePlan plan = new PackagePlanner(DistributionLog.SILENT).plan(List.of(new PackagePlanner.SourceRepository(source, repo.git().getRepository())),
                distribution);
        Path out = tmp.resolve(name);
        plan.keep(PublishedRepository.of(DistributionLog.SILENT, null, published), false);
        PackageManifest manifest = new PackageBuilder(DistributionLog.SILENT, TIMESTAMP, 1).build(plan, Map.of("modules", repo.git().getRepository()), out);
        IndexOptions options = IndexOptions.at(published.toUri().toString());
        // the first night has nothing published yet
        options.publishedRepositoryUrl = Files.isRegularFile(published.resolve("packages.json")) ? published.toString() : null;
        new RepositoryIndex(DistributionLog.SILENT).write(manifest, options, out);
        try (DeployTarget target = new DirectoryTarget(published)) {
            return new Deployer(deployLog, DeployScenarios.options()).deploy(out, target);
        }
    }

    private static JsonNode devEntries(Path published) throws Exception {
        return Json.MAPPER.readTree(published.resolve("p2/acme/module-a~dev.json").toFile()).path("packages").path("acme/module-a");
    }

    @Test
    void theSecondNightReplacesTheBranchVersionKeepsTheOldZipAndComposerUpdatesToIt() throws Exception {
        Path published = Files.createDirectories(tmp.resolve("published"));
        try (TestRepository repo = TestRepository.create(tmp.resolve("repo"))) {
            repo.commit("release", Map.of("A/composer.json", module(""), "A/Thing.php", "<?php // 1.0.0\n"));
            repo.tag("1.0.0");
            RevCommit first = repo.commit("night 1", Map.of("A/Thing.php", "<?php // night 1\n"));
            repo.git().branchCreate().setName("develop").call();

            night(repo, published, "night1", new RecordingLog());
            JsonNode entries1 = devEntries(published);
            assertEquals(1, entries1.size());
            assertEquals(first.name(), entries1.get(0).path("dist").path("reference").asText());
            String zip1 = entries1.get(0).path("dist").path("url").asText().substring(published.toUri().toString().length());

            Path project = Processes.composerProject(tmp.resolve("project"), published.toUri().toString());
            Processes.composer(project, "config", "minimum-stability", "dev");
            Processes.composer(project, "require", "acme/module-a:dev-develop", "--no-audit", "--no-progress");
            assertEquals("<?php // night 1\n", Files.readString(project.resolve("vendor/acme/module-a/Thing.php")));

            RevCommit second = repo.commit("night 2", Map.of("A/Thing.php", "<?php // night 2\n"));
            repo.git().branchCreate().setName("develop").setForce(true).call();
            RecordingLog log = new RecordingLog();
            Deployer.Result result = night(repo, published, "night2", log);

            JsonNode entries2 = devEntries(published);
            assertEquals(1, entries2.size(), "one dev-develop entry: the new head replaced the published one");
            assertEquals("dev-develop", entries2.get(0).path("version").asText());
            assertEquals(second.name(), entries2.get(0).path("dist").path("reference").asText());
            String zip2 = entries2.get(0).path("dist").path("url").asText().substring(published.toUri().toString().length());
            assertNotEquals(zip1, zip2, "each commit gets a zip of its own");
            assertTrue(Files.isRegularFile(published.resolve(zip1)), "the first night's zip stays for the lock files that recorded it");
            assertTrue(Files.isRegularFile(published.resolve(zip2)));
            List<String> uploaded = result.uploaded.stream().sorted().collect(Collectors.toList());
            assertTrue(uploaded.contains(zip2) && uploaded.contains("p2/acme/module-a~dev.json"), uploaded.toString());
            assertTrue(!uploaded.contains(zip1), "the old zip is not touched: " + uploaded);
            assertTrue(log.lines.contains("DEBUG uploaded " + zip2 + " (missing on the target)"), log.text());
            // the p2 entry changed; no dist was replaced (a changed dist would have been refused before any upload)
            assertEquals(List.of(zip2), uploaded.stream().filter(f -> f.startsWith("dist/")).collect(Collectors.toList()));
            assertTrue(log.lines.contains("DEBUG uploaded p2/acme/module-a~dev.json (changed: other bytes)"), log.text());

            Processes.composer(project, "update", "--no-audit", "--no-progress");
            assertEquals("<?php // night 2\n", Files.readString(project.resolve("vendor/acme/module-a/Thing.php")));
            JsonNode lock = Json.MAPPER.readTree(project.resolve("composer.lock").toFile()).path("packages").get(0);
            assertEquals(second.name(), lock.path("dist").path("reference").asText());
        }
    }
}
