package org.mageos.distribution.core.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.io.AtomicFiles;

/** The build cache restores zips by copy: what it restores must be readable as a published file is. */
class ZipCacheTest {

    @TempDir
    Path dir;

    @Test
    void aZipCachedPrivateByAnOlderVersionIsRestoredReadableByOthers() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        Path probe = dir.resolve("probe");
        AtomicFiles.writeIfChanged(probe, new byte[] {0});
        Set<PosixFilePermission> published = Files.getPosixFilePermissions(probe);
        assumeTrue(published.contains(PosixFilePermission.OTHERS_READ), "the umask forbids reading by others");

        ZipCache cache = new ZipCache(dir.resolve("cache"));
        byte[] bytes = {'P', 'K', 5, 6, 0, 0};
        Path built = Files.write(dir.resolve("built.zip"), bytes);
        String sha1 = org.apache.commons.codec.digest.DigestUtils.sha1Hex(bytes);
        cache.store("fedcba9876543210fedcba9876543210fedcba98", sha1, built);
        // as versions of the plugin before files were written 0644 left it
        Path cached = cache.zip(sha1);
        Files.setPosixFilePermissions(cached, PosixFilePermissions.fromString("rw-------"));

        Path target = dir.resolve("repository/dist/acme/lib/lib-1.0.0.zip");
        assertEquals(ZipCache.Restore.COPIED, cache.restore(sha1, target));
        assertEquals(published, Files.getPosixFilePermissions(target));
        assertArrayEquals(bytes, Files.readAllBytes(target));
        assertFalse(Files.isSameFile(cached, target), "a copy, not a hard link");

        // an earlier output, a private hard link to the cached zip, is published again readable
        Path earlier = dir.resolve("repository/dist/acme/lib/lib-0.9.0.zip");
        Files.write(earlier, bytes);
        Files.setPosixFilePermissions(earlier, PosixFilePermissions.fromString("rw-------"));
        assertEquals(ZipCache.Restore.COPIED, cache.restore(sha1, earlier));
        assertEquals(published, Files.getPosixFilePermissions(earlier));

        // once readable, nothing is written again
        assertEquals(ZipCache.Restore.UNCHANGED, cache.restore(sha1, target));
        assertEquals(ZipCache.Restore.UNCHANGED, cache.restore(sha1, earlier));

        // an output hard-linked to the cache (as earlier versions restored zips) gets a copy of its own
        Path linked = dir.resolve("repository/dist/acme/lib/lib-0.8.0.zip");
        Files.createLink(linked, cached);
        assertEquals(ZipCache.Restore.COPIED, cache.restore(sha1, linked));
        assertFalse(Files.isSameFile(cached, linked));
    }
}
