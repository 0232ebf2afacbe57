package org.mageos.distribution.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader sees the old content or the new one, never a part; unchanged files are not touched.
 * A file is made visible durably: its bytes are forced to the disk before the rename that shows it, and the folders
 * that renames changed are forced by {@link #syncDirectories()}, which a writer calls before it makes visible what
 * points to those files (packages.json after the metadata and dists): after a power cut, metadata never names a file
 * that was lost or is empty. One folder force per folder and commit point, not per file: it costs ~8 ms each.
 */
public final class AtomicFiles {

    private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    /**
     * 0644, where the file system has permissions (the process's umask still applies): what this class writes
     * (zips, metadata) is published, and a web server running as another user must be able to read it.
     * {@link Files#createTempFile} would give 0600.
     */
    private static final FileAttribute<?>[] READABLE = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"))}
            : new FileAttribute<?>[0];

    private AtomicFiles() {
    }

    /** A fresh name for a temporary file beside {@code file}: a dot, its name, a random number, {@code .tmp}. */
    public static Path tempBeside(Path file) {
        return file.resolveSibling("." + file.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    }

    /**
     * Creates a temporary file named by {@link #tempBeside} (it fails if the name is taken) and opens it for
     * writing, readable by everyone (0644 minus the umask).
     */
    public static FileChannel createTemp(Path tmp) throws IOException {
        return FileChannel.open(tmp, CREATE_NEW, READABLE);
    }

    /**
     * Creates the folder of {@code file} and its parents when missing. Files.createDirectories on a folder that
     * exists costs an exception (its stack trace included): this checks first, as most files go to a folder that
     * is there already.
     */
    public static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
    }

    /** Returns true when the file was written, false when it already had these bytes (its mtime stays put). */
    public static boolean writeIfChanged(Path file, byte[] content) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) == content.length && Arrays.equals(Files.readAllBytes(file), content)) {
            return false;
        }
        createParent(file);
        Path tmp = tempBeside(file.toAbsolutePath());
        try {
            try (FileChannel channel = createTemp(tmp)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            rename(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return true;
    }

    /** Copies through a temporary file and an atomic rename, streaming; false when {@code to} already has these bytes (left alone). */
    public static boolean copyIfChanged(Path from, Path to) throws IOException {
        if (sameBytes(from, to)) {
            return false;
        }
        createParent(to);
        copy(from, to);
        return true;
    }

    /**
     * Copies {@code from} to {@code to} only when no file has that name, even one another process writes meanwhile
     * (see {@link #commitNew}); false when one has (left alone).
     */
    public static boolean copyNew(Path from, Path to) throws IOException {
        createParent(to);
        Path tmp = tempBeside(to.toAbsolutePath());
        try {
            copyToTemp(from, tmp);
            return commitNew(tmp, to);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The permissions a file this class creates gets (0644 less the umask), probed once; null without POSIX permissions. */
    private static volatile Set<PosixFilePermission> created;

    /**
     * Whether a file lacks a permission that files this class creates have (a zip cached by an older version of
     * the plugin, written 0600): false on a file system without POSIX permissions.
     */
    public static boolean lacksCreatedPermissions(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null || READABLE.length == 0) {
            return false;
        }
        if (created == null) {
            Path probe = tempBeside(file.toAbsolutePath());
            try {
                createTemp(probe).close();
                created = Files.getPosixFilePermissions(probe);
            } finally {
                Files.deleteIfExists(probe);
            }
        }
        return !view.readAttributes().permissions().containsAll(created);
    }

    /** Writes the file again in place, with the permissions of a file this class creates (its bytes stay the same). */
    public static void rewrite(Path file) throws IOException {
        copy(file, file);
    }

    /**
     * Copies through a temporary file beside {@code to}, then moves it in place. Not Files.copy: it would give the
     * copy the source's permissions (a prebuilt zip may be 0600).
     */
    private static void copy(Path from, Path to) throws IOException {
        Path tmp = tempBeside(to.toAbsolutePath());
        try {
            copyToTemp(from, tmp);
            rename(tmp, to);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Copies {@code from} into a new temporary file, forced to the disk. */
    private static void copyToTemp(Path from, Path tmp) throws IOException {
        try (FileChannel in = FileChannel.open(from); FileChannel out = createTemp(tmp)) {
            long size = in.size();
            for (long done = 0; done < size; ) {
                done += in.transferTo(done, size - done, out);
            }
            out.force(true);
        }
    }

    /**
     * Makes a finished temporary file visible under its final name, replacing what is there: its bytes are forced
     * to the disk first, then it is renamed atomically; its folder is forced by the next {@link #syncDirectories()}.
     */
    public static void commit(Path tmp, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        rename(tmp, target);
    }

    /**
     * Makes a finished temporary file visible under its final name only when no file has that name: a hard link,
     * which fails when the name is taken, whatever another process does at the same time. False when the name was
     * taken (the file there is left alone). Where the file system has no hard links, a move that refuses to replace.
     */
    public static boolean commitNew(Path tmp, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            try {
                Files.createLink(target, tmp);
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
                if (e instanceof java.nio.file.FileAlreadyExistsException) {
                    throw (java.nio.file.FileAlreadyExistsException) e;
                }
                Files.move(tmp, target); // checks the name first: not atomic, the best such a file system allows
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
        DIRTY.add(target.toAbsolutePath().getParent());
        return true;
    }

    private static void rename(Path tmp, Path target) throws IOException {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        DIRTY.add(target.toAbsolutePath().getParent());
    }

    /** Folders in which a rename made a file visible since the last {@link #syncDirectories()}. */
    private static final Set<Path> DIRTY = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Forces to the disk every folder in which this class made a file visible since the last call, so that those
     * renames survive a power cut. Call it before writing what refers to those files, and once at the end.
     */
    public static void syncDirectories() throws IOException {
        for (Path dir : new java.util.ArrayList<>(DIRTY)) {
            DIRTY.remove(dir);
            syncDirectory(dir);
        }
    }

    /** Forces a folder's entries to the disk; a no-op where a folder cannot be opened (Windows: NTFS journals renames). */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (java.nio.file.AccessDeniedException | UnsupportedOperationException e) {
            // not possible on this platform
        } catch (IOException e) {
            if (Files.isDirectory(dir) && !System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }

    /** Whether {@code existing} is a regular file with the same bytes as {@code file}: sizes first, then a byte compare (no hashing). */
    public static boolean sameBytes(Path file, Path existing) throws IOException {
        return Files.isRegularFile(existing) && Files.size(existing) == Files.size(file) && Files.mismatch(file, existing) == -1;
    }
}
