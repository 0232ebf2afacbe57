package org.mageos.distribution.core.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A file channel that computes the sha1 of what is written to it, as long as it is written front to back: the zip
 * writer seeks back only to patch the header of an entry it streamed (sizes and crc unknown in advance), and after
 * that the digest is void and the file has to be read again.
 */
final class DigestingChannel implements SeekableByteChannel {

    private final FileChannel file;
    private final MessageDigest digest = DistArchiveWriter.sha1Digest();
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
        if (digested >= 0 && file.position() == digested) {
            ByteBuffer view = src.duplicate();
            int n = file.write(src);
            view.limit(view.position() + n);
            digest.update(view);
            digested += n;
            return n;
        }
        digested = -1;
        return file.write(src);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return file.read(dst);
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
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
        file.close();
    }
}
