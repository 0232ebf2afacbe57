package org.mageos.distribution.core.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.GitCache;
import org.mageos.distribution.core.index.IndexOptions;
import org.mageos.distribution.core.index.RepositoryIndex;
import org.mageos.distribution.core.index.RepositoryVerifier;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.publish.DeployOptions;
import org.mageos.distribution.core.publish.DeployTarget;
import org.mageos.distribution.core.publish.DeployTargets;
import org.mageos.distribution.core.publish.Deployer;
import org.mageos.distribution.core.publish.TargetOptions;
import org.mageos.distribution.core.published.PlanRecord;
import org.mageos.distribution.core.serve.RepositoryServer;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;

/**
 * A fresh runner (empty cache, empty output) whose {@code <publishedRepositoryUrl>} is the published repository over
 * HTTP (a real server on loopback) keeps every version it lists without downloading its zip, builds only the new
 * ones, indexes both, and deploys without its kept zips, which must be on the target; verify downloads a sample.
 */
class PublishedOverHttpTest {

    @TempDir
    Path tmp;

    private TestRepository repo;
    private Path published;
    private String url;
    private RepositoryServer server;
    private final RecordingLog served = new RecordingLog();

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepository.create(tmp.resolve("repo"));
        repo.commit("1.0.0", Map.of("mods/A/composer.json", "{\"name\": \"acme/a\", \"version\": \"1.0.0\"}\n", "mods/A/a.php", "<?php // a 1.0.0\n",
                "mods/B/composer.json", "{\"name\": \"acme/b\", \"version\": \"1.0.0\"}\n", "mods/B/b.php", "<?php // b\n"));
        repo.tag("1.0.0");
        published = tmp.resolve("published");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        url = "http://127.0.0.1:" + port + "/";
        // release 1: built on a runner of its own, deployed to the folder the server then serves
        Path first = tmp.resolve("runner1");
        build(first, null);
        deploy(first.resolve("output"), new RecordingLog());
        server = RepositoryServer.start(published, port, null, served);
        repo.commit("1.1.0", Map.of("mods/A/composer.json", "{\"name\": \"acme/a\", \"version\": \"1.1.0\"}\n", "mods/A/a.php", "<?php // a 1.1.0\n"));
        repo.tag("1.1.0");
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        repo.close();
    }

    /** fetch, package and index on a runner whose cache and output start empty */
    private RecordingLog build(Path runner, String publishedRepositoryUrl) {
        return build(runner, publishedRepositoryUrl, new PackageRule("mods/*"), List.of());
    }

    /** the same, with this package rule, and these tags left out of the cache as a fetch would that skips them */
    private RecordingLog build(Path runner, String publishedRepositoryUrl, PackageRule rule, List<String> notFetched) {
        Path project = runner.resolve("project");
        Source source = new Source("shop", repo.dir().toString());
        source.setPackages(List.of(rule));
        Distribution distribution = new Distribution(List.of(source)).setProjectDir(project).setNightlyDate(LocalDate.parse("2026-11-21"));
        Path cache = runner.resolve("cache");
        GitCache gitCache = new GitCache(cache, DistributionLog.SILENT);
        gitCache.fetch(source, false);
        if (!notFetched.isEmpty()) {
            try (org.eclipse.jgit.lib.Repository cached = gitCache.open(source)) {
                org.eclipse.jgit.api.Git.wrap(cached).tagDelete().setTags(notFetched.toArray(String[]::new)).call();
            } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
                throw new IllegalStateException(e);
            }
        }
        RecordingLog log = new RecordingLog();
        Path manifest = runner.resolve("build/build-manifest.json");
        new PackageStep(log, cache, runner.resolve("output"), manifest).timestamp(Instant.parse("2024-01-01T00:00:00Z")).threads(2)
                .publishedRepository(publishedRepositoryUrl).notInput(runner.resolve("build")).run(distribution);
        IndexOptions options = IndexOptions.at(url);
        options.publishedRepositoryUrl = publishedRepositoryUrl;
        new RepositoryIndex(log).write(PackageManifest.read(manifest), options, runner.resolve("output"));
        return log;
    }

    private void deploy(Path output, RecordingLog log) throws Exception {
        try (DeployTarget target = DeployTargets.open(published.toUri().toString(), tmp, new TargetOptions())) {
            new Deployer(log, new DeployOptions()).deploy(output, target);
        }
    }

    @Test
    void aFreshRunnerBuildsOnlyWhatThePublishedRepositoryLacks() throws Exception {
        Map<String, byte[]> release1 = new TreeMap<>();
        for (String name : List.of("a", "b")) {
            release1.put(name, Files.readAllBytes(published.resolve("p2/acme/" + name + ".json")));
        }
        Files.delete(published.resolve(PlanRecord.FILE)); // every tag is planned: the versions are kept by the metadata
        Path runner = tmp.resolve("runner2");
        RecordingLog log = build(runner, url);

        // the plan kept acme/a 1.0.0 and acme/b 1.0.0 as the server lists them, and built acme/a 1.1.0 only
        assertTrue(log.text().contains("1 zips built, 0 restored from the build cache, 2 kept as published, 0 metapackages"), log.text());
        assertEquals(List.of("dist/acme/a/a-1.1.0.zip"), files(runner.resolve("output/dist")));
        assertFalse(served.text().contains("/dist/"), "no zip was downloaded:\n" + served.text());

        // the index lists both releases; the kept versions' entries are the published ones, dist URL and sha1 unchanged
        Map<String, JsonNode> a = versions(runner.resolve("output/p2/acme/a.json"), "acme/a");
        assertEquals(List.of("1.1.0", "1.0.0"), new ArrayList<>(a.keySet()));
        assertEquals(url + "dist/acme/a/a-1.1.0.zip", a.get("1.1.0").path("dist").path("url").asText());
        assertEquals(versions(published.resolve("p2/acme/a.json"), "acme/a").get("1.0.0"), a.get("1.0.0"));
        assertEquals(new String(release1.get("b")), Files.readString(runner.resolve("output/p2/acme/b.json")));

        // deploy: the new zip goes up, the kept ones are on the target already; the index there lists both releases
        RecordingLog deployed = new RecordingLog();
        deploy(runner.resolve("output"), deployed);
        assertTrue(deployed.text().contains("2 dist(s) of the index are not in " + runner.resolve("output") + " but on the target already"),
                deployed.text());
        assertEquals(List.of("1.1.0", "1.0.0"), new ArrayList<>(versions(published.resolve("p2/acme/a.json"), "acme/a").keySet()));
        assertTrue(Files.isRegularFile(published.resolve("dist/acme/a/a-1.1.0.zip")));
        assertEquals(new String(release1.get("b")), Files.readString(published.resolve("p2/acme/b.json")));
    }

    @Test
    void aDeployRefusesAnIndexWhoseKeptDistIsNotOnTheTarget() throws Exception {
        Path runner = tmp.resolve("runner2");
        build(runner, url);
        Files.delete(published.resolve("dist/acme/b/b-1.0.0.zip"));
        Map<String, String> before = checksums(published);
        DistributionException e = assertThrows(DistributionException.class, () -> deploy(runner.resolve("output"), new RecordingLog()));
        assertTrue(e.getMessage().contains("refused, nothing was uploaded: 1 version(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("acme/b 1.0.0 (dist/acme/b/b-1.0.0.zip)"), e.getMessage());
        assertEquals(before, checksums(published));
    }

    @Test
    void verifyDownloadsASampleOfTheKeptDistsAndNamesAMismatch() throws Exception {
        Path runner = tmp.resolve("runner2");
        build(runner, url);
        Path output = runner.resolve("output");

        RepositoryVerifier.Report none = new RepositoryVerifier(output, url, url).sample(0, "").verify();
        assertTrue(none.ok(), none.table());
        assertEquals(2, none.notLocal);
        assertEquals(List.of(), none.sampled);
        assertEquals(1, none.checked.get(RepositoryVerifier.Check.DIST)); // the one zip built here
        assertFalse(served.text().contains("/dist/"), served.text());

        // the same seed picks the same sample; the sample is downloaded
        RepositoryVerifier.Report one = new RepositoryVerifier(output, url, url).sample(1, "build-7").verify();
        assertEquals(one.sampled, new RepositoryVerifier(output, url, url).sample(1, "build-7").verify().sampled);
        assertEquals(1, one.sampled.size());
        assertEquals(2, one.checked.get(RepositoryVerifier.Check.DIST));
        String zip = one.sampled.get(0).equals("acme/a 1.0.0") ? "dist/acme/a/a-1.0.0.zip" : "dist/acme/b/b-1.0.0.zip";
        assertTrue(served.text().contains("200 /" + zip), served.text());

        // a published zip with other bytes than its metadata's sha1 fails verify, by name, once it is in the sample
        Files.writeString(published.resolve("dist/acme/b/b-1.0.0.zip"), "not the zip that was published");
        RepositoryVerifier.Report all = new RepositoryVerifier(output, url, url).sample(2, "").verify();
        assertEquals(List.of("acme/a 1.0.0", "acme/b 1.0.0"), all.sampled.stream().sorted().toList());
        assertFalse(all.ok());
        assertTrue(all.allProblems().stream().anyMatch(p -> p.startsWith("acme/b 1.0.0: sha1 of " + url + "dist/acme/b/b-1.0.0.zip is ")),
                all.table());
        assertTrue(new RepositoryVerifier(output, url, url).sample(0, "").verify().ok());
        assertFalse(new RepositoryVerifier(output, url, url).verify().ok()); // no sample: every dist is downloaded
    }

    @Test
    void theRecordOfPlannedTagsSparesTheTagsWhoseVersionsArePublished() throws Exception {
        String commit1 = commitOf("1.0.0");
        JsonNode record = Json.parseObject(Files.readAllBytes(published.resolve(PlanRecord.FILE)));
        JsonNode tag1 = record.path("sources").path("shop").path("tags").path("1.0.0");
        assertEquals(commit1, tag1.path("commit").asText());
        assertEquals("[\"acme/a 1.0.0\",\"acme/b 1.0.0\"]", tag1.path("versions").toString());

        // tag 1.0.0 is in the cache but not read; then not even fetched: the same repository either way
        RecordingLog log = build(tmp.resolve("runner2"), url);
        assertTrue(log.text().contains("shop: 1 tags planned by an earlier build, all of whose versions are published (mage-os-tags.json): not read again"),
                log.text());
        assertTrue(log.text().contains("shop: 2 tags in the cache, 2 selected (1 of them published and recorded, not read), 2 package versions"), log.text());
        assertTrue(log.text().contains("1 zips built, 0 restored from the build cache, 1 kept as published, 0 metapackages"), log.text());
        RecordingLog notFetched = build(tmp.resolve("runner3"), url, new PackageRule("mods/*"), List.of("1.0.0"));
        assertTrue(notFetched.text().contains("shop: 1 tags in the cache, 1 selected, 2 package versions"), notFetched.text());
        Map<String, String> fromRecord = checksums(tmp.resolve("runner2/output"));
        assertEquals(fromRecord, checksums(tmp.resolve("runner3/output")));
        // without the record every tag is read; the repository is the same, the record too
        byte[] recordBytes = Files.readAllBytes(published.resolve(PlanRecord.FILE));
        Files.delete(published.resolve(PlanRecord.FILE));
        RecordingLog full = build(tmp.resolve("runner4"), url);
        assertFalse(full.text().contains("not read again"), full.text());
        Map<String, String> everyTag = checksums(tmp.resolve("runner4/output"));
        everyTag.keySet().removeIf(f -> f.startsWith("dist/"));
        fromRecord.keySet().removeIf(f -> f.startsWith("dist/"));
        assertEquals(everyTag, fromRecord); // mage-os-tags.json included: an entry depends on its tag and the rules only
        Files.write(published.resolve(PlanRecord.FILE), recordBytes);

        JsonNode merged = Json.parseObject(Files.readAllBytes(tmp.resolve("runner2/output").resolve(PlanRecord.FILE))).path("sources").path("shop");
        assertEquals(List.of("1.0.0", "1.1.0"), fieldNames(merged.path("tags")));
        assertEquals(tag1, merged.path("tags").path("1.0.0"));
        assertEquals(commitOf("1.1.0"), merged.path("tags").path("1.1.0").path("commit").asText());
        assertEquals("[\"acme/a 1.1.0\",\"acme/b 1.0.0\"]", merged.path("tags").path("1.1.0").path("versions").toString()); // b: found again

        // a change of the package rules invalidates the record: every tag is read again
        PackageRule other = new PackageRule("mods/*");
        other.setExcludes(List.of("*.md"));
        RecordingLog changed = build(tmp.resolve("runner5"), url, other, List.of());
        assertFalse(changed.text().contains("not read again"), changed.text());
    }

    @Test
    void theFetchLeavesOutTheTagsThePublishedRecordSaysArePlanned() throws Exception {
        Source source = shop();
        Path runner = tmp.resolve("runner6");
        org.mageos.distribution.core.config.ProjectSettings settings = settings(runner, url, source);
        RecordingLog log = new RecordingLog();
        new org.mageos.distribution.core.git.FetchStep(log).run(settings, new org.mageos.distribution.core.git.FetchOptions().retries(0));
        assertTrue(log.text().contains("shop: 2 tags, 2 selected, 1 not needed, "), log.text());
        try (org.eclipse.jgit.lib.Repository cached = new GitCache(runner.resolve("cache"), DistributionLog.SILENT).open(source)) {
            assertEquals(null, cached.exactRef("refs/tags/1.0.0"));
            assertEquals(commitOf("1.1.0"), cached.exactRef("refs/tags/1.1.0").getObjectId().name());
        }
        // offline, nothing is read over the network: an unreachable published repository does not matter
        org.mageos.distribution.core.config.ProjectSettings offline = new org.mageos.distribution.core.config.ProjectSettings(
                runner.resolve("project"), runner.resolve("cache"), runner.resolve("output"), runner.resolve("build"), url,
                "http://127.0.0.1:1/", List.of(source), null, null, null, null, null, "nightly", null, null, true, null, false, false, null, null);
        new org.mageos.distribution.core.git.FetchStep(new RecordingLog()).run(offline, new org.mageos.distribution.core.git.FetchOptions().retries(0));
        // without the record, every selected tag is fetched
        Files.delete(published.resolve(PlanRecord.FILE));
        RecordingLog all = new RecordingLog();
        new org.mageos.distribution.core.git.FetchStep(all).run(settings, new org.mageos.distribution.core.git.FetchOptions().retries(0));
        try (org.eclipse.jgit.lib.Repository cached = new GitCache(runner.resolve("cache"), DistributionLog.SILENT).open(source)) {
            assertEquals(commitOf("1.0.0"), cached.exactRef("refs/tags/1.0.0").getObjectId().name());
        }
    }

    @Test
    void theFetchWalksTheTreesOfTheTagsThePackageGoalSelectsLeavingOutThoseThePublishedRecordHasPlanned() throws Exception {
        Source source = shop();
        Path runner = tmp.resolve("runner7");
        // every tag is in the cache (fetched before without the published repository): the plan still leaves 1.0.0 out
        new org.mageos.distribution.core.git.FetchStep(new RecordingLog()).run(settings(runner, null, source),
                new org.mageos.distribution.core.git.FetchOptions().retries(0));
        org.mageos.distribution.core.config.ProjectSettings settings = settings(runner, url, source);
        RecordingLog log = new RecordingLog();
        new org.mageos.distribution.core.git.FetchStep(log).run(settings, new org.mageos.distribution.core.git.FetchOptions().retries(0)
                .whenFetched(new org.mageos.distribution.core.plan.PlanCacheStep(log)::warm));
        assertTrue(log.text().contains("DEBUG shop: package folders of its selected tags read into the plan cache in "), log.text());
        RecordingLog packaged = new RecordingLog();
        PackageStep.run(packaged, settings, 2, false, null);
        assertTrue(packaged.text().contains("shop: 1 tags planned by an earlier build"), packaged.text());
        assertTrue(packaged.lines.contains("DEBUG shop: package folders of 1 tags from the plan cache"), packaged.text());
    }

    private Source shop() {
        Source source = new Source("shop", repo.dir().toString());
        source.setPackages(List.of(new PackageRule("mods/*")));
        return source;
    }

    private org.mageos.distribution.core.config.ProjectSettings settings(Path runner, String publishedUrl, Source source) throws Exception {
        Files.createDirectories(runner.resolve("project"));
        return new org.mageos.distribution.core.config.ProjectSettings(runner.resolve("project"), runner.resolve("cache"), runner.resolve("output"),
                runner.resolve("build"), url, publishedUrl, List.of(source), null, null, null, null, null, "nightly", null, null, false, null, false,
                false, null, null);
    }

    @Test
    void aRecordedTagCountsOnlyWhenThePublishedRepositoryListsEveryVersionItYielded() throws Exception {
        org.mageos.distribution.core.published.PublishedRepository repository
                = org.mageos.distribution.core.published.PublishedRepository.of(DistributionLog.SILENT, url);
        String rules = repository.record().toJson().path("sources").path("shop").path("rules").asText();
        assertEquals(Map.of("1.0.0", commitOf("1.0.0")), repository.plannedTags("shop", rules));
        assertEquals(Map.of(), repository.plannedTags("shop", "another fingerprint"));
        assertEquals(Map.of(), repository.plannedTags("other", rules));
        // a version the record names that the repository does not list (removed on purpose): the tag is planned again
        PlanRecord record = repository.record().merge(new PlanRecord().add("shop", rules, "1.0.0",
                new PlanRecord.Tag(commitOf("1.0.0"), List.of("acme/a 1.0.0", "acme/c 1.0.0"), List.of())));
        Files.write(published.resolve(PlanRecord.FILE), record.bytes());
        assertEquals(Map.of(), org.mageos.distribution.core.published.PublishedRepository.of(DistributionLog.SILENT, url).plannedTags("shop", rules));
        assertEquals(Map.of(), org.mageos.distribution.core.published.PublishedRepository.NONE.plannedTags("shop", rules));
    }

    private String commitOf(String tag) throws Exception {
        return repo.git().getRepository().exactRef("refs/tags/" + tag).getObjectId().name();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Map<String, JsonNode> versions(Path p2File, String name) throws Exception {
        ObjectNode root = Json.parseObject(Files.readAllBytes(p2File));
        List<ObjectNode> list = new ArrayList<>();
        root.path("packages").path(name).forEach(v -> list.add((ObjectNode) v));
        Map<String, JsonNode> byVersion = new java.util.LinkedHashMap<>();
        org.mageos.distribution.core.composer.MetadataMinifier.expand(list).forEach(v -> byVersion.put(v.path("version").asText(), v));
        return byVersion;
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(f -> dir.getParent().relativize(f).toString()).sorted().toList();
        }
    }

    private static Map<String, String> checksums(Path dir) throws Exception {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                sums.put(dir.relativize(f).toString(), org.apache.commons.codec.digest.DigestUtils.sha1Hex(Files.readAllBytes(f)));
            }
        }
        return sums;
    }
}
