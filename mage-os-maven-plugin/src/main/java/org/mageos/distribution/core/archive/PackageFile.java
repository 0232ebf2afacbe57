package org.mageos.distribution.core.archive;

import org.eclipse.jgit.lib.CoreConfig.EolStreamType;
import org.eclipse.jgit.lib.ObjectId;

/** One entry of a package zip: its path inside the package, its kind, and the git blob with its bytes (none for a folder). */
public final class PackageFile {

    /** How a file is stored; the unix mode in the zip follows from it. */
    public enum Kind {
        FILE(0100644),
        EXECUTABLE(0100755),
        SYMLINK(0120777),
        /** A folder kept as a directory entry (its path ends with '/'), with no blob. */
        DIRECTORY(040755);

        private final int unixMode;

        Kind(int unixMode) {
            this.unixMode = unixMode;
        }

        public int unixMode() {
            return unixMode;
        }
    }

    private final String path;
    private final Kind kind;
    private final ObjectId blob;
    private final EolStreamType eol;

    public PackageFile(String path, Kind kind, ObjectId blob) {
        this(path, kind, blob, EolStreamType.DIRECT);
    }

    /** @param eol how a checkout writes the blob ({@code .gitattributes} text / eol), {@link EolStreamType#DIRECT} for as it is */
    public PackageFile(String path, Kind kind, ObjectId blob, EolStreamType eol) {
        this.path = path;
        this.kind = kind;
        this.blob = blob;
        this.eol = eol;
    }

    /** How a checkout converts line endings of this file; {@link EolStreamType#DIRECT}: the blob's bytes as they are. */
    public EolStreamType eol() {
        return eol;
    }

    public String path() {
        return path;
    }

    public Kind kind() {
        return kind;
    }

    /** A directory entry for {@code folder} (no trailing slash), kept in the zip even when nothing is in it. */
    public static PackageFile directory(String folder) {
        return new PackageFile(folder.endsWith("/") ? folder : folder + "/", Kind.DIRECTORY, null);
    }

    public ObjectId blob() {
        return blob;
    }

    @Override
    public String toString() {
        return path;
    }
}
