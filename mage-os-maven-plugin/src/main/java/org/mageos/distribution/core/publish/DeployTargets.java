package org.mageos.distribution.core.publish;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.mageos.distribution.core.DistributionException;

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
        if (u.startsWith("s3://")) {
            return S3Target.open(uri(u), config);
        }
        if (u.startsWith("sftp://")) {
            return SftpTarget.open(uri(u), config);
        }
        throw new DistributionException("<deployUrl>" + u + "</deployUrl>: unsupported scheme; use a folder, file:, s3:// or sftp://");
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

    private static URI uri(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getAuthority() == null || uri.getAuthority().isEmpty()) {
                throw new DistributionException("<deployUrl>" + url + "</deployUrl> names no " + (url.startsWith("s3") ? "bucket" : "host"));
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new DistributionException("<deployUrl>" + url + "</deployUrl> is not a valid URL: " + e.getMessage());
        }
    }
}
