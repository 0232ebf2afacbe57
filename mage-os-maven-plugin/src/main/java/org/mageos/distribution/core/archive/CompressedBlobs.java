package org.mageos.distribution.core.archive;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Git blobs as a zip entry holds them (method, crc, size, compressed bytes), kept in memory for one run so that a
 * blob that many package versions share is read from git and deflated once: successive versions of a package
 * change a few files. Least recently used first out, by bytes. A plain access-ordered map rather than a caching
 * library on purpose: the builder takes the versions of one package one after the other, and strict LRU is what
 * keeps the blobs of the package being built; frequency-based admission would keep the previous package's instead.
 */
final class CompressedBlobs {

    /**
     * A blob ready to be copied into a zip as it is: its compressed bytes, or for a blob too large to keep, stored
     * as it is, only its crc (its bytes are copied from git, but the zip header is written once, sizes known).
     */
    static final class Compressed {
        final int method;
        final long crc;
        final long size;
        /** the entry's data, or null when only the crc of a stored blob is kept */
        final byte[] data;

        Compressed(int method, long crc, long size, byte[] data) {
            this.method = method;
            this.crc = crc;
            this.size = size;
            this.data = data;
        }

        long compressedSize() {
            return data == null ? size : data.length;
        }

        /** What keeping it costs; a crc alone is counted as a small object. */
        long weight() {
            return data == null ? 64 : data.length;
        }
    }

    private static final class Key {
        private final ObjectId blob;
        private final int method;

        Key(AnyObjectId blob, int method) {
            this.blob = blob.toObjectId();
            this.method = method;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).method == method && ((Key) o).blob.equals(blob);
        }

        @Override
        public int hashCode() {
            return blob.hashCode() * 31 + method;
        }
    }

    private final long capacity;
    private final Map<Key, Compressed> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long used;

    /** @param capacity the most bytes of compressed data kept; 0 keeps nothing */
    CompressedBlobs(long capacity) {
        this.capacity = capacity;
    }

    /** The blob compressed with {@code method}, when it is in memory; else null. */
    synchronized Compressed get(AnyObjectId blob, int method) {
        return capacity == 0 ? null : entries.get(new Key(blob, method));
    }

    /** Keeps a compressed blob, dropping the least recently used ones beyond the capacity. */
    synchronized void put(AnyObjectId blob, Compressed compressed) {
        if (compressed.weight() > capacity) {
            return;
        }
        Compressed old = entries.put(new Key(blob, compressed.method), compressed);
        used += compressed.weight() - (old == null ? 0 : old.weight());
        for (Iterator<Compressed> it = entries.values().iterator(); used > capacity && it.hasNext(); ) {
            used -= it.next().weight();
            it.remove();
        }
    }
}
