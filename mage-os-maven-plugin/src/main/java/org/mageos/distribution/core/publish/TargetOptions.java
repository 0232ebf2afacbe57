package org.mageos.distribution.core.publish;

import java.nio.file.Path;
import org.mageos.distribution.core.config.Credentials;
import org.mageos.distribution.core.config.Proxies;

/**
 * Everything about a deploy target besides its URL: credentials (from a settings.xml server, already decrypted)
 * and per-kind settings. {@link #toString()} never shows a secret.
 */
public final class TargetOptions {

    /** The settings.xml {@code <server>} the credentials come from, for messages; null when none. */
    public String serverId;
    /** S3: the access key id; SFTP: the user (unless the URL names one). */
    public String username;
    /** S3: the secret key; SFTP: the password, when no key is given. */
    public String password;
    /** SFTP: a private key file (OpenSSH or PEM). */
    public Path privateKey;
    public String passphrase;

    /** S3: another endpoint than AWS's (MinIO, Ceph, R2, S3Proxy...). */
    public String s3Endpoint;
    /** S3: the region; default: the SDK's region chain, else us-east-1. */
    public String s3Region;
    /** S3: bucket in the path ({@code https://host/bucket/key}) instead of the host name. */
    public boolean s3PathStyle;

    /** SFTP: the known_hosts file the server's key is checked against; default ~/.ssh/known_hosts. */
    public Path knownHosts;
    /** SFTP: accept the server key with this SHA256 fingerprint ({@code SHA256:...}, as ssh-keygen -lf prints it) instead. */
    public String hostKeyFingerprint;

    /** S3: the settings.xml proxies; the S3 client goes through the one of its endpoint's protocol. */
    public Proxies proxies = Proxies.NONE;

    /** Connections (SFTP channels) to open: one per upload thread. */
    public int connections = 4;

    /** The credentials in messages: where they come from, never what they are. */
    String credentialsSource() {
        return serverId == null ? "the default credentials" : "the credentials of <server> '" + serverId + "' in settings.xml";
    }

    @Override
    public String toString() {
        return "TargetOptions[" + credentialsSource() + "]";
    }

    /** Authenticates with this settings.xml {@code <server>}; null for the default credentials. */
    public TargetOptions credentials(Credentials server) {
        if (server != null) {
            serverId = server.serverId();
            username = server.username();
            password = server.password();
            privateKey = server.privateKey();
            passphrase = server.passphrase();
        }
        return this;
    }
}
