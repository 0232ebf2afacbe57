package org.mageos.distribution.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.git.GitCache;
import org.mageos.distribution.core.published.RepositoryReader;
import org.mageos.distribution.core.serve.RepositoryServer;
import org.mageos.distribution.core.testing.ForwardProxy;
import org.mageos.distribution.core.testing.GitHttpServer;
import org.mageos.distribution.core.testing.TestRepository;
import org.mageos.distribution.core.testing.Tools;

/**
 * The settings.xml proxies, installed for a build: git over HTTP (JGit) and a published repository read over HTTP go
 * through a real forward proxy on loopback, with its credentials when it asks; non-proxy hosts go around it.
 */
@Timeout(60)
class ProxiesTest {

    @TempDir
    Path tmp;

    @AfterEach
    void uninstall() {
        Proxies.NONE.install();
    }

    private static NetworkProxy proxy(String protocol, String host, int port, String user, String password, String nonProxyHosts) {
        return new NetworkProxy("corporate", protocol, host, port, user, password, nonProxyHosts);
    }

    @Test
    void theProxyOfAUrlsProtocolElseTheHttpOneForHttpsAndNoneForNonProxyHosts() {
        NetworkProxy http = proxy("http", "proxy.example.org", 3128, null, null, "localhost|*.internal.example.org|10.*|[::1]");
        NetworkProxy https = proxy("HTTPS", "secure-proxy.example.org", 3129, null, null, null);
        Proxies both = Proxies.of(List.of(http, https, proxy("https", "second.example.org", 1, null, null, null)));
        assertEquals(http, both.forUri(URI.create("http://git.example.com/repo.git")));
        assertEquals(https, both.forUri(URI.create("https://git.example.com/repo.git")), "the first of its protocol");
        Proxies httpOnly = Proxies.of(List.of(http));
        assertEquals(http, httpOnly.forUri(URI.create("https://git.example.com/repo.git")));
        assertNull(Proxies.of(List.of(https)).forUri(URI.create("http://git.example.com/")));
        assertNull(httpOnly.forUri(URI.create("ssh://git.example.com/repo.git")));
        assertNull(httpOnly.forUri(URI.create("https://localhost:8443/")));
        assertNull(httpOnly.forUri(URI.create("https://GIT.Internal.example.org/x")));
        assertNull(httpOnly.forUri(URI.create("http://10.1.2.3/x")));
        assertNull(httpOnly.forUri(URI.create("http://[::1]:8080/x")));
        assertEquals(http, httpOnly.forUri(URI.create("http://internal.example.org.evil.com/x")));
        assertEquals(http, httpOnly.forUri(URI.create("http://110.1.2.3/x")));
        assertTrue(Proxies.of(List.of()).isEmpty());
    }

    @Test
    void gitOverHttpGoesThroughTheProxyWithItsCredentialsAndNonProxyHostsGoAround() throws Exception {
        Tools.require(GitHttpServer.available(), "git http-backend");
        try (TestRepository origin = TestRepository.create(tmp.resolve("origin"))) {
            origin.commit("a", Map.of("composer.json", "{\"name\": \"acme/lib\"}"));
            origin.tag("1.0.0");
            Git.cloneRepository().setBare(true).setURI(origin.dir().toUri().toString())
                    .setGitDir(tmp.resolve("served/repo.git").toFile()).call().close();
        }
        try (GitHttpServer git = new GitHttpServer(tmp.resolve("served"), tmp.resolve("server-home"), List.of());
                ForwardProxy proxy = new ForwardProxy("proxy-user:proxy-Secret-42")) {
            Proxies.of(List.of(proxy("http", proxy.host(), proxy.port(), "proxy-user", "proxy-Secret-42", "localhost"))).install();
            String url = git.url("repo.git");
            assertEquals(1, new GitCache(tmp.resolve("cache"), DistributionLog.SILENT).fetch(new Source("lib", url), false).fetchedTags);
            assertTrue(proxy.requests.contains("GET " + url + "/info/refs?service=git-upload-pack"), proxy.requests.toString());
            assertTrue(proxy.requests.contains("POST " + url + "/git-upload-pack"), proxy.requests.toString());
            assertTrue(proxy.refused() >= 1, "the proxy asked for credentials");
            assertEquals(proxy.requests.size(), proxy.credentials.size());
            assertTrue(proxy.credentials.stream().allMatch("proxy-user:proxy-Secret-42"::equals), proxy.credentials.toString());

            // localhost is a non-proxy host: the same repository by that name goes around the proxy
            int before = proxy.requests.size();
            String direct = url.replace("127.0.0.1", "localhost");
            assertEquals(1, new GitCache(tmp.resolve("cache2"), DistributionLog.SILENT).fetch(new Source("lib", direct), false).fetchedTags);
            assertEquals(before, proxy.requests.size(), proxy.requests.toString());
        }
    }

    @Test
    void aPublishedRepositoryIsReadThroughTheProxy() throws Exception {
        Path published = tmp.resolve("published");
        Files.createDirectories(published.resolve("p2/acme"));
        Files.writeString(published.resolve("packages.json"), "{\"packages\": {}, \"metadata-url\": \"p2/%package%.json\","
                + " \"available-packages\": [\"acme/lib\"]}");
        Files.writeString(published.resolve("p2/acme/lib.json"), "{\"packages\": {\"acme/lib\": [{\"name\": \"acme/lib\", \"version\": \"1.0.0\","
                + " \"version_normalized\": \"1.0.0.0\", \"dist\": {\"type\": \"zip\", \"url\": \"https://example.org/lib.zip\"}}]}}");
        try (RepositoryServer server = RepositoryServer.start(published, 0, null, DistributionLog.SILENT);
                ForwardProxy proxy = new ForwardProxy("reader:read-Secret-9")) {
            Proxies.of(List.of(proxy("http", proxy.host(), proxy.port(), "reader", "read-Secret-9", null))).install();
            String url = server.url();
            assertEquals(List.of("acme/lib"), List.copyOf(new RepositoryReader(url).read().keySet()));
            assertTrue(proxy.requests.contains("GET " + url + "packages.json"), proxy.requests.toString());
            assertTrue(proxy.requests.contains("GET " + url + "p2/acme/lib.json"), proxy.requests.toString());
            assertTrue(proxy.refused() >= 1, "the proxy asked for credentials");
            assertTrue(proxy.credentials.stream().allMatch("reader:read-Secret-9"::equals), proxy.credentials.toString());
        }
    }
}
