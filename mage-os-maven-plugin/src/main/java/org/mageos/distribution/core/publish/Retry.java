package org.mageos.distribution.core.publish;

import java.io.IOException;
import org.mageos.distribution.core.BuildLog;

/** Runs a target operation again after a transient failure ({@link IOException}), waiting twice as long each time. */
public final class Retry {

    /** One target operation. */
    public interface Operation<T> {
        T run() throws IOException;
    }

    private final int retries;
    private final long firstDelayMillis;
    private final BuildLog log;

    public Retry(int retries, long firstDelayMillis, BuildLog log) {
        this.retries = Math.max(0, retries);
        this.firstDelayMillis = firstDelayMillis;
        this.log = log;
    }

    public <T> T call(String what, Operation<T> operation) throws IOException {
        long delay = firstDelayMillis;
        for (int attempt = 0; ; attempt++) {
            try {
                return operation.run();
            } catch (IOException e) {
                if (attempt >= retries) {
                    throw new IOException(what + ": " + e.getMessage() + (retries > 0 ? " (after " + (retries + 1) + " attempts)" : ""), e);
                }
                log.warn(what + ": " + e.getMessage() + "; retrying in " + delay + " ms");
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException(what + ": interrupted", ie);
                }
                delay *= 2;
            }
        }
    }
}
