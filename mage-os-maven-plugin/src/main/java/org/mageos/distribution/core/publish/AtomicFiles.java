package org.mageos.distribution.core.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/** Writes files so that a reader sees the old content or the new one, never a part; unchanged files are not touched. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Returns true when the file was written, false when it already had these bytes (its mtime stays put). */
    public static boolean writeIfChanged(Path file, byte[] content) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) == content.length && Arrays.equals(Files.readAllBytes(file), content)) {
            return false;
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
        Path parent = to.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + to.getFileName(), ".tmp");
        try {
            Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return true;
    }

    /** Whether {@code existing} is a regular file with the same bytes as {@code file}: sizes first, then a byte compare (no hashing). */
    public static boolean sameBytes(Path file, Path existing) throws IOException {
        return Files.isRegularFile(existing) && Files.size(existing) == Files.size(file) && Files.mismatch(file, existing) == -1;
    }
}
