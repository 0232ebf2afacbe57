package org.mageos.distribution.core.io;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Pattern;
import org.mageos.distribution.core.DistributionException;

/**
 * A place the configuration names: a source repository, the published repository, the deploy target, the URL clients
 * read. Either a local folder or file (a path, relative to the project folder, or a {@code file:} URL) or a remote URL
 * ({@code scheme://...}, or git's scp-like {@code user@host:path}). The one place that tells the two apart.
 *
 * @param text the value as configured, trimmed
 * @param path the local folder or file, absolute and normalized; null for a remote URL
 */
public record RepositoryLocation(String text, Path path) {

    /** {@code scheme:...}: an absolute URL (not a Windows drive letter). */
    private static final Pattern ABSOLUTE_URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    /** {@code scheme://...} */
    private static final Pattern REMOTE_URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
    /** git's scp-like syntax: {@code [user@]host:path} */
    private static final Pattern SCP_LIKE = Pattern.compile("^[^/\\\\]+@[^:]+:.*");
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:[\\\\/].*");

    /**
     * @param value   what the configuration says
     * @param baseDir the folder a relative path is relative to (the project folder)
     * @param element the POM element it comes from, for messages ({@code <deployUrl>})
     */
    public static RepositoryLocation of(String value, Path baseDir, String element) {
        String text = value.trim();
        if (text.startsWith("file:")) {
            try {
                return new RepositoryLocation(text, Paths.get(URI.create(text)).normalize());
            } catch (IllegalArgumentException e) {
                throw new DistributionException(element + text + close(element) + " is not a valid file: URL (use file:///absolute/path)");
            }
        }
        if (REMOTE_URL.matcher(text).matches() || SCP_LIKE.matcher(text).matches()) {
            return new RepositoryLocation(text, null);
        }
        Path path = Paths.get(text);
        return new RepositoryLocation(text, (path.isAbsolute() ? path : baseDir.resolve(path)).toAbsolutePath().normalize());
    }

    /** Whether {@code value} is an absolute URL ({@code https://...}, {@code file:///...}), not a path. */
    public static boolean isAbsoluteUrl(String value) {
        return ABSOLUTE_URL.matcher(value).matches() && !WINDOWS_DRIVE.matcher(value).matches();
    }

    /** Whether {@code value} names a remote place ({@code scheme://...}). */
    public static boolean isRemote(String value) {
        return REMOTE_URL.matcher(value).matches();
    }

    public boolean isLocal() {
        return path != null;
    }

    /** The local path as text, or the remote URL as configured. */
    public String pathOrUrl() {
        return path != null ? path.toString() : text;
    }

    private static String close(String element) {
        return element.startsWith("<") ? "</" + element.substring(1) : "";
    }
}
