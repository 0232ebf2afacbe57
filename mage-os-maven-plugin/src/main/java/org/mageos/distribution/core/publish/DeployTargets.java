package org.mageos.distribution.core.publish;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.published.RepositoryReader;

/** Opens the target a {@code <deployUrl>} names: a path or {@code file:} URL, {@code s3://bucket/prefix}, {@code sftp://host[:port]/path}. */
public final class DeployTargets {

    private DeployTargets() {
    }

    public static DeployTarget open(String url, Path basedir, TargetOptions config) {
        String u = url.trim();
        if (u.isEmpty()) {
            throw new DistributionException("No deploy target: set <deployUrl> (a folder, file:, s3:// or sftp:// URL)");
        }
        Path directory = directory(u, basedir);
        if (directory != null) {
            return new DirectoryTarget(directory);
        }
        DeployTarget remote = remote(u, config, "deployUrl");
        if (remote == null) {
            throw new DistributionException("<deployUrl>" + u + "</deployUrl>: unsupported scheme; use a folder, file:, s3:// or sftp://");
        }
        return remote;
    }

    /**
     * The S3 bucket or SFTP server a URL names, or null for another scheme; {@code element} names the POM element in
     * messages ({@code deployUrl}).
     */
    static DeployTarget remote(String url, TargetOptions config, String element) {
        if (url.startsWith("s3://")) {
            return S3Target.open(uri(url, element), config);
        }
        if (url.startsWith("sftp://")) {
            return SftpTarget.open(uri(url, element), config);
        }
        return null;
    }

    /**
     * The folder a {@code <deployUrl>} names (a {@code file:} URL, or a path relative to {@code basedir}); null when
     * it names a remote target ({@code scheme://...}).
     */
    public static Path directory(String url, Path basedir) {
        String u = url.trim();
        if (u.startsWith("file:")) {
            try {
                return Paths.get(URI.create(u));
            } catch (IllegalArgumentException e) {
                throw new DistributionException("<deployUrl>" + u + "</deployUrl> is not a valid file: URL (use file:///absolute/path)");
            }
        }
        if (u.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            return null;
        }
        Path path = Paths.get(u);
        return path.isAbsolute() ? path : basedir.resolve(path).normalize();
    }

    private static URI uri(String url, String element) {
        String shown = RepositoryReader.withoutUserInfo(url);
        try {
            URI uri = new URI(url);
            if (uri.getAuthority() == null || uri.getAuthority().isEmpty()) {
                throw new DistributionException("<" + element + ">" + shown + "</" + element + "> names no " + (url.startsWith("s3") ? "bucket" : "host"));
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new DistributionException("<" + element + ">" + shown + "</" + element + "> is not a valid URL: "
                    + e.getMessage().replace(url, shown));
        }
    }
}
