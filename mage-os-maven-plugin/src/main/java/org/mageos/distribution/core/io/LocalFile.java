package org.mageos.distribution.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A file of the built repository with its digests, read once: SHA-1 for our manifest, MD5 for S3's ETag and Content-MD5. */
public final class LocalFile {

    public final String path;
    public final Path file;
    public final long size;
    public final String sha1;
    public final String md5;

    private LocalFile(String path, Path file, long size, String sha1, String md5) {
        this.path = path;
        this.file = file;
        this.size = size;
        this.sha1 = sha1;
        this.md5 = md5;
    }

    public static LocalFile read(String path, Path file) throws IOException {
        MessageDigest sha1 = digest("SHA-1");
        MessageDigest md5 = digest("MD5");
        long size = 0;
        byte[] buffer = new byte[65536];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha1.update(buffer, 0, n);
                md5.update(buffer, 0, n);
                size += n;
            }
        }
        return new LocalFile(path, file, size, HexFormat.of().formatHex(sha1.digest()), HexFormat.of().formatHex(md5.digest()));
    }

    /** dists are published once and never replaced: lock files hold their sha1. */
    public boolean isDist() {
        return path.startsWith("dist/");
    }

    public String contentType() {
        return contentType(path);
    }

    /** The Content-Type a static web server sends for a repository file (uploads and {@code mage-os:serve} alike). */
    public static String contentType(String path) {
        if (path.endsWith(".json")) {
            return "application/json";
        }
        if (path.endsWith(".zip")) {
            return "application/zip";
        }
        if (path.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        return "application/octet-stream";
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
