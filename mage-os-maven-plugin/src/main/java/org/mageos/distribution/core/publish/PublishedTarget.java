package org.mageos.distribution.core.publish;

import java.io.IOException;
import java.util.function.Supplier;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.io.RetryPolicy;
import org.mageos.distribution.core.published.RemoteRepositories;
import org.mageos.distribution.core.published.RepositoryReader;

/**
 * A published repository ({@code <publishedRepositoryUrl>}) on S3 or SFTP, read through the deploy's client with the
 * deploy's settings and credentials ({@code <deployServerId>}, {@code <s3Endpoint>}...): a private bucket behind a CDN
 * is read as the deploy writes it. A transient failure is retried; every error names {@code <publishedRepositoryUrl>}
 * and the URL without credentials. Thread-safe: the S3 client is, SFTP reads share the target's channels.
 */
final class PublishedTarget implements RepositoryReader.FileSource {

    private static final String ELEMENT = "publishedRepositoryUrl";

    private final DeployTarget target;
    private final DistributionLog log;

    private PublishedTarget(DeployTarget target, DistributionLog log) {
        this.target = target;
        this.log = log;
    }

    /** Opens {@code s3://} and {@code sftp://} URLs with the options {@code options} gives, asked for on the first one only. */
    static RemoteRepositories opener(Supplier<TargetOptions> options, DistributionLog log) {
        return url -> {
            String shown = RepositoryReader.withoutUserInfo(url.trim());
            DeployTarget target;
            try {
                TargetOptions config = options.get();
                config.connections = Math.min(Math.max(config.connections, 1), RepositoryReader.CONCURRENT_READS);
                target = DeployTargets.remote(url.trim(), config, ELEMENT);
            } catch (DistributionException e) {
                throw new DistributionException(e.getMessage().startsWith("<" + ELEMENT + ">") ? e.getMessage()
                        : "<" + ELEMENT + "> " + e.getMessage(), e);
            }
            if (target == null) {
                throw new DistributionException("<" + ELEMENT + ">" + shown + "</" + ELEMENT
                        + ">: unsupported scheme; use a folder, file:, http:, https:, s3:// or sftp://");
            }
            return new PublishedTarget(target, log);
        };
    }

    @Override
    public byte[] get(String path) {
        try {
            DeployTarget.Stored stored = RetryPolicy.DEFAULT.call(log, "read " + target.describe() + path, () -> target.read(path));
            return stored == null ? null : stored.bytes;
        } catch (IOException e) {
            throw new DistributionException("<" + ELEMENT + "> " + target.describe() + ": cannot read " + path + ": " + e.getMessage(), e);
        } catch (DistributionException e) {
            throw new DistributionException("<" + ELEMENT + "> " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        target.close();
    }
}
