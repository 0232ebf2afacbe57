package org.mageos.distribution.core.publish;

import org.mageos.distribution.core.io.LocalFile;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Where a repository is published: a folder, an S3 bucket, an SFTP server. Paths are relative to the
 * target's root, with '/'. An {@link IOException} is a transient failure (retried); a
 * {@link org.mageos.distribution.core.DistributionException} is final (wrong credentials, unknown bucket...).
 * Messages never carry a secret.
 */
public interface DeployTarget extends Closeable {

    /** The target as the user wrote it, for messages: {@code s3://bucket/prefix}. */
    String describe();

    /** Every file the target holds below its root, by relative path. */
    Map<String, RemoteFile> list() throws IOException;

    InputStream open(String path) throws IOException;

    /** Stores a file so that a reader sees the old bytes or the new ones, never a part. */
    void put(String path, LocalFile file) throws IOException;

    void delete(String path) throws IOException;

    /**
     * Stores a file only where the target holds none: false, the file there left alone, when it holds one, even one
     * another process wrote a moment ago. Dists are written so: published once, never replaced.
     */
    boolean create(String path, LocalFile file) throws IOException;

    /**
     * Stores a file over the one the deploy saw when it listed the target ({@code seen}; null: none). A target that
     * can make the write conditional (S3: If-Match on the ETag, If-None-Match) refuses it when another writer changed
     * the file meanwhile; the others rely on the deploy lock.
     */
    default void replace(String path, LocalFile file, RemoteFile seen) throws IOException {
        put(path, file);
    }

    /** A small file's bytes and its ETag (null where the target has none); null when there is no such file. */
    Stored read(String path) throws IOException;

    /**
     * Takes the target's deploy lock, held by the target itself so that deploys from any machine are serialised;
     * waits for another deploy's lock for at most {@code options.lockWaitSeconds}.
     */
    default DeployLock lock(DeployLock.Owner owner, DeployOptions options, org.mageos.distribution.core.DistributionLog log) throws IOException {
        return LeaseLock.acquire(this, owner, options, log);
    }

    /**
     * Replaces a file only while it is still the one {@code seen} (S3: If-Match on its ETag; SFTP: moved aside by a
     * rename, then compared): how a dead deploy's lock is taken over without racing another waiter. False when it
     * changed, or where the target cannot do it.
     */
    default boolean replaceIfUnchanged(String path, LocalFile file, Stored seen) throws IOException {
        return false;
    }

    /** Makes what was written so far durable (a folder target forces its renames to the disk); called after each phase. */
    default void sync() throws IOException {
    }

    /** A file's bytes with its ETag. */
    final class Stored {
        public final byte[] bytes;
        public final String etag;

        public Stored(byte[] bytes, String etag) {
            this.bytes = bytes;
            this.etag = etag;
        }
    }

    /**
     * True when reading the target back costs a transfer: the deployer then keeps a manifest of what it
     * uploaded ({@link DeployManifest#PATH}) instead of downloading files to compare them.
     */
    boolean remote();

    @Override
    default void close() throws IOException {
    }

    /**
     * A file on the target: its size and, when the target knows it for free, the MD5 of its bytes and the ETag that
     * conditional writes check.
     */
    final class RemoteFile {
        public final long size;
        public final String md5;
        public final String etag;

        public RemoteFile(long size, String md5) {
            this(size, md5, null);
        }

        public RemoteFile(long size, String md5, String etag) {
            this.size = size;
            this.md5 = md5;
            this.etag = etag;
        }
    }
}
