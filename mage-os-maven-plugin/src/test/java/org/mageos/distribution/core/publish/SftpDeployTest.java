package org.mageos.distribution.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.testing.RecordingLog;
import org.mageos.distribution.core.testing.SftpTestServer;

/** Deploys to a real SSH server's SFTP subsystem (Apache MINA SSHD on loopback), with key authentication. */
class SftpDeployTest extends DeployScenarios {

    private SftpTestServer server;
    private Path serverWork;

    @BeforeEach
    void startServer() throws Exception {
        serverWork = tmp.resolve("sshd");
        server = SftpTestServer.start(tmp.resolve("server-root"), serverWork, 0);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    TargetOptions config() {
        TargetOptions config = new TargetOptions();
        config.serverId = "test-sftp";
        config.username = SftpTestServer.USER;
        config.privateKey = server.clientKey;
        config.knownHosts = serverWork.resolve("known_hosts");
        return config;
    }

    @Override
    DeployTarget target() {
        return DeployTargets.open(description(), tmp, config());
    }

    @Override
    String description() {
        return "sftp://127.0.0.1:" + server.port() + "/srv/mirror";
    }

    @Override
    Path published() {
        return tmp.resolve("server-root/srv/mirror");
    }

    @Override
    void crash() throws Exception {
        server.close();
    }

    @Override
    void restart() throws Exception {
        server = SftpTestServer.start(tmp.resolve("server-root"), serverWork, server.port());
    }

    @Test
    void unknownHostKeyIsRefusedUnlessItsFingerprintIsAccepted() throws Exception {
        Path built = BuiltRepository.write(tmp.resolve("built"), 1, 0, 0, "one");
        TargetOptions strange = config();
        strange.knownHosts = tmp.resolve("empty_known_hosts");
        Files.write(strange.knownHosts, List.of());
        DistributionException e = assertThrows(DistributionException.class, () -> deployWith(built, description(), strange));
        assertTrue(e.getMessage().startsWith(description() + ": the server's host key " + server.fingerprint() + " is not in "), e.getMessage());
        assertEquals(List.of(), BuiltRepository.files(tmp.resolve("server-root")));

        strange.hostKeyFingerprint = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        e = assertThrows(DistributionException.class, () -> deployWith(built, description(), strange));
        assertTrue(e.getMessage().contains("is not the one <sftpHostKeyFingerprint> accepts"), e.getMessage());

        strange.hostKeyFingerprint = server.fingerprint();
        deployWith(built, description(), strange);
        assertEquals(List.of(), BuiltRepository.brokenReferences(published(), built));
        assertTrue(Files.isRegularFile(published().resolve("packages.json")));
    }

    @Test
    void wrongKeyAndUnreachableHostAreClearErrorsAndPublishNothing() throws Exception {
        Path built = BuiltRepository.write(tmp.resolve("built"), 1, 0, 0, "one");
        Path otherWork = tmp.resolve("other");
        try (SftpTestServer other = SftpTestServer.start(tmp.resolve("other-root"), otherWork, 0)) {
            TargetOptions wrongKey = config();
            wrongKey.privateKey = other.clientKey; // a key this server does not know
            DistributionException e = assertThrows(DistributionException.class, () -> deployWith(built, description(), wrongKey));
            assertTrue(e.getMessage().startsWith(description() + ": authentication failed for user 'deployer' with the credentials of "
                    + "<server> 'test-sftp'"), e.getMessage());
        }
        String closed = "sftp://127.0.0.1:" + S3ProxyProcess.freePort() + "/srv/mirror";
        DistributionException e = assertThrows(DistributionException.class, () -> deployWith(built, closed, config()));
        assertTrue(e.getMessage().startsWith(closed + ": cannot connect"), e.getMessage());
        assertFalse(Files.exists(published()));
    }

    private void deployWith(Path built, String url, TargetOptions config) throws Exception {
        try (DeployTarget target = DeployTargets.open(url, tmp, config)) {
            new Deployer(new RecordingLog(), options()).deploy(built, target);
        }
    }
}
