package org.mageos.distribution.core.publish;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@code <publishedRepositoryUrl>s3://bucket/prefix}: a private bucket of a real S3 server (S3Proxy on loopback). */
class PublishedOnS3Test extends PublishedOnTargetScenarios {

    private static S3ProxyProcess server;
    private static int buckets;
    private String bucket;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyProcess.startInTemporaryFolder();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
        org.apache.commons.io.FileUtils.deleteQuietly(server.storage.getParent().toFile());
    }

    @Override
    void startTarget() throws Exception {
        bucket = "published" + (++buckets);
        Files.createDirectories(server.storage.resolve(bucket));
    }

    @Override
    void stopTarget() {
    }

    @Override
    String url() {
        return "s3://" + bucket + "/mirror/";
    }

    @Override
    TargetOptions config() {
        return S3DeployTest.config(server);
    }

    @Override
    TargetOptions wrongCredentials() {
        TargetOptions wrong = config();
        wrong.password = "not-the-secret";
        return wrong;
    }

    @Override
    String secret() {
        return S3ProxyProcess.SECRET_KEY;
    }

    @Override
    Path stored() {
        return server.storage.resolve(bucket).resolve("mirror");
    }
}
