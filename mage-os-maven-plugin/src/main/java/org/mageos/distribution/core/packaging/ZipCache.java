package org.mageos.distribution.core.packaging;

import java.io.IOException;
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
 * hard link when the file system allows it, else by a copy: no git object is read.
 */
public final class ZipCache {

    /** Change this whenever the exclude rules or the zip writer change what a key produces. */
    static final String FORMAT = "mage-os-dist-2";

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

    /** Records a zip just built (its bytes have this sha1) under its key. */
    public void store(String key, String sha1, Path builtZip) throws IOException {
        Path zip = zip(sha1);
        if (!Files.isRegularFile(zip)) {
            place(builtZip, zip);
        }
        AtomicFiles.writeIfChanged(keyFile(key), (sha1 + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Puts the cached zip with this sha1 at {@code target}; returns false when the target already was that zip
     * (then nothing is written and its mtime stays put).
     */
    public boolean restore(String sha1, Path target) throws IOException {
        Path zip = zip(sha1);
        if (AtomicFiles.lacksCreatedPermissions(zip)) {
            // cached by a version of the plugin that wrote zips 0600: a hard link would publish it unreadable by others
            AtomicFiles.rewrite(zip);
        }
        if (Files.isRegularFile(target) && !AtomicFiles.lacksCreatedPermissions(target)
                && (Files.isSameFile(zip, target) || AtomicFiles.sameBytes(zip, target))) {
            return false;
        }
        place(zip, target);
        return true;
    }

    /** Hard-links (or, across file systems, copies) a file to {@code to}, atomically replacing what is there. */
    private static void place(Path from, Path to) throws IOException {
        AtomicFiles.createParent(to);
        Path tmp = AtomicFiles.tempBeside(to.toAbsolutePath());
        try {
            try {
                Files.createLink(tmp, from);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    Path zip(String sha1) {
        return root.resolve("zips/" + sha1.substring(0, 2) + "/" + sha1 + ".zip");
    }

    private Path keyFile(String key) {
        return root.resolve("keys/" + key.substring(0, 2) + "/" + key);
    }
}
