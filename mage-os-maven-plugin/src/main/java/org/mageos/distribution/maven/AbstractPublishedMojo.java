package org.mageos.distribution.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.publish.TargetOptions;

/**
 * The parameters of the goals that read or write a published repository on S3 or SFTP (the deploy target, and
 * {@code <publishedRepositoryUrl>} when it is an {@code s3://} or {@code sftp://} URL): how to reach it.
 */
public abstract class AbstractPublishedMojo extends AbstractDistributionMojo {

    /**
     * A settings.xml server (by its id) with the credentials of the deploy target, and of {@code <publishedRepositoryUrl>}
     * when it is on S3 or SFTP, decrypted by Maven. S3: username = access key id, password = secret key. SFTP: username,
     * and privateKey (+ passphrase) or password.
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

    /** How to reach an S3 bucket or an SFTP server; the credentials are decrypted here. */
    protected TargetOptions targetOptions() {
        TargetOptions options = new TargetOptions();
        options.s3Endpoint = s3Endpoint;
        options.s3Region = s3Region;
        options.s3PathStyle = s3PathStyle;
        options.knownHosts = sftpKnownHosts == null ? null : sftpKnownHosts.toPath();
        options.hostKeyFingerprint = sftpHostKeyFingerprint;
        options.proxies = proxies();
        if (deployServerId != null && !deployServerId.trim().isEmpty()) {
            options.credentials(new ServerCredentials(settings, settingsDecrypter).decrypt(deployServerId.trim(), "", "deployServerId"));
        }
        return options;
    }
}
