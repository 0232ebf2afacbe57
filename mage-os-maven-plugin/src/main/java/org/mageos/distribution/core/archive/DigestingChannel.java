package org.mageos.distribution.core.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * A file channel that computes the sha1 of what is written to it, as long as it is written front to back: the zip
 * writer seeks back only to patch the header of an entry it streamed (sizes and crc unknown in advance), and after
 * that the digest is void and the file has to be read again. Writes are gathered in a buffer: the zip writer
 * writes each header and each entry on its own, which would be a system call each.
 */
final class DigestingChannel implements SeekableByteChannel {

    private static final int BUFFER = 64 << 10;

    private final FileChannel file;
    private final MessageDigest digest = DigestUtils.getSha1Digest();
    /** bytes not written yet; they go to the file at its position */
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    /** how many bytes from the start the digest covers; -1 once a write went elsewhere than the end */
    private long digested;

    DigestingChannel(FileChannel file) {
        this.file = file;
    }

    /** The hex sha1 of the bytes written, or null when a write went back into them. */
    String sha1() {
        return digested < 0 ? null : HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        if (digested >= 0 && position() == digested) {
            digest.update(src.duplicate());
            digested += n;
        } else {
            digested = -1;
        }
        if (n > buffer.remaining()) {
            flush();
        }
        if (n > buffer.remaining()) {
            writeFully(src);
        } else {
            buffer.put(src);
        }
        return n;
    }

    private void flush() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            file.write(src);
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        flush();
        return file.read(dst);
    }

    @Override
    public long position() throws IOException {
        return file.position() + buffer.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        flush();
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        flush();
        return file.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        flush();
        digested = -1;
        file.truncate(size);
        return this;
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void close() throws IOException {
        try (FileChannel closing = file) {
            flush();
        }
    }
}
