package org.mageos.distribution.core.publish;

import java.nio.file.Path;
import org.mageos.distribution.core.testing.SftpTestServer;

/** {@code <publishedRepositoryUrl>sftp://host/path}: a real SSH server's SFTP subsystem (Apache MINA SSHD on loopback), key authentication. */
class PublishedOnSftpTest extends PublishedOnTargetScenarios {

    private SftpTestServer server;
    private SftpTestServer other;

    @Override
    void startTarget() throws Exception {
        server = SftpTestServer.start(tmp.resolve("server-root"), tmp.resolve("sshd"), 0);
        other = SftpTestServer.start(tmp.resolve("other-root"), tmp.resolve("other-sshd"), 0);
    }

    @Override
    void stopTarget() throws Exception {
        server.close();
        other.close();
    }

    @Override
    String url() {
        return "sftp://127.0.0.1:" + server.port() + "/srv/mirror";
    }

    @Override
    TargetOptions config() {
        TargetOptions config = new TargetOptions();
        config.serverId = "test-sftp";
        config.username = SftpTestServer.USER;
        config.privateKey = server.clientKey;
        config.knownHosts = tmp.resolve("sshd").resolve("known_hosts");
        return config;
    }

    @Override
    TargetOptions wrongCredentials() {
        TargetOptions wrong = config();
        wrong.privateKey = other.clientKey; // a key this server does not know
        return wrong;
    }

    @Override
    String secret() {
        return "PRIVATE KEY";
    }

    @Override
    Path stored() {
        return tmp.resolve("server-root/srv/mirror");
    }
}
