package org.mageos.distribution.maven;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.testing.MojoRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.testing.ForwardProxy;
import org.mageos.distribution.core.testing.GitHttpServer;
import org.mageos.distribution.core.testing.SshGitServer;
import org.mageos.distribution.core.testing.TestRepository;
import org.mageos.distribution.core.testing.Tools;

/** The mojos as Maven configures them from a POM (Maven Plugin Testing Harness). */
public class MojoConfigurationTest {

    @Rule
    public MojoRule rule = new MojoRule();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Mojo mojo(String goal, String project) throws Exception {
        File pom = new File("src/test/resources/unit/" + project + "/pom.xml");
        Mojo mojo = rule.lookupMojo(goal, pom);
        assertNotNull(mojo);
        File target = tmp.getRoot();
        rule.setVariableValueToObject(mojo, "cacheDirectory", new File(target, "cache"));
        rule.setVariableValueToObject(mojo, "outputDirectory", new File(target, "repository"));
        rule.setVariableValueToObject(mojo, "workDirectory", new File(target, "work"));
        rule.setVariableValueToObject(mojo, "basedir", pom.getParentFile().getAbsoluteFile());
        return mojo;
    }

    @SuppressWarnings("unchecked")
    private void pointSourceAt(Mojo mojo, Path repository) throws Exception {
        List<Source> sources = (List<Source>) rule.getVariableValueFromObject(mojo, "sources");
        sources.get(0).setUrl(repository.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    public void sourcesAndPackageRulesAreReadFromThePom() throws Exception {
        Mojo mojo = mojo("package", "basic");
        List<Source> sources = (List<Source>) rule.getVariableValueFromObject(mojo, "sources");
        assertEquals(1, sources.size());
        Source s = sources.get(0);
        assertEquals("security-package", s.getName());
        assertEquals(">=1.1", s.getTags());
        assertEquals(List.of("*-develop"), s.getBranches());
        assertEquals(2, s.getPackages().size());
        assertEquals("lib/internal/*", s.getPackages().get(1).getPath());
        assertEquals("https://mirror.example.org/sub/", rule.getVariableValueFromObject(mojo, "repositoryUrl"));
    }

    @Test
    public void fetchPackageIndexBuildARepository() throws Exception {
        Path repo;
        try (TestRepository r = TestRepository.create(tmp.newFolder("origin").toPath())) {
            r.commit("a", Map.of("Mod/composer.json", "{\"name\": \"acme/mod\", \"version\": \"1.0.0\"}",
                    "Meta/composer.json", "{\"name\": \"acme/meta\", \"version\": \"1.1.0\", \"type\": \"metapackage\"}"));
            r.tag("1.0.0");
            r.tag("1.1.0");
            r.commit("b", Map.of("Mod/composer.json", "{\"name\": \"acme/mod\", \"version\": \"1.0.1\"}"));
            r.tag("1.1.1");
            repo = r.dir();
        }
        for (String goal : new String[] {"fetch", "package", "index"}) {
            Mojo mojo = mojo(goal, "basic");
            pointSourceAt(mojo, repo);
            mojo.execute();
        }
        Path out = tmp.getRoot().toPath().resolve("repository");
        JsonNode packages = Json.MAPPER.readTree(out.resolve("packages.json").toFile());
        assertEquals("https://mirror.example.org/sub/p2/%package%.json", packages.get("metadata-url").asText());
        assertEquals("[\"acme/meta\",\"acme/mod\"]", packages.get("available-packages").toString());
        JsonNode mod = Json.MAPPER.readTree(out.resolve("p2/acme/mod.json").toFile()).get("packages").get("acme/mod");
        // 1.0.0 only appears at tags 1.0.0 (outside >=1.1) and 1.1.0: built once, from 1.1.0
        assertEquals(2, mod.size());
        assertEquals("1.0.1", mod.get(0).get("version").asText());
        assertEquals("https://mirror.example.org/sub/dist/acme/mod/mod-1.0.1.zip", mod.get(0).get("dist").get("url").asText());
        assertTrue(Files.isRegularFile(out.resolve("dist/acme/mod/mod-1.0.0.zip")));
        assertFalse("metapackages get no zip", Files.exists(out.resolve("dist/acme/meta")));
    }

    @Test
    public void skipFlagLeavesEverythingAlone() throws Exception {
        Mojo mojo = mojo("fetch", "basic");
        rule.setVariableValueToObject(mojo, "skip", true);
        pointSourceAt(mojo, tmp.getRoot().toPath().resolve("does-not-exist"));
        mojo.execute();
        assertFalse(Files.exists(tmp.getRoot().toPath().resolve("cache")));
    }

    @Test
    public void mageOsSkipLeavesEveryGoalAlone() throws Exception {
        for (String goal : new String[] {"fetch", "package", "index", "verify", "dependencies", "deploy", "purge"}) {
            Mojo mojo = mojo(goal, "basic");
            rule.setVariableValueToObject(mojo, "skipAll", true);
            pointSourceAt(mojo, tmp.getRoot().toPath().resolve("does-not-exist"));
            // without the skip, each of these fails: no source, no manifest, no repository, no deploy target
            mojo.execute();
        }
        assertFalse(Files.exists(tmp.getRoot().toPath().resolve("cache")));
        assertFalse(Files.exists(tmp.getRoot().toPath().resolve("repository")));
        assertFalse(Files.exists(tmp.getRoot().toPath().resolve("work")));
    }

    @Test
    public void missingUrlNamesTheSource() throws Exception {
        Mojo mojo = mojo("fetch", "missing-url");
        try {
            mojo.execute();
            fail("a source without <url> must fail the build");
        } catch (MojoFailureException e) {
            assertEquals("<source> 'inventory' has no <url>", e.getMessage());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    public void serverIdWithoutServerInSettingsNamesBoth() throws Exception {
        Mojo mojo = mojo("fetch", "basic");
        pointSourceAt(mojo, tmp.getRoot().toPath());
        ((List<Source>) rule.getVariableValueFromObject(mojo, "sources")).get(0).setServerId("mirror-credentials");
        rule.setVariableValueToObject(mojo, "settings", new org.apache.maven.settings.Settings());
        try {
            mojo.execute();
            fail("a <serverId> without its <server> must fail the build");
        } catch (MojoFailureException e) {
            assertEquals("<source> 'security-package': <serverId>mirror-credentials</serverId> has no <server> with that <id> in settings.xml",
                    e.getMessage());
        }
    }

    @Test
    public void unknownRepositoryNamesSourceAndUrl() throws Exception {
        Mojo mojo = mojo("fetch", "basic");
        Path missing = tmp.getRoot().toPath().resolve("no-such-repository");
        pointSourceAt(mojo, missing);
        try {
            mojo.execute();
            fail("fetching a missing repository must fail");
        } catch (MojoFailureException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("source 'security-package' (" + missing + "): "));
        }
    }

    /** A served copy of a repository with one module at 1.0.0 and 1.1.0, under {@code folder/repo.git}. */
    private Path servedRepository(Path folder) throws Exception {
        try (TestRepository r = TestRepository.create(tmp.newFolder().toPath())) {
            r.commit("a", Map.of("Mod/composer.json", "{\"name\": \"acme/mod\", \"version\": \"1.1.0\"}"));
            r.tag("1.1.0");
            org.eclipse.jgit.api.Git.cloneRepository().setBare(true).setURI(r.dir().toUri().toString())
                    .setGitDir(folder.resolve("repo.git").toFile()).call().close();
        }
        return folder;
    }

    private static org.apache.maven.settings.Settings settingsWithServer(String id, String username, String password) {
        org.apache.maven.settings.Server server = new org.apache.maven.settings.Server();
        server.setId(id);
        server.setUsername(username);
        server.setPassword(password);
        org.apache.maven.settings.Settings settings = new org.apache.maven.settings.Settings();
        settings.addServer(server);
        return settings;
    }

    @SuppressWarnings("unchecked")
    private Mojo fetchOverHttp(GitHttpServer server, org.apache.maven.settings.Settings settings) throws Exception {
        Mojo mojo = mojo("fetch", "basic");
        Source source = ((List<Source>) rule.getVariableValueFromObject(mojo, "sources")).get(0);
        source.setUrl(server.url("repo.git"));
        source.setServerId("mirror");
        rule.setVariableValueToObject(mojo, "settings", settings);
        return mojo;
    }

    @Test
    @SuppressWarnings("unchecked")
    public void theActiveProxyOfSettingsCarriesTheFetchWithItsCredentials() throws Exception {
        Tools.require(GitHttpServer.available(), "git http-backend");
        Path served = servedRepository(tmp.newFolder("served").toPath());
        try (GitHttpServer server = new GitHttpServer(served, tmp.newFolder("home").toPath(), List.of());
                ForwardProxy proxy = new ForwardProxy("proxy-user:proxy-Secret-31")) {
            org.apache.maven.settings.Settings settings = new org.apache.maven.settings.Settings();
            org.apache.maven.settings.Proxy inactive = new org.apache.maven.settings.Proxy();
            inactive.setId("off");
            inactive.setActive(false);
            inactive.setHost("127.0.0.1");
            inactive.setPort(1);
            settings.addProxy(inactive);
            org.apache.maven.settings.Proxy corporate = new org.apache.maven.settings.Proxy();
            corporate.setId("corporate");
            corporate.setHost(proxy.host());
            corporate.setPort(proxy.port());
            corporate.setUsername("proxy-user");
            corporate.setPassword("proxy-Secret-31");
            corporate.setNonProxyHosts("*.example.org");
            settings.addProxy(corporate);
            Mojo mojo = mojo("fetch", "basic");
            ((List<Source>) rule.getVariableValueFromObject(mojo, "sources")).get(0).setUrl(server.url("repo.git"));
            rule.setVariableValueToObject(mojo, "settings", settings);
            mojo.execute();
            assertTrue(proxy.requests.toString(), proxy.requests.contains("GET " + server.url("repo.git") + "/info/refs?service=git-upload-pack"));
            assertEquals(proxy.requests.size(), proxy.credentials.size());
            assertTrue(proxy.credentials.toString(), proxy.credentials.stream().allMatch("proxy-user:proxy-Secret-31"::equals));
        } finally {
            org.mageos.distribution.core.config.Proxies.NONE.install();
        }
    }

    @Test
    public void credentialsOfASettingsServerFetchOverHttpThenTheDistributionBuilds() throws Exception {
        Tools.require(GitHttpServer.available(), "git http-backend");
        Path served = servedRepository(tmp.newFolder("served").toPath());
        try (GitHttpServer server = new GitHttpServer(served, tmp.newFolder("home").toPath(), List.of("alice:pw-1", "token:tok-2"))) {
            fetchOverHttp(server, settingsWithServer("mirror", "alice", "pw-1")).execute();
            // a token alone: the password of a <server> without <username>
            Path cache = tmp.getRoot().toPath().resolve("cache");
            TestRepository.delete(cache);
            fetchOverHttp(server, settingsWithServer("mirror", null, "tok-2")).execute();
            for (String goal : new String[] {"package", "index"}) {
                Mojo mojo = mojo(goal, "basic");
                // packaging reads the cache only, found by the same URL
                ((List<Source>) rule.getVariableValueFromObject(mojo, "sources")).get(0).setUrl(server.url("repo.git"));
                mojo.execute();
            }
        }
        Path out = tmp.getRoot().toPath().resolve("repository");
        assertTrue(Files.isRegularFile(out.resolve("dist/acme/mod/mod-1.1.0.zip")));
        assertTrue(Files.isRegularFile(out.resolve("packages.json")));
    }

    @Test
    public void aWrongPasswordFailsTheBuildNamingSourceAndUrlButNotThePassword() throws Exception {
        Tools.require(GitHttpServer.available(), "git http-backend");
        Path served = servedRepository(tmp.newFolder("served").toPath());
        try (GitHttpServer server = new GitHttpServer(served, tmp.newFolder("home").toPath(), List.of("alice:pw-1"))) {
            try {
                fetchOverHttp(server, settingsWithServer("mirror", "alice", "wrong-pw-9")).execute();
                fail("a wrong password must fail the build");
            } catch (MojoFailureException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("source 'security-package' (" + server.url("repo.git") + "): "));
                assertTrue(e.getMessage(), e.getMessage().contains("not authorized"));
                for (Throwable t = e; t != null; t = t.getCause()) {
                    assertFalse(String.valueOf(t.getMessage()), String.valueOf(t.getMessage()).contains("wrong-pw-9"));
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    public void aPrivateKeyAndPassphraseOfASettingsServerFetchOverSsh() throws Exception {
        try (TestRepository r = TestRepository.create(tmp.newFolder("ssh-origin").toPath())) {
            r.commit("a", Map.of("Mod/composer.json", "{\"name\": \"acme/mod\", \"version\": \"1.1.0\"}"));
            r.tag("1.1.0");
            try (SshGitServer server = new SshGitServer(r.git().getRepository())) {
                Path ssh = tmp.newFolder("ssh").toPath();
                Files.writeString(ssh.resolve("known_hosts"), server.knownHostsLine("127.0.0.1"));
                Path key = server.writeUserKey(tmp.getRoot().toPath().resolve("keys/id_ecdsa"), "key-pass-5");
                org.apache.maven.settings.Settings settings = settingsWithServer("mirror", null, null);
                settings.getServer("mirror").setPrivateKey(key.toString());
                settings.getServer("mirror").setPassphrase("key-pass-5");
                Mojo mojo = mojo("fetch", "basic");
                Source source = ((List<Source>) rule.getVariableValueFromObject(mojo, "sources")).get(0);
                source.setUrl(server.url("repo.git"));
                source.setServerId("mirror");
                rule.setVariableValueToObject(mojo, "settings", settings);
                rule.setVariableValueToObject(mojo, "sshDirectory", ssh.toFile());
                mojo.execute();
                Path cached = tmp.getRoot().toPath().resolve("cache");
                try (java.util.stream.Stream<Path> dirs = Files.list(cached)) {
                    // the cached repository (beside it, plans/: the fetch fills the plan cache)
                    Path gitDir = dirs.filter(d -> Files.isDirectory(d.resolve("objects"))).findFirst().orElseThrow();
                    assertTrue(Files.isRegularFile(gitDir.resolve("refs/tags/1.1.0")) || Files.readString(gitDir.resolve("packed-refs")).contains("refs/tags/1.1.0"));
                    assertFalse(Files.readString(gitDir.resolve("config")).contains("key-pass-5"));
                }
            }
        }
    }

    private void offline(Mojo mojo) throws Exception {
        org.apache.maven.execution.MavenSession session = rule.newMavenSession(new org.apache.maven.project.MavenProject());
        session.getRequest().setOffline(true);
        rule.setVariableValueToObject(mojo, "session", session);
    }

    /** mvn -o: a source never fetched fails naming it; once fetched, the build runs from the cache alone. */
    @Test
    public void offlineWithoutThenWithACache() throws Exception {
        Path repo;
        try (TestRepository r = TestRepository.create(tmp.newFolder("origin").toPath())) {
            r.commit("a", Map.of("Mod/composer.json", "{\"name\": \"acme/mod\", \"version\": \"1.1.0\"}"));
            r.tag("1.1.0");
            repo = r.dir();
        }
        // a source on this machine needs no network: offline, it is fetched into the cache all the same
        Mojo fetch = mojo("fetch", "basic");
        pointSourceAt(fetch, repo);
        offline(fetch);
        fetch.execute();
        TestRepository.delete(repo); // the source is gone: offline, the cache is used
        for (String goal : new String[] {"fetch", "package", "index"}) {
            Mojo mojo = mojo(goal, "basic");
            pointSourceAt(mojo, repo);
            offline(mojo);
            mojo.execute();
        }
        assertTrue(Files.isRegularFile(tmp.getRoot().toPath().resolve("repository/dist/acme/mod/mod-1.1.0.zip")));
    }

    /**
     * A remote with a tag and a branch pointing to a missing object, beside good tags, served by the real git
     * (http-backend): the distribution that selects the good tags builds end to end.
     */
    @Test
    @SuppressWarnings("unchecked")
    public void aRemoteWithBrokenRefsBuildsTheGoodTags() throws Exception {
        Tools.require(GitHttpServer.available(), "git http-backend");
        Path served = tmp.newFolder("served").toPath();
        try (TestRepository r = TestRepository.create(tmp.newFolder().toPath())) {
            r.commit("a", Map.of("Mod/composer.json", "{\"name\": \"acme/mod\", \"version\": \"1.1.0\"}"));
            r.tag("1.1.0");
            r.commit("b", Map.of("Mod/composer.json", "{\"name\": \"acme/mod\", \"version\": \"1.2.0\"}"));
            r.tag("1.2.0");
            org.eclipse.jgit.api.Git.cloneRepository().setBare(true).setURI(r.dir().toUri().toString())
                    .setGitDir(served.resolve("repo.git").toFile()).call().close();
        }
        String missing = "0123456789abcdef0123456789abcdef01234567\n";
        Files.writeString(served.resolve("repo.git/refs/tags/1.3.0"), missing);
        Files.writeString(served.resolve("repo.git/refs/tags/broken"), missing);
        Files.writeString(served.resolve("repo.git/refs/heads/broken-develop"), missing);
        try (GitHttpServer server = new GitHttpServer(served, tmp.newFolder("home").toPath(), List.of())) {
            for (String goal : new String[] {"fetch", "package", "index"}) {
                Mojo mojo = mojo(goal, "basic");
                Source source = ((List<Source>) rule.getVariableValueFromObject(mojo, "sources")).get(0);
                source.setUrl(server.url("repo.git"));
                source.setTags("<1.3");
                source.setBranches(List.of("main"));
                rule.setVariableValueToObject(mojo, "nightlyDate", "2026-11-21");
                mojo.execute();
            }
        }
        Path out = tmp.getRoot().toPath().resolve("repository");
        JsonNode mod = Json.MAPPER.readTree(out.resolve("p2/acme/mod.json").toFile()).get("packages").get("acme/mod");
        assertEquals("the two good tags and the nightly of branch main", 3, mod.size());
        assertTrue(Files.isRegularFile(out.resolve("dist/acme/mod/mod-1.2.0.1-a20261121.zip")));
        assertTrue(Files.isRegularFile(out.resolve("dist/acme/mod/mod-1.1.0.zip")));
        assertTrue(Files.isRegularFile(out.resolve("dist/acme/mod/mod-1.2.0.zip")));
    }
}
