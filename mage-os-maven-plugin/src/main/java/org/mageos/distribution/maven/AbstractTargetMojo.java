package org.mageos.distribution.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.publish.DeployOptions;
import org.mageos.distribution.core.publish.TargetOptions;

/** The parameters of the goals that work on a published repository (deploy, purge): where it is and how to reach it. */
public abstract class AbstractTargetMojo extends AbstractDistributionMojo {

    /** The target: a folder, a {@code file:} URL, {@code s3://bucket/prefix} or {@code sftp://[user@]host[:port]/path}. */
    @Parameter(property = "mage-os.deployUrl")
    protected String deployUrl;

    /**
     * A settings.xml server (by its id) with the target's credentials, decrypted by Maven. S3: username = access key
     * id, password = secret key. SFTP: username, and privateKey (+ passphrase) or password.
     */
    @Parameter(property = "mage-os.deployServerId")
    protected String deployServerId;

    /** S3: an endpoint other than AWS's (MinIO, Ceph, R2...). */
    @Parameter(property = "mage-os.deploy.s3.endpoint")
    protected String s3Endpoint;

    /** S3: the bucket's region; default the AWS SDK's region chain, else us-east-1. */
    @Parameter(property = "mage-os.deploy.s3.region")
    protected String s3Region;

    /** S3: address the bucket in the path, as most S3-compatible stores need. */
    @Parameter(property = "mage-os.deploy.s3.pathStyle", defaultValue = "false")
    protected boolean s3PathStyle;

    /** SFTP: the known_hosts file the server's key must be in. */
    @Parameter(property = "mage-os.deploy.sftp.knownHosts", defaultValue = "${user.home}/.ssh/known_hosts")
    protected File sftpKnownHosts;

    /** SFTP: accept the server key with this fingerprint ({@code SHA256:...}) instead of checking known_hosts. */
    @Parameter(property = "mage-os.deploy.sftp.hostKeyFingerprint")
    protected String sftpHostKeyFingerprint;

    /** Uploads (or deletes) at the same time. */
    @Parameter(property = "mage-os.deploy.threads", defaultValue = "4")
    protected int deployThreads;

    /** Further attempts after a transient failure (network, server error), with doubling waits. */
    @Parameter(property = "mage-os.deploy.retries", defaultValue = "4")
    protected int deployRetries;

    protected DeployOptions options(boolean dryRun) {
        DeployOptions options = new DeployOptions();
        options.threads = deployThreads;
        options.retries(deployRetries);
        options.dryRun = dryRun;
        return options;
    }

    protected TargetOptions targetOptions() {
        TargetOptions options = new TargetOptions();
        options.s3Endpoint = s3Endpoint;
        options.s3Region = s3Region;
        options.s3PathStyle = s3PathStyle;
        options.knownHosts = sftpKnownHosts == null ? null : sftpKnownHosts.toPath();
        options.hostKeyFingerprint = sftpHostKeyFingerprint;
        options.connections = Math.max(1, deployThreads);
        options.proxies = proxies();
        if (deployServerId != null && !deployServerId.trim().isEmpty()) {
            options.credentials(new ServerCredentials(settings, settingsDecrypter).decrypt(deployServerId.trim(), "", "deployServerId"));
        }
        return options;
    }
}
