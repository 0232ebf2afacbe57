package org.mageos.distribution.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * An exclusive lock on a file, across processes (the OS's file lock) and within this JVM, where OS file locks are
 * held by the process and do not exclude its threads (a permit per path, not tied to a thread). The file is
 * created when missing and never deleted: a waiter holding it open would otherwise lock a name no longer there.
 */
public final class FileLockHandle implements AutoCloseable {

    private static final ConcurrentHashMap<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

    private final Semaphore local;
    private final FileChannel channel;
    private final FileLock lock;

    private FileLockHandle(Semaphore local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits until the lock is free, then holds it. */
    public static FileLockHandle acquire(Path file) throws IOException {
        Semaphore local = permit(file);
        local.acquireUninterruptibly();
        return open(file, local, true);
    }

    /** Holds the lock if it is free now; null when another thread or process holds it. */
    public static FileLockHandle tryAcquire(Path file) throws IOException {
        Semaphore local = permit(file);
        if (!local.tryAcquire()) {
            return null;
        }
        return open(file, local, false);
    }

    /** The locked file, open for reading and writing (who holds the lock, for waiters to tell). */
    public FileChannel channel() {
        return channel;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            local.release();
        }
    }

    private static Semaphore permit(Path file) {
        return IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new Semaphore(1));
    }

    private static FileLockHandle open(Path file, Semaphore local, boolean wait) throws IOException {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = wait ? channel.lock() : channel.tryLock();
            if (lock == null) {
                channel.close();
                local.release();
                return null;
            }
            return new FileLockHandle(local, channel, lock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.release();
            throw e;
        }
    }
}
