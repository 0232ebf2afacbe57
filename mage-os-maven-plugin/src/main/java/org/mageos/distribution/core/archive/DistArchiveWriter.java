package org.mageos.distribution.core.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.mageos.distribution.core.io.AtomicFiles;

/**
 * Writes a package zip that is the same to the byte for the same input: entries in UTF-8 byte order of
 * their paths, one fixed timestamp, unix modes 0644 / 0755 (symlinks 0777, folders 0755), no extra fields.
 * Entries are DEFLATEd at zlib's default level 6 (level 9 costs about twice the time for under 1% of size on
 * source code), except files in formats that are compressed already (images, fonts, archives), which are
 * STORED: deflating them again only burns time; folders, which have no content, are stored too.
 *
 * <p>Speed without changing a byte. Successive versions of a package share almost all their files, so a writer
 * keeps the blobs it compressed (method, crc, size, compressed bytes; blobs up to {@link #MAX_KEPT_BLOB}, at most
 * {@link #DEFAULT_KEPT_BYTES} in all, least recently used out) and copies them raw into the next zips that hold
 * them ({@code addRawArchiveEntry}): such an entry opens no git object and deflates nothing. {@link #compress}
 * makes the same Deflater calls as commons-compress's own entry writer, so a raw entry is byte for byte the
 * entry it would have written (the benchmark's and the example distribution's zips have the same sha1s as
 * before this cache). Larger blobs stream from git through the zip writer in bounded memory. With every entry's
 * sizes known up front the zip is written front to back, and its sha1 is taken while writing
 * ({@link DigestingChannel}); only a zip with a streamed entry, whose header is patched afterwards, is read
 * again for its sha1.
 */
public final class DistArchiveWriter {

    /** The timestamp of every entry when the build sets no {@code project.build.outputTimestamp}. */
    public static final Instant DEFAULT_TIMESTAMP = Instant.parse("1980-02-01T00:00:00Z");

    /** UTF-8 byte order, on paths encoded once each (not once per comparison). */
    private static final Comparator<byte[]> BYTE_ORDER = Arrays::compareUnsigned;

    /** Lower-case file name endings of formats that are compressed already: stored as they are. */
    static final Set<String> STORED_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "webp", "avif", "woff", "woff2", "zip", "gz", "tgz",
            "bz2", "xz", "7z", "jar", "phar", "mp3", "mp4", "webm", "ogg", "pdf");

    /** Bytes of compressed blobs a writer keeps in memory by default, at most an eighth of the heap. */
    public static final long DEFAULT_KEPT_BYTES = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8);

    /** Blobs up to this size are compressed in memory and kept; larger ones stream from git. */
    static final int MAX_KEPT_BLOB = 1 << 20;

    /** commons-compress's StreamCompressor block and buffer sizes, which {@link #compress} reproduces. */
    private static final int DEFLATE_BLOCK = 8192;
    private static final int DEFLATE_BUFFER = 4096;

    private static final CompressedBlobs.Compressed FOLDER = new CompressedBlobs.Compressed(ZipArchiveEntry.STORED, 0, 0, new byte[0]);

    private final Instant timestamp;
    /** {@link #timestamp} as the millisecond value handed to commons-compress */
    private final long entryTime;
    private final CompressedBlobs blobs;

    public DistArchiveWriter(Instant timestamp) {
        this(timestamp, DEFAULT_KEPT_BYTES);
    }

    /** @param keptBytes the most bytes of compressed blobs kept in memory for the next zips (0: none) */
    public DistArchiveWriter(Instant timestamp, long keptBytes) {
        this.timestamp = timestamp == null ? DEFAULT_TIMESTAMP : timestamp;
        // zip stores local date-time fields; commons-compress converts with the default time zone, so hand it
        // the instant whose local fields in this JVM's zone equal the UTC fields of the timestamp
        this.entryTime = LocalDateTime.ofInstant(this.timestamp, ZoneOffset.UTC).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
        this.blobs = new CompressedBlobs(keptBytes);
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
        Map<byte[], String> paths = new TreeMap<>(BYTE_ORDER);
        Map<String, PackageFile> byPath = new HashMap<>();
        for (PackageFile f : files) {
            if (!byPath.containsKey(f.path())) {
                paths.put(f.path().getBytes(StandardCharsets.UTF_8), f.path());
            }
            byPath.put(f.path(), f);
        }
        for (String path : replacements.keySet()) {
            if (!byPath.containsKey(path)) {
                paths.put(path.getBytes(StandardCharsets.UTF_8), path);
            }
            byPath.put(path, null);
        }
        AtomicFiles.createParent(target);
        Path tmp = AtomicFiles.tempBeside(target);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            String sha1;
            try (DigestingChannel channel = new DigestingChannel(AtomicFiles.createTemp(tmp));
                    ZipArchiveOutputStream zip = new ZipArchiveOutputStream(channel)) {
                zip.setUseZip64(Zip64Mode.AsNeeded);
                zip.setEncoding("UTF-8");
                zip.setUseLanguageEncodingFlag(true);
                zip.setMethod(ZipArchiveEntry.DEFLATED);
                zip.setLevel(Deflater.DEFAULT_COMPRESSION);
                for (String path : paths.values()) {
                    PackageFile file = byPath.get(path);
                    if (file == null) {
                        addRaw(zip, path, PackageFile.Kind.FILE, compress(deflater, replacements.get(path), ZipArchiveEntry.DEFLATED));
                    } else if (file.kind() == PackageFile.Kind.DIRECTORY) {
                        addRaw(zip, file.path(), file.kind(), FOLDER);
                    } else {
                        addBlob(zip, reader, deflater, file);
                    }
                }
                zip.finish();
                sha1 = channel.sha1();
            }
            if (sha1 == null) {
                // a streamed entry had its header patched afterwards: the digest of the writes is void
                sha1 = sha1(tmp);
            }
            if (AtomicFiles.sameBytes(tmp, target)) {
                // same bytes: leave the existing file and its mtime alone (compared, not hashed a second time)
                return sha1;
            }
            AtomicFiles.commit(tmp, target);
            return sha1;
        } finally {
            deflater.end();
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Adds a file whose content is a git blob: copied compressed from memory when an earlier zip of this run
     * compressed it already (no git object is opened), else read, compressed and kept for the next zips. A blob
     * larger than {@link #MAX_KEPT_BLOB} streams from git through the zip writer instead, in bounded memory; when
     * it is stored as it is, its crc is kept, and the next zips copy it from git with sizes and crc known.
     */
    private void addBlob(ZipArchiveOutputStream zip, ObjectReader reader, Deflater deflater, PackageFile file) throws IOException {
        int method = file.kind() != PackageFile.Kind.SYMLINK && isCompressedFormat(file.path()) ? ZipArchiveEntry.STORED
                : ZipArchiveEntry.DEFLATED;
        CompressedBlobs.Compressed compressed = blobs.get(file.blob(), method);
        if (compressed != null && compressed.data != null) {
            addRaw(zip, file.path(), file.kind(), compressed);
            return;
        }
        ObjectLoader loader = reader.open(file.blob());
        if (compressed != null) {
            try (InputStream in = loader.openStream()) {
                addRaw(zip, file.path(), file.kind(), compressed, in);
            }
            return;
        }
        if (loader.isLarge() || loader.getSize() > MAX_KEPT_BLOB) {
            ZipArchiveEntry entry = entry(file.path(), file.kind().unixMode());
            entry.setMethod(method);
            entry.setSize(loader.getSize());
            zip.putArchiveEntry(entry);
            try (InputStream in = loader.openStream()) {
                in.transferTo(zip);
            }
            zip.closeArchiveEntry();
            if (method == ZipArchiveEntry.STORED) {
                blobs.put(file.blob(), new CompressedBlobs.Compressed(method, entry.getCrc(), entry.getSize(), null));
            }
            return;
        }
        byte[] bytes = loader.getCachedBytes();
        compressed = compress(deflater, bytes, method);
        blobs.put(file.blob(), compressed);
        addRaw(zip, file.path(), file.kind(), compressed);
    }

    /** Adds an entry whose compressed data is in memory. */
    private void addRaw(ZipArchiveOutputStream zip, String path, PackageFile.Kind kind, CompressedBlobs.Compressed compressed)
            throws IOException {
        addRaw(zip, path, kind, compressed, new ByteArrayInputStream(compressed.data));
    }

    /** Adds an entry whose data, {@code raw}, is already in the form the zip holds, with sizes and crc known. */
    private void addRaw(ZipArchiveOutputStream zip, String path, PackageFile.Kind kind, CompressedBlobs.Compressed compressed,
            InputStream raw) throws IOException {
        ZipArchiveEntry entry = entry(path, kind.unixMode());
        entry.setMethod(compressed.method);
        entry.setCrc(compressed.crc);
        entry.setSize(compressed.size);
        entry.setCompressedSize(compressed.compressedSize());
        zip.addRawArchiveEntry(entry, raw);
    }

    /**
     * Compresses bytes the way commons-compress's zip writer does when they are written to an entry (its
     * StreamCompressor): input in blocks of 8 KiB, deflated until the deflater needs more, then finished; the
     * same calls give the same zlib output, so an entry copied raw is the entry the zip writer would have made.
     */
    static CompressedBlobs.Compressed compress(Deflater deflater, byte[] bytes, int method) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (method == ZipArchiveEntry.STORED) {
            return new CompressedBlobs.Compressed(method, crc.getValue(), bytes.length, bytes);
        }
        deflater.reset();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 3));
        byte[] buffer = new byte[DEFLATE_BUFFER];
        for (int done = 0; done < bytes.length; done += DEFLATE_BLOCK) {
            deflater.setInput(bytes, done, Math.min(DEFLATE_BLOCK, bytes.length - done));
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer, 0, buffer.length));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer, 0, buffer.length));
        }
        return new CompressedBlobs.Compressed(method, crc.getValue(), bytes.length, out.toByteArray());
    }

    /** Whether a file's name says its content is compressed already. */
    static boolean isCompressedFormat(String path) {
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') + 1 && STORED_EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private ZipArchiveEntry entry(String path, int unixMode) {
        ZipArchiveEntry entry = new ZipArchiveEntry(path);
        entry.setTime(entryTime);
        entry.setUnixMode(unixMode);
        return entry;
    }

    /** Hex sha1 of a file's bytes, as Composer's {@code dist.shasum}. */
    public static String sha1(Path file) throws IOException {
        return new DigestUtils(DigestUtils.getSha1Digest()).digestAsHex(file);
    }
}
