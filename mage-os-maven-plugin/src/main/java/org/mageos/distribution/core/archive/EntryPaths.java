package org.mageos.distribution.core.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the paths a git tree gives a package's zip before any is written, as an extracting client would need them:
 * relative, inside the package (no empty, {@code .} or {@code ..} segment, a backslash counting as a separator), no
 * {@code .git} folder or file in another case or with trailing dots or spaces (Composer leaves out {@code .git} folders by their exact name
 * only, and a case-insensitive file system would extract {@code .GIT/} as a repository's own folder), no control
 * character, at most {@link #MAX_NAME_BYTES} bytes a name and {@link #MAX_PATH_BYTES} bytes a path, and no two
 * paths that decode to one name (a Latin-1 and a UTF-8 name: JGit decodes either to the same text). Git itself never
 * makes such trees; hand-made ones can hold them.
 */
final class EntryPaths {

    /** NAME_MAX of Linux file systems: a longer name cannot be extracted there. */
    static final int MAX_NAME_BYTES = 255;
    /** Linux's PATH_MAX is 4096 for the whole path, the install folder included. */
    static final int MAX_PATH_BYTES = 3072;

    /** A path that no client could extract safely. */
    static final class UnsafePathException extends IOException {
        UnsafePathException(String message) {
            super(message);
        }
    }

    private final Map<String, byte[]> rawByPath = new HashMap<>();

    /**
     * Checks one path of the zip, given as git stores it.
     *
     * @param path the path as decoded by JGit
     * @param raw  its bytes in the tree
     */
    void check(String path, byte[] raw) throws UnsafePathException {
        String problem = problem(path, raw);
        if (problem != null) {
            throw new UnsafePathException("the git tree has an entry " + shown(path) + " " + problem);
        }
        byte[] other = rawByPath.putIfAbsent(path, raw);
        if (other != null && !java.util.Arrays.equals(other, raw)) {
            throw new UnsafePathException("the git tree has two entries that decode to one name: '" + escaped(other) + "' and '"
                    + escaped(raw) + "'");
        }
    }

    /** What is wrong with a path, or null. */
    static String problem(String path, byte[] raw) {
        if (raw.length > MAX_PATH_BYTES) {
            return "longer than " + MAX_PATH_BYTES + " bytes (" + raw.length + ")";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                return "with a control character (U+" + String.format("%04X", (int) c) + ")";
            }
        }
        if (path.matches("^[A-Za-z]:.*")) {
            return "with a drive letter";
        }
        // a backslash separates folders where the zip is extracted on Windows: "..\\x" escapes there
        for (String segment : path.split("[/\\\\]", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return path.startsWith("/") ? "that is absolute" : "outside the package (an empty, '.' or '..' segment)";
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                return "with a name longer than " + MAX_NAME_BYTES + " bytes";
            }
            if (segment.toLowerCase(Locale.ROOT).replaceAll("[. ]+$", "").equals(".git")) {
                return "named like git's own folder (" + segment + "), which a client's file system may take for it";
            }
        }
        return null;
    }

    /** A path for a message: quoted, control characters escaped, at most 200 characters. */
    static String shown(String path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.length() && sb.length() < 200; i++) {
            char c = path.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return "'" + sb + (sb.length() < path.length() ? "...' (" + path.length() + " characters)" : "'");
    }

    /** Bytes of a name for a message: printable ASCII as it is, the rest as \xNN. */
    static String escaped(byte[] raw) {
        StringBuilder sb = new StringBuilder();
        for (byte b : raw) {
            int c = b & 0xff;
            sb.append(c >= 0x20 && c < 0x7f && c != '\\' ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.toString();
    }
}
