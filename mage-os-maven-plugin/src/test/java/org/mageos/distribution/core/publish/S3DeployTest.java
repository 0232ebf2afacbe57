package org.mageos.distribution.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.NetworkProxy;
import org.mageos.distribution.core.config.Proxies;
import org.mageos.distribution.core.testing.ForwardProxy;
import org.mageos.distribution.core.testing.RecordingLog;

/** Deploys to a bucket of a real S3 server (S3Proxy on loopback, a filesystem blobstore we can look into). */
class S3DeployTest extends DeployScenarios {

    private static Path storage;
    private static Path work;
    private static S3ProxyProcess server;
    private static int bucketCounter;
    private String bucket;

    @BeforeAll
    static void startServer() throws Exception {
        work = Files.createTempDirectory("s3-deploy-test");
        storage = work.resolve("storage");
        server = S3ProxyProcess.start(storage, work);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
        org.apache.commons.io.FileUtils.deleteQuietly(work.toFile());
    }

    @BeforeEach
    void newBucket() throws Exception {
        if (!server.alive()) { // a test that crashed it failed before restarting it
            restart();
        }
        bucket = "bucket" + (++bucketCounter);
        Files.createDirectories(storage.resolve(bucket));
    }

    static TargetOptions config(S3ProxyProcess server) {
        TargetOptions config = new TargetOptions();
        config.serverId = "test-s3";
        config.username = S3ProxyProcess.ACCESS_KEY;
        config.password = S3ProxyProcess.SECRET_KEY;
        config.s3Endpoint = server.endpoint();
        config.s3PathStyle = true;
        config.s3Region = "us-east-1";
        return config;
    }

    @Override
    DeployTarget target() {
        return DeployTargets.open(description(), tmp, config(server));
    }

    @Override
    String description() {
        return "s3://" + bucket + "/mirror/";
    }

    @Override
    Path published() {
        return storage.resolve(bucket).resolve("mirror");
    }

    @Override
    void crash() throws Exception {
        server.kill();
    }

    @Override
    void restart() throws Exception {
        server = S3ProxyProcess.start(storage, work, server.port);
    }

    @Test
    void wrongCredentialsUnknownBucketAndUnreachableEndpointAreClearErrorsAndPublishNothing() throws Exception {
        Path built = BuiltRepository.write(tmp.resolve("built"), 1, 0, 0, "one");

        TargetOptions wrong = config(server);
        wrong.password = "not-the-secret";
        DistributionException e = assertThrows(DistributionException.class,
                () -> deployWith(built, description(), wrong));
        assertTrue(e.getMessage().startsWith("s3://" + bucket + "/mirror/: access denied"), e.getMessage());
        assertTrue(e.getMessage().contains("<server> 'test-s3'"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-secret"), e.getMessage());

        e = assertThrows(DistributionException.class, () -> deployWith(built, "s3://no-such-bucket/mirror", config(server)));
        assertTrue(e.getMessage().startsWith("s3://no-such-bucket/mirror/: the bucket 'no-such-bucket' does not exist"), e.getMessage());

        TargetOptions unreachable = config(server);
        unreachable.s3Endpoint = "http://127.0.0.1:" + S3ProxyProcess.freePort();
        e = assertThrows(DistributionException.class, () -> deployWith(built, description(), unreachable));
        assertTrue(e.getMessage().startsWith("Deploy to s3://" + bucket + "/mirror/ failed: read " + DeployLock.PATH + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
        assertFalse(e.getMessage().contains(S3ProxyProcess.SECRET_KEY), e.getMessage());

        assertEquals(List.of(), BuiltRepository.files(storage.resolve(bucket)));
    }

    @Test
    void skipsByEtagWithoutAManifestAndSetsContentTypes() throws Exception {
        Path built = BuiltRepository.write(tmp.resolve("built"), 1, 0, 1, "one");
        deploy(built, options(), new RecordingLog());
        // a deploy that lost its manifest (killed before writing it) still knows the files by their ETag (MD5)
        Files.delete(published().resolve(DeployManifest.PATH));
        Deployer.Result again = deploy(built, options(), new RecordingLog());
        assertEquals(List.of(), again.uploaded);
        assertEquals(4, again.skipped.size());

        HttpURLConnection c = (HttpURLConnection) new URL(server.endpoint() + "/" + bucket + "/mirror/packages.json").openConnection();
        c.setRequestMethod("HEAD");
        int status = c.getResponseCode();
        if (status == 200) { // S3Proxy serves anonymous reads on this blobstore: check what a client gets
            assertEquals("application/json", c.getContentType());
        }
    }

    @Test
    void deploysThroughTheSettingsProxyWithItsCredentialsUnlessTheEndpointBypassesIt() throws Exception {
        Path built = BuiltRepository.write(tmp.resolve("built"), 2, 0, 1, "one");
        try (ForwardProxy proxy = new ForwardProxy("proxy-user:proxy-Secret-77")) {
            TargetOptions config = config(server);
            config.proxies = Proxies.of(List.of(new NetworkProxy("corporate", "http", proxy.host(), proxy.port(), "proxy-user",
                    "proxy-Secret-77", "*.example.org")));
            deployWith(built, description(), config);
            assertPublishedIs(built);
            String endpoint = server.endpoint();
            assertTrue(proxy.requests.stream().anyMatch(r -> r.startsWith("PUT " + endpoint + "/" + bucket + "/mirror/packages.json")),
                    proxy.requests.toString());
            assertTrue(proxy.requests.stream().anyMatch(r -> r.startsWith("GET " + endpoint + "/" + bucket)), proxy.requests.toString());
            assertEquals(proxy.requests.size(), proxy.credentials.size(), "every request carried the proxy's credentials");
            assertTrue(proxy.credentials.stream().allMatch("proxy-user:proxy-Secret-77"::equals), proxy.credentials.toString());

            int before = proxy.requests.size();
            TargetOptions bypassing = config(server);
            bypassing.proxies = Proxies.of(List.of(new NetworkProxy("corporate", "http", proxy.host(), proxy.port(), "proxy-user",
                    "proxy-Secret-77", "*.example.org|127.0.0.*")));
            bucket = bucket + "b";
            Files.createDirectories(storage.resolve(bucket));
            deployWith(built, description(), bypassing);
            assertPublishedIs(built);
            assertEquals(before, proxy.requests.size(), "127.0.0.1 is a non-proxy host: " + proxy.requests.subList(before, proxy.requests.size()));
            assertEquals(0, proxy.refused());
        }
    }

    private void deployWith(Path built, String url, TargetOptions config) throws Exception {
        try (DeployTarget target = DeployTargets.open(url, tmp, config)) {
            new Deployer(new RecordingLog(), options()).deploy(built, target);
        }
    }
}
