package org.mageos.distribution.core.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.io.LocalFile;
import org.mageos.distribution.core.DistributionException;

/**
 * A deploy lock on a remote target (S3, SFTP): a lock file created only where none is ({@link DeployTarget#create}),
 * read back to be sure it is ours (some S3-compatible stores check If-None-Match before the write, not with it),
 * refreshed by its holder every {@link DeployOptions#lockRefreshMillis}. A waiter that sees it unchanged for
 * {@link DeployOptions#lockStaleMillis} knows its holder died and takes the lock over by a write conditional on what
 * it saw (S3: the ETag; SFTP: the lock renamed aside and compared), so that only one waiter wins. A holder that finds its lock taken over stops before its next write ({@link #check}).
 */
final class LeaseLock implements DeployLock {

    private final DeployTarget target;
    private final Owner owner;
    private final ScheduledExecutorService heartbeat;
    private volatile byte[] written;
    /** What a refresh is writing: once sent, the target may hold it even if the call did not return. */
    private volatile byte[] pending;
    private volatile boolean lost;
    private long beat;

    private LeaseLock(DeployTarget target, Owner owner, byte[] written, long refreshMillis, DistributionLog log) {
        this.target = target;
        this.owner = owner;
        this.written = written;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deploy-lock-refresh");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(() -> refresh(log), refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
    }

    static DeployLock acquire(DeployTarget target, Owner owner, DeployOptions options, DistributionLog log) throws IOException {
        long start = System.nanoTime();
        long deadline = start + options.lockWaitSeconds * 1_000_000_000L;
        DeployTarget.Stored seen = null;
        long seenSince = start;
        boolean told = false;
        // a read first: wrong credentials or a missing bucket answer a GET clearly, a PUT with a body not always
        DeployTarget.Stored now = target.read(DeployLock.PATH);
        while (true) {
            byte[] mine = owner.content(0);
            if (now == null && write(target, mine, null) && ours(target, mine, options)) {
                return new LeaseLock(target, owner, mine, options.lockRefreshMillis, log);
            }
            now = target.read(DeployLock.PATH);
            long time = System.nanoTime();
            if (now == null) {
                continue; // released meanwhile
            }
            if (seen == null || !Arrays.equals(seen.bytes, now.bytes)) {
                seen = now;
                seenSince = time;
            } else if (time - seenSince > options.lockStaleMillis * 1_000_000L) {
                String holder = Owner.describe(now.bytes);
                if (write(target, mine, now) && ours(target, mine, options)) {
                    log.warn("Took over the deploy lock of " + target.describe() + " from " + holder + ", not refreshed for "
                            + (time - seenSince) / 1_000_000_000L + " s (that deploy died)");
                    return new LeaseLock(target, owner, mine, options.lockRefreshMillis, log);
                }
                seen = null;
                continue;
            }
            if (time > deadline) {
                throw new DistributionException("Deploy to " + target.describe() + " refused: another deploy holds its lock ("
                        + Owner.describe(now.bytes) + "); waited " + options.lockWaitSeconds + " s (<deployLockWait>). Deploy again when it is done");
            }
            if (!told) {
                log.info("Waiting for the deploy lock of " + target.describe() + ", held by " + Owner.describe(now.bytes));
                told = true;
            }
            sleep(Math.min(1000, Math.max(50, options.lockRefreshMillis / 4)));
        }
    }

    /** Creates the lock file ({@code seen} null) or replaces that one; false when another is there. */
    private static boolean write(DeployTarget target, byte[] content, DeployTarget.Stored seen) throws IOException {
        Path tmp = Files.createTempFile("mage-os-lock", ".json");
        try {
            Files.write(tmp, content);
            LocalFile file = LocalFile.read(DeployLock.PATH, tmp);
            return seen == null ? target.create(DeployLock.PATH, file) : target.replaceIfUnchanged(DeployLock.PATH, file, seen);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads the lock back after a while: on a store whose conditional create is not atomic, two may have "created" it. */
    private static boolean ours(DeployTarget target, byte[] mine, DeployOptions options) throws IOException {
        if (options.lockSettleMillis > 0) {
            sleep(options.lockSettleMillis);
        }
        DeployTarget.Stored back = target.read(DeployLock.PATH);
        return back != null && Arrays.equals(back.bytes, mine);
    }

    private synchronized void refresh(DistributionLog log) {
        if (lost) {
            return;
        }
        try {
            DeployTarget.Stored now = target.read(DeployLock.PATH);
            if (now == null || !Arrays.equals(now.bytes, written)) {
                lost = true;
                log.warn("The deploy lock of " + target.describe() + " was taken over by " + (now == null ? "nobody (deleted)" : Owner.describe(now.bytes)));
                return;
            }
            byte[] next = owner.content(++beat);
            pending = next;
            Path tmp = Files.createTempFile("mage-os-lock", ".json");
            try {
                Files.write(tmp, next);
                LocalFile file = LocalFile.read(DeployLock.PATH, tmp);
                if (now.etag != null) {
                    if (!target.replaceIfUnchanged(DeployLock.PATH, file, now)) {
                        lost = true;
                        return;
                    }
                } else {
                    target.put(DeployLock.PATH, file); // read just above: a takeover needs the lock unchanged for far longer
                }
                written = next;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            // a missed refresh: the next one may succeed; waiters give up only after several
            log.debug("Refreshing the deploy lock of " + target.describe() + ": " + e.getMessage());
        }
    }

    @Override
    public void check() {
        if (lost) {
            throw new DistributionException("Deploy to " + target.describe() + " stopped: its deploy lock was taken over by another deploy "
                    + "(this one could not refresh it in time); nothing more was written, deploy again");
        }
    }

    @Override
    public void close() throws IOException {
        // not shutdownNow: interrupting a refresh in flight may leave its write done on the target but unknown here
        heartbeat.shutdown();
        try {
            heartbeat.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (lost) {
                return;
            }
            DeployTarget.Stored now = target.read(DeployLock.PATH);
            if (now != null && (Arrays.equals(now.bytes, written) || Arrays.equals(now.bytes, pending))) {
                target.delete(DeployLock.PATH);
            }
        }
    }

    static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the deploy lock", e);
        }
    }
}
