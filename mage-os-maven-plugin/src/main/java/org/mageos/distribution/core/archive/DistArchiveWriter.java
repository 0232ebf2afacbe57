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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Writes a package zip that is the same to the byte for the same input: entries in UTF-8 byte order of
 * their paths, one fixed timestamp, unix modes 0644 / 0755 (symlinks 0777), no extra fields, DEFLATE at
 * level 9. File contents stream from git into the zip.
 */
public final class DistArchiveWriter {

    /** The timestamp of every entry when the build sets no {@code project.build.outputTimestamp}. */
    public static final Instant DEFAULT_TIMESTAMP = Instant.parse("1980-02-01T00:00:00Z");

    private static final Comparator<String> BYTE_ORDER = (a, b) -> {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    };

    private final Instant timestamp;

    public DistArchiveWriter(Instant timestamp) {
        this.timestamp = timestamp == null ? DEFAULT_TIMESTAMP : timestamp;
    }

    /**
     * Writes the zip to {@code target} (through a temporary file beside it) and returns the sha1 of its bytes.
     *
     * @param replacements paths whose content is given here instead of read from git (the effective composer.json)
     */
    public String write(ObjectReader reader, List<PackageFile> files, java.util.Map<String, byte[]> replacements, Path target)
            throws IOException {
        List<PackageFile> sorted = new ArrayList<>(files);
        sorted.sort((a, b) -> BYTE_ORDER.compare(a.path(), b.path()));
        List<String> extra = new ArrayList<>();
        for (String path : replacements.keySet()) {
            if (sorted.stream().noneMatch(f -> f.path().equals(path))) {
                extra.add(path);
            }
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".", ".zip.tmp");
        try {
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(tmp)) {
                zip.setUseZip64(Zip64Mode.AsNeeded);
                zip.setEncoding("UTF-8");
                zip.setUseLanguageEncodingFlag(true);
                zip.setMethod(ZipArchiveEntry.DEFLATED);
                zip.setLevel(Deflater.BEST_COMPRESSION);
                List<Object> all = new ArrayList<>(sorted);
                all.addAll(extra);
                all.sort((a, b) -> BYTE_ORDER.compare(pathOf(a), pathOf(b)));
                for (Object item : all) {
                    if (item instanceof String) {
                        String path = (String) item;
                        writeBytes(zip, path, 0100644, replacements.get(path));
                        continue;
                    }
                    PackageFile file = (PackageFile) item;
                    byte[] replacement = replacements.get(file.path());
                    if (replacement != null) {
                        writeBytes(zip, file.path(), PackageFile.Kind.FILE.unixMode(), replacement);
                        continue;
                    }
                    ObjectLoader loader = reader.open(file.blob());
                    ZipArchiveEntry entry = entry(file.path(), file.kind().unixMode());
                    entry.setSize(loader.getSize());
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
            if (Files.isRegularFile(target) && sha1(target).equals(sha1)) {
                // same bytes: leave the existing file and its mtime alone
                return sha1;
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return sha1;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String pathOf(Object item) {
        return item instanceof String ? (String) item : ((PackageFile) item).path();
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
