package org.mageos.distribution.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.ProjectSettings;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.FetchOptions;
import org.mageos.distribution.core.git.FetchStep;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.testing.Processes;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.TestRepository;

/**
 * {@code <securityAdvisories>}: advisories of the FriendsOfPHP/security-advisories format written into the metadata,
 * checked by the real {@code composer audit} in projects installed from the repository, Packagist off.
 */
class SecurityAdvisoriesTest {

    /** An advisory for acme/lib: affected below 1.10.1-p1; dated by its file name, not its branch time. */
    static final String LIB_ADVISORY = "title:     Remote code execution in acme/lib\n"
            + "link:      https://example.org/advisories/acme-lib-1\n"
            + "cve:       CVE-2024-12345\n"
            + "branches:\n"
            + "    \"1.x\":\n"
            + "        time:     2024-01-15 10:00:00\n"
            + "        versions: ['>=1.0.0', '<1.10.1-p1']\n"
            + "reference: composer://acme/lib\n";
    /** An advisory for acme/old, which this repository does not have: mage-os/lib replaces it. No time: dated by its CVE's year. */
    static final String OLD_ADVISORY = "title:     Cross-site scripting in acme/old\n"
            + "link:      https://example.org/advisories/acme-old-1\n"
            + "cve:       ~\n"
            + "branches:\n"
            + "    \"1.x\":\n"
            + "        time:     ~\n"
            + "        versions: ['<1.10.1-p1']\n"
            + "reference: composer://acme/old\n"
            + "composer-repository: false\n";

    @TempDir
    Path tmp;

    private Path advisories() throws Exception {
        Path dir = tmp.resolve("advisories");
        Files.createDirectories(dir.resolve("acme/lib"));
        Files.createDirectories(dir.resolve("acme/old"));
        Files.writeString(dir.resolve("acme/lib/2024-01-15.yaml"), LIB_ADVISORY);
        Files.writeString(dir.resolve("acme/old/CVE-2023-1111.yaml"), OLD_ADVISORY);
        Files.writeString(dir.resolve("README.md"), "not an advisory");
        return dir;
    }

    private RepositoryFixture fixture(Path dir) throws Exception {
        RepositoryFixture f = new RepositoryFixture(dir);
        f.add("acme/lib", "1.10.0", "", "b");
        f.add("acme/lib", "1.10.1-p1", "", "d");
        f.add("acme/lib", "2.0.x-dev", "", "e");
        // a vendor rename: each version replaces acme/old at one version
        f.add("mage-os/lib", "1.0.0", ", \"replace\": {\"acme/old\": \"1.10.0\"}", "m0");
        f.add("mage-os/lib", "1.0.1", ", \"replace\": {\"acme/old\": \"1.10.1-p1\"}", "m1");
        // a fork that keeps upstream's numbers
        f.add("acme/fork", "1.10.0", ", \"replace\": {\"acme/lib\": \"self.version\"}", "f0");
        f.add("acme/fork", "1.11.0", ", \"replace\": {\"acme/lib\": \"self.version\"}", "f1");
        // a package that replaces acme/old whatever its version: which code does it carry?
        f.add("acme/any", "3.0.0", ", \"replace\": {\"acme/old\": \"*\"}", "a");
        return f;
    }

    private IndexOptions options(String base, Path advisories) {
        IndexOptions options = IndexOptions.at(base);
        options.advisories = org.mageos.distribution.core.advisory.SecurityAdvisories.of(settings(advisories), DistributionLog.SILENT);
        return options;
    }

    private ProjectSettings settings(Path advisories) {
        return settings(advisories, List.of());
    }

    private ProjectSettings settings(Path advisories, List<Source> sources) {
        return new ProjectSettings(tmp, tmp.resolve("cache"), tmp.resolve("repository"), tmp.resolve("work"), null, null, sources, null, null,
                null, null, null, "nightly", null, null, false, null, false, false, null, advisories.toString());
    }

    private static JsonNode json(Path file) throws Exception {
        return Json.MAPPER.readTree(file.toFile());
    }

    private static List<String> field(JsonNode advisories, String field) {
        List<String> values = new ArrayList<>();
        advisories.forEach(a -> values.add(a.path(field).asText()));
        return values;
    }

    @Test
    void eachPackagesP2FileCarriesItsAdvisoriesAndThoseOfWhatItReplacesAtOneVersion() throws Exception {
        RepositoryFixture f = fixture(tmp.resolve("repo"));
        RecordingLog log = new RecordingLog();
        new RepositoryIndex(log).write(f.manifest, options("https://mirror.example.org/", advisories()), f.dir);

        assertTrue(json(f.dir.resolve("packages.json")).path("security-advisories").path("metadata").asBoolean());
        JsonNode lib = json(f.dir.resolve("p2/acme/lib.json")).get("security-advisories");
        assertEquals(1, lib.size());
        JsonNode a = lib.get(0);
        assertEquals("acme/lib/2024-01-15", a.path("advisoryId").asText());
        assertEquals("acme/lib", a.path("packageName").asText());
        assertEquals("Remote code execution in acme/lib", a.path("title").asText());
        assertEquals("https://example.org/advisories/acme-lib-1", a.path("link").asText());
        assertEquals("CVE-2024-12345", a.path("cve").asText());
        assertEquals(">=1.0.0,<1.10.1-p1", a.path("affectedVersions").asText());
        assertEquals("2024-01-15 00:00:00", a.path("reportedAt").asText());
        assertEquals("https://packagist.org", a.path("composerRepository").asText());
        assertEquals("acme/lib/2024-01-15.yaml", a.path("sources").get(0).path("remoteId").asText());
        assertEquals("advisories", a.path("sources").get(0).path("name").asText());
        // Composer reads advisories from p2/<name>.json only
        assertFalse(json(f.dir.resolve("p2/acme/lib~dev.json")).has("security-advisories"));

        JsonNode renamed = json(f.dir.resolve("p2/mage-os/lib.json")).get("security-advisories");
        assertEquals(List.of("acme/old/CVE-2023-1111"), field(renamed, "advisoryId"));
        assertEquals(List.of("mage-os/lib"), field(renamed, "packageName"));
        assertEquals(List.of("1.0.0"), field(renamed, "affectedVersions"));
        assertEquals(List.of("2023-01-01 00:00:00"), field(renamed, "reportedAt"));
        assertTrue(renamed.get(0).path("cve").isNull());
        assertTrue(renamed.get(0).path("composerRepository").isNull());

        assertEquals(List.of("1.10.0"), field(json(f.dir.resolve("p2/acme/fork.json")).get("security-advisories"), "affectedVersions"));
        // a range: not carried, and said
        assertEquals(0, json(f.dir.resolve("p2/acme/any.json")).get("security-advisories").size());
        assertTrue(log.text().contains("acme/any 3.0.0 replaces acme/old at '*'"), log.text());
    }

    @Test
    void composerAuditReportsTheAdvisoryOfAnAffectedVersionAndNoneForAFixedOne() throws Exception {
        RepositoryFixture f = fixture(tmp.resolve("repo"));
        String base = f.dir.toUri().toString().replaceFirst("^file:/(?!/)", "file:///");
        new RepositoryIndex(DistributionLog.SILENT).write(f.manifest, options(base, advisories()), f.dir);

        Path affected = Processes.composerProject(tmp.resolve("affected"), base);
        Processes.composer(affected, "require", "acme/lib:1.10.0", "mage-os/lib:1.0.0", "--no-audit", "--no-progress");
        Processes.Exit audit = Processes.composerExit(affected, "audit", "--format=json");
        assertNotEquals(0, audit.status(), audit.output());
        JsonNode found = Json.MAPPER.readTree(audit.output().substring(audit.output().indexOf('{'))).get("advisories");
        assertEquals(List.of("acme/lib/2024-01-15"), field(found.get("acme/lib"), "advisoryId"), audit.output());
        assertEquals(List.of("acme/old/CVE-2023-1111"), field(found.get("mage-os/lib"), "advisoryId"), audit.output());
        Processes.Exit plain = Processes.composerExit(affected, "audit", "--format=plain");
        assertTrue(plain.output().contains("Found 2 security vulnerability advisories affecting 2 packages"), plain.output());
        assertTrue(plain.output().contains("Title: Remote code execution in acme/lib"), plain.output());

        Path fixed = Processes.composerProject(tmp.resolve("fixed"), base);
        Processes.composer(fixed, "require", "acme/lib:1.10.1-p1", "mage-os/lib:1.0.1", "--no-audit", "--no-progress");
        String clean = Processes.composer(fixed, "audit");
        assertTrue(clean.contains("No security vulnerability advisories found"), clean);
    }

    @Test
    void theSameInputGivesTheSameBytesAndAnotherAdvisoryOtherBytes() throws Exception {
        Path advisories = advisories();
        RepositoryFixture one = fixture(tmp.resolve("one"));
        RepositoryFixture two = fixture(tmp.resolve("two"));
        new RepositoryIndex(DistributionLog.SILENT).write(one.manifest, options("https://mirror.example.org/", advisories), one.dir);
        new RepositoryIndex(DistributionLog.SILENT).write(two.manifest, options("https://mirror.example.org/", advisories), two.dir);
        for (String file : List.of("packages.json", "p2/acme/lib.json", "p2/mage-os/lib.json", "p2/acme/fork.json")) {
            assertArrayEquals(Files.readAllBytes(one.dir.resolve(file)), Files.readAllBytes(two.dir.resolve(file)), file);
        }
        Files.writeString(advisories.resolve("acme/lib/2024-01-15.yaml"), LIB_ADVISORY.replace("<1.10.1-p1", "<2.0"));
        new RepositoryIndex(DistributionLog.SILENT).write(two.manifest, options("https://mirror.example.org/", advisories), two.dir);
        assertEquals(">=1.0.0,<2.0", json(two.dir.resolve("p2/acme/lib.json")).get("security-advisories").get(0).path("affectedVersions").asText());
    }

    @Test
    void aGitRepositoryIsFetchedIntoTheCacheAndItsDefaultBranchRead() throws Exception {
        Path work;
        try (TestRepository repo = TestRepository.create(tmp.resolve("advisories-work"))) {
            repo.commit("advisories", Map.of("acme/lib/2024-01-15.yaml", LIB_ADVISORY, "acme/old/CVE-2023-1111.yaml", OLD_ADVISORY));
            work = repo.dir();
        }
        Path bare = tmp.resolve("security-advisories.git");
        Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();
        // any source: the fetch step fetches <securityAdvisories> besides the sources
        ProjectSettings settings = settings(bare, List.of(new Source("work", work.toString())));
        assertEquals(null, settings.securityAdvisoriesFolder());
        new FetchStep(DistributionLog.SILENT).run(settings, new FetchOptions().retries(0).timeout(60).threads(1));

        RepositoryFixture f = fixture(settings.repositoryDir());
        Files.createDirectories(settings.workDirectory());
        f.manifest.write(settings.manifestFile());
        IndexOptions options = new IndexOptions();
        new IndexStep(DistributionLog.SILENT).run(settings, options);
        JsonNode lib = json(f.dir.resolve("p2/acme/lib.json")).get("security-advisories");
        assertEquals(List.of("acme/lib/2024-01-15"), field(lib, "advisoryId"));
        // named by the repository's file name, not where it lies on this machine
        assertEquals("security-advisories.git", lib.get(0).path("sources").get(0).path("name").asText());

        // a new advisory on the default branch: the index is no longer up-to-date
        try (Git git = Git.open(work.toFile())) {
            Files.writeString(work.resolve("acme/lib/2024-02-01.yaml"), LIB_ADVISORY.replace("Remote code execution", "SQL injection"));
            git.add().addFilepattern(".").call();
            git.commit().setMessage("another").call();
            git.push().setRemote(bare.toUri().toString()).call();
        }
        new FetchStep(DistributionLog.SILENT).run(settings, new FetchOptions().retries(0).timeout(60).threads(1));
        assertTrue(new IndexStep(DistributionLog.SILENT).run(settings, new IndexOptions()));
        assertEquals(List.of("acme/lib/2024-02-01", "acme/lib/2024-01-15"),
                field(json(f.dir.resolve("p2/acme/lib.json")).get("security-advisories"), "advisoryId"));
    }

    @Test
    void aBrokenAdvisoryFailsNamingItsFile() throws Exception {
        Path advisories = advisories();
        Files.writeString(advisories.resolve("acme/lib/2024-03-01.yaml"), LIB_ADVISORY.replace("composer://acme/lib", "acme/lib"));
        RepositoryFixture f = fixture(tmp.resolve("repo"));
        DistributionException e = assertThrows(DistributionException.class,
                () -> new RepositoryIndex(DistributionLog.SILENT).write(f.manifest, options("https://mirror.example.org/", advisories), f.dir));
        assertTrue(e.getMessage().contains("acme/lib/2024-03-01.yaml: reference 'acme/lib' is not composer://vendor/package"), e.getMessage());
        assertFalse(Files.exists(f.dir.resolve("packages.json")), "nothing half-written");
    }
}
