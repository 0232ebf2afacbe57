package org.mageos.distribution.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.mageos.distribution.core.publish.AtomicFiles;

/**
 * Writes a package zip that is the same to the byte for the same input: entries in UTF-8 byte order of
 * their paths, one fixed timestamp, unix modes 0644 / 0755 (symlinks 0777, folders 0755), no extra fields.
 * Entries are DEFLATEd at zlib's default level 6 (level 9 costs about twice the time for under 1% of size on
 * source code), except files in formats that are compressed already (images, fonts, archives), which are
 * STORED: deflating them again only burns time; folders, which have no content, are stored too. File
 * contents stream from git into the zip.
 */
public final class DistArchiveWriter {

    /** The timestamp of every entry when the build sets no {@code project.build.outputTimestamp}. */
    public static final Instant DEFAULT_TIMESTAMP = Instant.parse("1980-02-01T00:00:00Z");

    private static final Comparator<String> BYTE_ORDER = (a, b) -> {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    };

    /** Lower-case file name endings of formats that are compressed already: stored as they are. */
    static final Set<String> STORED_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "webp", "avif", "woff", "woff2", "zip", "gz", "tgz",
            "bz2", "xz", "7z", "jar", "phar", "mp3", "mp4", "webm", "ogg", "pdf");

    private final Instant timestamp;

    public DistArchiveWriter(Instant timestamp) {
        this.timestamp = timestamp == null ? DEFAULT_TIMESTAMP : timestamp;
    }

    /** The timestamp every entry carries. */
    public Instant timestamp() {
        return timestamp;
    }

    /**
     * Writes the zip to {@code target} (through a temporary file beside it) and returns the sha1 of its bytes.
     *
     * @param replacements paths whose content is given here instead of read from git (the effective composer.json)
     */
    public String write(ObjectReader reader, List<PackageFile> files, Map<String, byte[]> replacements, Path target)
            throws IOException {
        // every path once, in byte order; a replaced path keeps no blob, a new one (composer.json added) has none
        Map<String, PackageFile> entries = new TreeMap<>(BYTE_ORDER);
        files.forEach(f -> entries.put(f.path(), f));
        replacements.keySet().forEach(path -> entries.put(path, null));
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".", ".zip.tmp");
        try {
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(tmp)) {
                zip.setUseZip64(Zip64Mode.AsNeeded);
                zip.setEncoding("UTF-8");
                zip.setUseLanguageEncodingFlag(true);
                zip.setMethod(ZipArchiveEntry.DEFLATED);
                zip.setLevel(Deflater.DEFAULT_COMPRESSION);
                for (Map.Entry<String, PackageFile> e : entries.entrySet()) {
                    PackageFile file = e.getValue();
                    if (file == null) {
                        writeBytes(zip, e.getKey(), PackageFile.Kind.FILE.unixMode(), replacements.get(e.getKey()));
                        continue;
                    }
                    if (file.kind() == PackageFile.Kind.DIRECTORY) {
                        ZipArchiveEntry dir = entry(file.path(), file.kind().unixMode());
                        dir.setMethod(ZipArchiveEntry.STORED);
                        dir.setSize(0);
                        dir.setCrc(0);
                        zip.putArchiveEntry(dir);
                        zip.closeArchiveEntry();
                        continue;
                    }
                    ObjectLoader loader = reader.open(file.blob());
                    ZipArchiveEntry entry = entry(file.path(), file.kind().unixMode());
                    entry.setSize(loader.getSize());
                    if (file.kind() != PackageFile.Kind.SYMLINK && isCompressedFormat(file.path())) {
                        entry.setMethod(ZipArchiveEntry.STORED);
                    }
                    zip.putArchiveEntry(entry);
                    if (loader.isLarge()) {
                        try (InputStream in = loader.openStream()) {
                            in.transferTo(zip);
                        }
                    } else {
                        zip.write(loader.getCachedBytes());
                    }
                    zip.closeArchiveEntry();
                }
                zip.finish();
            }
            String sha1 = sha1(tmp);
            if (AtomicFiles.sameBytes(tmp, target)) {
                // same bytes: leave the existing file and its mtime alone (compared, not hashed a second time)
                return sha1;
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return sha1;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Whether a file's name says its content is compressed already. */
    static boolean isCompressedFormat(String path) {
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') + 1 && STORED_EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private void writeBytes(ZipArchiveOutputStream zip, String path, int mode, byte[] bytes) throws IOException {
        ZipArchiveEntry entry = entry(path, mode);
        entry.setSize(bytes.length);
        zip.putArchiveEntry(entry);
        zip.write(bytes);
        zip.closeArchiveEntry();
    }

    private ZipArchiveEntry entry(String path, int unixMode) {
        ZipArchiveEntry entry = new ZipArchiveEntry(path);
        // zip stores local date-time fields; commons-compress converts with the default time zone, so hand it
        // the instant whose local fields in this JVM's zone equal the UTC fields of the timestamp
        LocalDateTime utc = LocalDateTime.ofInstant(timestamp, ZoneOffset.UTC);
        entry.setTime(utc.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli());
        entry.setUnixMode(unixMode);
        return entry;
    }

    /** Hex sha1 of a file's bytes, as Composer's {@code dist.shasum}. */
    public static String sha1(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
