package org.mageos.distribution.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.composer.MetadataMinifier;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.ProjectSettings;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.FetchOptions;
import org.mageos.distribution.core.git.FetchStep;
import org.mageos.distribution.core.index.IndexOptions;
import org.mageos.distribution.core.index.IndexStep;
import org.mageos.distribution.core.index.RepositoryVerifier;
import org.mageos.distribution.core.index.VerifyStep;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.packaging.PackageStep;
import org.mageos.distribution.core.published.RemoteRepositories;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;

/**
 * A {@code <publishedRepositoryUrl>} on a private S3 bucket or SFTP server (clients read it through a CDN at
 * {@code <repositoryUrl>}, which this build cannot reach): a fresh runner reads it through the deploy's client and
 * credentials in every step (fetch's planned tags, package's keep-or-build, index's merge, verify's sample), keeps
 * what it publishes without rebuilding it, and indexes both releases with the kept versions' dist URLs as published.
 */
abstract class PublishedOnTargetScenarios {

    /** Where clients read the repository: nothing listens there, so every read of the build goes to the target. */
    static final String CDN = "https://repo.example.invalid/";

    @TempDir
    Path tmp;

    private TestRepository repo;
    private Source source;

    /** The target as {@code <publishedRepositoryUrl>} and {@code <deployUrl>} name it. */
    abstract String url();

    /** The deploy's settings and credentials ({@code <deployServerId>} decrypted). */
    abstract TargetOptions config();

    /** The same target with credentials it refuses. */
    abstract TargetOptions wrongCredentials();

    /** The secret of {@link #config()}, never to be printed. */
    abstract String secret();

    /** The folder the target keeps its files in, to look into. */
    abstract Path stored();

    /** Starts the target's server (or makes a new bucket) before release 1 goes there. */
    abstract void startTarget() throws Exception;

    /** Stops what {@link #startTarget()} started. */
    abstract void stopTarget() throws Exception;

    @BeforeEach
    void releaseOneIsPublished() throws Exception {
        startTarget();
        repo = TestRepository.create(tmp.resolve("repo"));
        repo.commit("1.0.0", Map.of("mods/A/composer.json", "{\"name\": \"acme/a\", \"version\": \"1.0.0\"}\n", "mods/A/a.php", "<?php // a 1.0.0\n",
                "mods/B/composer.json", "{\"name\": \"acme/b\", \"version\": \"1.0.0\"}\n", "mods/B/b.php", "<?php // b\n"));
        repo.tag("1.0.0");
        source = new Source("shop", repo.dir().toString());
        source.setPackages(List.of(new PackageRule("mods/*")));
        // release 1: built on a runner of its own, deployed to the target
        ProjectSettings first = settings(tmp.resolve("runner1"), null);
        RecordingLog log = new RecordingLog();
        new FetchStep(log).run(first, new FetchOptions().retries(0));
        PackageStep.run(log, first, 2, false, null);
        new IndexStep(log).run(first, new IndexOptions());
        new DeployStep(log).deploy(first, url(), config(), new DeployOptions());
        repo.commit("1.1.0", Map.of("mods/A/composer.json", "{\"name\": \"acme/a\", \"version\": \"1.1.0\"}\n", "mods/A/a.php", "<?php // a 1.1.0\n"));
        repo.tag("1.1.0");
    }

    @AfterEach
    void closeRepository() throws Exception {
        repo.close();
        stopTarget();
    }

    private ProjectSettings settings(Path runner, String published) throws Exception {
        Files.createDirectories(runner.resolve("project"));
        return new ProjectSettings(runner.resolve("project"), runner.resolve("cache"), runner.resolve("output"), runner.resolve("build"), CDN,
                published, List.of(source), null, null, null, null, "2026-11-21", "nightly", null, "2024-01-01T00:00:00Z", false, null, false, false,
                null, null);
    }

    /** What the mojos hand the steps: the deploy's client, with the deploy's settings and credentials. */
    private RemoteRepositories remote(RecordingLog log) {
        return new DeployStep(log).publishedRepositories(this::config);
    }

    @Test
    void aFreshRunnerKeepsWhatThePrivateTargetPublishesAndIndexesBothReleases() throws Exception {
        Map<String, byte[]> release1 = new LinkedHashMap<>();
        for (String file : List.of("p2/acme/a.json", "p2/acme/b.json")) {
            release1.put(file, Files.readAllBytes(stored().resolve(file)));
        }
        Path runner = tmp.resolve("runner2");
        ProjectSettings settings = settings(runner, url());
        RecordingLog log = new RecordingLog();

        // fetch: tag 1.0.0 is planned (the target's mage-os-tags.json) and all its versions published: not fetched
        new FetchStep(log).run(settings, new FetchOptions().retries(0).remoteRepositories(remote(log)));
        assertTrue(log.text().contains("shop: 2 tags, 2 selected, 1 not needed, "), log.text());

        // package: acme/b 1.0.0 (of tag 1.1.0) is kept as the target publishes it, acme/a 1.1.0 alone is built
        PackageStep.run(log, settings, 2, false, null, remote(log));
        assertTrue(log.text().contains("1 zips built, 0 restored from the build cache, 1 kept as published, 0 metapackages"), log.text());
        try (Stream<Path> zips = Files.walk(runner.resolve("output/dist"))) {
            assertEquals(List.of("a-1.1.0.zip"), zips.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList());
        }

        // index: both releases; the kept versions' entries are the published ones, their dist URLs those clients use
        IndexOptions options = new IndexOptions();
        options.remoteRepositories = remote(log);
        new IndexStep(log).run(settings, options);
        Map<String, JsonNode> a = versions(runner.resolve("output/p2/acme/a.json"), "acme/a");
        assertEquals(List.of("1.1.0", "1.0.0"), new ArrayList<>(a.keySet()));
        assertEquals(versions(stored().resolve("p2/acme/a.json"), "acme/a").get("1.0.0"), a.get("1.0.0"));
        assertEquals(CDN + "dist/acme/a/a-1.0.0.zip", a.get("1.0.0").path("dist").path("url").asText());
        assertEquals(new String(release1.get("p2/acme/b.json")), Files.readString(runner.resolve("output/p2/acme/b.json")));
        assertFalse(Files.readString(runner.resolve("output/p2/acme/a.json")).contains(url().substring(0, url().indexOf(':') + 3)));

        // verify: the sample of kept dists is downloaded from the target (the CDN is not reachable from here)
        new VerifyStep(log).run(settings, List.of(), List.of(), 2, "", remote(log));
        RepositoryVerifier.Report report = new RepositoryVerifier(runner.resolve("output"), CDN, url()).remoteRepositories(remote(log))
                .sample(2, "").verify();
        assertTrue(report.ok(), report.table());
        assertEquals(List.of("acme/a 1.0.0", "acme/b 1.0.0"), report.sampled.stream().sorted().toList());
        Files.writeString(stored().resolve("dist/acme/b/b-1.0.0.zip"), "not the zip that was published");
        RepositoryVerifier.Report broken = new RepositoryVerifier(runner.resolve("output"), CDN, url()).remoteRepositories(remote(log))
                .sample(2, "").verify();
        assertTrue(broken.allProblems().stream().anyMatch(p -> p.startsWith("acme/b 1.0.0: sha1 of " + CDN + "dist/acme/b/b-1.0.0.zip is ")),
                broken.table());
        Files.write(stored().resolve("dist/acme/b/b-1.0.0.zip"), Files.readAllBytes(tmp.resolve("runner1/output/dist/acme/b/b-1.0.0.zip")));

        // deploy: the target lists both releases
        new DeployStep(log).deploy(settings, url(), config(), new DeployOptions());
        assertEquals(List.of("1.1.0", "1.0.0"), new ArrayList<>(versions(stored().resolve("p2/acme/a.json"), "acme/a").keySet()));
        assertEquals(new String(release1.get("p2/acme/b.json")), Files.readString(stored().resolve("p2/acme/b.json")));
        assertFalse(log.text().contains(secret()), "no secret in the log");
    }

    @Test
    void withoutTheRecordTheVersionsAreKeptByTheTargetsMetadata() throws Exception {
        Files.delete(stored().resolve("mage-os-tags.json"));
        ProjectSettings settings = settings(tmp.resolve("runner3"), url());
        RecordingLog log = new RecordingLog();
        new FetchStep(log).run(settings, new FetchOptions().retries(0).remoteRepositories(remote(log)));
        assertTrue(log.text().contains("shop: 2 tags, 2 selected, "), log.text());
        PackageStep.run(log, settings, 2, false, null, remote(log));
        assertTrue(log.text().contains("1 zips built, 0 restored from the build cache, 2 kept as published, 0 metapackages"), log.text());
    }

    @Test
    void anUnreadableTargetIsAnErrorNamingTheElementAndTheUrl() throws Exception {
        ProjectSettings settings = settings(tmp.resolve("runner4"), url());
        RecordingLog log = new RecordingLog();
        new FetchStep(log).run(settings(tmp.resolve("runner4"), null), new FetchOptions().retries(0));
        RemoteRepositories refused = new DeployStep(log).publishedRepositories(this::wrongCredentials);
        DistributionException e = assertThrows(DistributionException.class, () -> PackageStep.run(log, settings, 2, false, null, refused));
        System.out.println("refused: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("<publishedRepositoryUrl> " + url()), e.getMessage());
        assertFalse(e.getMessage().contains(secret()), e.getMessage());
        ProjectSettings built = settings(tmp.resolve("runner1"), url()); // a runner with a manifest to index
        IndexOptions options = new IndexOptions();
        options.remoteRepositories = refused;
        e = assertThrows(DistributionException.class, () -> new IndexStep(log).run(built, options));
        assertTrue(e.getMessage().startsWith("<publishedRepositoryUrl> " + url()), e.getMessage());
        assertFalse(e.getMessage().contains(secret()), e.getMessage());

        // a step given no way to reach S3 or SFTP says so
        e = assertThrows(DistributionException.class, () -> new IndexStep(log).run(built, new IndexOptions()));
        assertTrue(e.getMessage().startsWith("<publishedRepositoryUrl>" + url() + "</publishedRepositoryUrl>: unsupported scheme"), e.getMessage());
        // a scheme no target has
        ProjectSettings ftp = settings(tmp.resolve("runner4"), "ftp://mirror:s3cret@127.0.0.1/repo");
        e = assertThrows(DistributionException.class, () -> PackageStep.run(log, ftp, 2, false, null, remote(log)));
        assertEquals("<publishedRepositoryUrl>ftp://127.0.0.1/repo</publishedRepositoryUrl>: unsupported scheme; use a folder, file:, http:, "
                + "https:, s3:// or sftp://", e.getMessage());
    }

    private static Map<String, JsonNode> versions(Path p2File, String name) throws Exception {
        ObjectNode root = Json.parseObject(Files.readAllBytes(p2File));
        List<ObjectNode> list = new ArrayList<>();
        root.path("packages").path(name).forEach(v -> list.add((ObjectNode) v));
        Map<String, JsonNode> byVersion = new LinkedHashMap<>();
        MetadataMinifier.expand(list).forEach(v -> byVersion.put(v.path("version").asText(), v));
        return byVersion;
    }
}
