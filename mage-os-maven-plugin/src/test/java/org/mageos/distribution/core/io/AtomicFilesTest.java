package org.mageos.distribution.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.archive.DistArchiveWriter;

/** What the plugin writes is published: a web server running as another user must be able to read it. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writtenCopiedAndZippedFilesAreReadableByOthers() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        // the process umask decides in the end; with one that lets 0644 through (022, the usual), others can read
        Path probe = Files.createFile(dir.resolve("probe"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        assumeTrue(Files.getPosixFilePermissions(probe).contains(PosixFilePermission.OTHERS_READ), "the umask forbids reading by others");

        Path written = dir.resolve("repo/packages.json");
        assertTrue(AtomicFiles.writeIfChanged(written, "{}\n".getBytes(StandardCharsets.UTF_8)));
        assertReadableByAll(written);

        // a prebuilt zip the user keeps private is published readable; the copy has the same bytes
        Path privateSource = Files.write(dir.resolve("prebuilt.zip"), new byte[] {1, 2, 3, 4, 5});
        Files.setPosixFilePermissions(privateSource, PosixFilePermissions.fromString("rw-------"));
        Path copied = dir.resolve("repo/dist/prebuilt.zip");
        assertTrue(AtomicFiles.copyIfChanged(privateSource, copied));
        assertReadableByAll(copied);
        assertEquals(-1, Files.mismatch(privateSource, copied));
        assertFalse(AtomicFiles.copyIfChanged(privateSource, copied), "same bytes: left alone");

        Path zip = dir.resolve("repo/dist/a-1.0.0.zip");
        new DistArchiveWriter(null).write(null, List.of(), Map.of("composer.json", "{\"name\": \"a/a\"}\n".getBytes(StandardCharsets.UTF_8)), zip);
        assertReadableByAll(zip);

        try (var files = Files.list(dir.resolve("repo/dist"))) {
            assertEquals(List.of("a-1.0.0.zip", "prebuilt.zip"), files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file left");
        }
    }

    @Test
    void aFileCreatedNewNeverReplacesOneThereAndLeavesNoTemporary() throws Exception {
        Path source = Files.write(dir.resolve("source.zip"), new byte[] {1, 2, 3});
        Path target = dir.resolve("repo/dist/a-1.0.0.zip");
        assertTrue(AtomicFiles.copyNew(source, target));
        Files.write(source, new byte[] {9, 9});
        assertFalse(AtomicFiles.copyNew(source, target), "the name is taken");
        assertEquals(-1, java.util.Arrays.mismatch(new byte[] {1, 2, 3}, Files.readAllBytes(target)));
        AtomicFiles.syncDirectories(); // forces repo/dist, where the file appeared
        try (var files = Files.list(target.getParent())) {
            assertEquals(List.of("a-1.0.0.zip"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static void assertReadableByAll(Path file) throws Exception {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        assertTrue(mode.containsAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ)),
                file.getFileName() + " is " + PosixFilePermissions.toString(mode));
    }
}
