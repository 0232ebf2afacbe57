package org.mageos.distribution.core.io;

import java.io.IOException;
import java.time.Duration;
import org.mageos.distribution.core.DistributionLog;

/**
 * How often, and after how long, an operation against a remote (a fetch, an upload) is tried again after an error
 * that may pass: {@code retries} attempts after the first, the first after {@code firstDelay}, each later one after
 * twice the wait before it. Which errors may pass is the caller's call (see the git cache and the deployer).
 */
public record RetryPolicy(int retries, Duration firstDelay) {

    /** 3 retries after 2, 4 and 8 seconds: a server restart or a network hiccup passes, a dead server fails in 15 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(2));

    /** One operation that may fail with an error worth a retry. */
    public interface Operation<T> {
        T run() throws IOException;
    }

    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0: " + retries);
        }
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration delayBefore(int retry) {
        return firstDelay.multipliedBy(1L << Math.min(retry - 1, 16));
    }

    /** Runs {@code operation}, trying it again after every {@link IOException} until the retries are used up. */
    public <T> T call(DistributionLog log, String what, Operation<T> operation) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.run();
            } catch (IOException e) {
                if (attempt > retries) {
                    throw new IOException(what + ": " + e.getMessage() + (retries > 0 ? " (after " + (retries + 1) + " attempts)" : ""), e);
                }
                long delay = delayBefore(attempt).toMillis();
                log.warn(what + ": " + e.getMessage() + "; retrying in " + delay + " ms");
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException(what + ": interrupted", ie);
                }
            }
        }
    }
}
