package org.mageos.distribution.core.packaging;

import org.mageos.distribution.core.archive.DistArchiveWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.apache.commons.codec.digest.DigestUtils;
import org.eclipse.jgit.lib.ObjectId;
import org.mageos.distribution.core.io.AtomicFiles;

/**
 * Zips already built, shared by every build of the user ({@code <cacheDirectory>/builds/}), content-addressed:
 * {@code keys/<key>} holds the sha1 of the zip that key produces, {@code zips/<sha1>.zip} the zip. The key covers
 * all a zip is made of: the git tree of the package folder (which fixes every file and the .gitattributes), the
 * effective composer.json (which fixes archive.exclude and the version), the entry timestamp, and
 * {@link #FORMAT}, the version of our exclude rules and zip layout. A zip is restored into a repository by a
 * copy, never a hard link (a repository folder is written by users and web servers: a change there must not reach
 * the cache), and its bytes are checked against the sha1 it is stored under while they are copied: no git object
 * is read, and a damaged cached zip is never published.
 */
public final class ZipCache {

    /** Change this whenever the exclude rules or the zip writer change what a key produces. */
    static final String FORMAT = "mage-os-dist-3";

    private static final int BUFFER = 256 << 10;

    private final Path root;

    public ZipCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The cache key of a zip: hex sha1 over everything its bytes depend on. */
    public static String key(ObjectId folderTree, byte[] composerJson, Instant timestamp) {
        return key(folderTree, composerJson, timestamp, "");
    }

    /**
     * The cache key of a zip whose content the distribution changes ({@code layout}: its own excludes, folder
     * entries and replaced files, described in text); an empty layout gives the key of the plain package.
     */
    public static String key(ObjectId folderTree, byte[] composerJson, Instant timestamp, String layout) {
        MessageDigest digest = DigestUtils.getSha1Digest();
        digest.update((FORMAT + "\n" + folderTree.name() + "\n" + timestamp + "\n").getBytes(StandardCharsets.UTF_8));
        if (!layout.isEmpty()) {
            digest.update(("layout\n" + layout).getBytes(StandardCharsets.UTF_8));
        }
        digest.update(composerJson);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The sha1 of the zip this key produced earlier, when that zip is still in the cache; else null. */
    public String lookup(String key) throws IOException {
        Path keyFile = keyFile(key);
        if (!Files.isRegularFile(keyFile)) {
            return null;
        }
        String sha1 = Files.readString(keyFile, StandardCharsets.US_ASCII).trim();
        return sha1.matches("[0-9a-f]{40}") && Files.isRegularFile(zip(sha1)) ? sha1 : null;
    }

    /** Records a zip just built (its bytes have this sha1) under its key: a copy of it, checked as it is made. */
    public void store(String key, String sha1, Path builtZip) throws IOException {
        Path zip = zip(sha1);
        if (!Files.isRegularFile(zip) || !sha1.equals(sha1(zip))) {
            if (!copyChecked(builtZip, zip, sha1)) {
                throw new IOException(builtZip + " changed while it was copied into the build cache");
            }
        }
        AtomicFiles.writeIfChanged(keyFile(key), (sha1 + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** What {@link #restore} did. */
    public enum Restore {
        /** the target already was that zip: nothing written, its mtime stays put */
        UNCHANGED,
        /** the cached zip was copied to the target */
        COPIED,
        /** the cached zip's bytes are not those of its sha1: it is removed from the cache and the target is left alone */
        DAMAGED
    }

    /** Puts the cached zip with this sha1 at {@code target}, checking its bytes against the sha1 while copying. */
    public Restore restore(String sha1, Path target) throws IOException {
        Path zip = zip(sha1);
        if (Files.isRegularFile(target) && !AtomicFiles.lacksCreatedPermissions(target) && !Files.isSameFile(zip, target)
                && sha1.equals(sha1(target))) {
            // a target hard-linked to the cache (as earlier versions of the plugin left it) is copied below: the link is cut
            return Restore.UNCHANGED;
        }
        if (copyChecked(zip, target, sha1)) {
            return Restore.COPIED;
        }
        Files.deleteIfExists(zip);
        return Restore.DAMAGED;
    }

    /** The path of the cached zip with this sha1, for messages. */
    public Path zip(String sha1) {
        return root.resolve("zips/" + sha1.substring(0, 2) + "/" + sha1 + ".zip");
    }

    /** The hex sha1 of a file's bytes, read in a stream (see {@link DistArchiveWriter#sha1}). */
    public static String sha1(Path file) throws IOException {
        return DistArchiveWriter.sha1(file);
    }

    /**
     * Copies {@code from} to a temporary file beside {@code to}, hashing the bytes as they pass, and moves it in place
     * only when they have the sha1 {@code expected}; returns false (nothing written) when they have not.
     */
    static boolean copyChecked(Path from, Path to, String expected) throws IOException {
        AtomicFiles.createParent(to);
        Path tmp = AtomicFiles.tempBeside(to.toAbsolutePath());
        try {
            MessageDigest digest = DigestUtils.getSha1Digest();
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            try (FileChannel in = FileChannel.open(from); FileChannel out = AtomicFiles.createTemp(tmp)) {
                while (in.read(buffer) >= 0) {
                    buffer.flip();
                    digest.update(buffer.duplicate());
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    buffer.clear();
                }
            }
            if (!expected.equals(HexFormat.of().formatHex(digest.digest()))) {
                return false;
            }
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private Path keyFile(String key) {
        return root.resolve("keys/" + key.substring(0, 2) + "/" + key);
    }
}
