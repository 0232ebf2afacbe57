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
     * True when reading the target back costs a transfer: the deployer then keeps a manifest of what it
     * uploaded ({@link DeployManifest#PATH}) instead of downloading files to compare them.
     */
    boolean remote();

    @Override
    default void close() throws IOException {
    }

    /** A file on the target: its size and, when the target knows it for free, the MD5 of its bytes. */
    final class RemoteFile {
        public final long size;
        public final String md5;

        public RemoteFile(long size, String md5) {
            this.size = size;
            this.md5 = md5;
        }
    }
}
