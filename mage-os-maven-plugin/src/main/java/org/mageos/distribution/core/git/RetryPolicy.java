package org.mageos.distribution.core.git;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/**
 * How a fetch treats network errors: those that may pass (connection refused or reset, time-out, the server
 * hanging up, HTTP 5xx or 429) are retried with a doubling delay; the others (no such repository, authentication
 * refused, unknown host, a ref or object the server no longer has) fail at once, since retrying cannot help.
 */
public final class RetryPolicy {

    /** 3 retries after 2, 4 and 8 seconds: a server restart or a network hiccup passes, a dead server fails in 15 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(2));

    private static final Pattern PERMANENT = Pattern.compile(
            "not authorized|authentication|auth fail|not permitted|\\b40[13]\\b|not found|not exported|want .* not valid"
                    + "|missing object|not our ref|unknown host|name or service not known");
    private static final Pattern TRANSIENT = Pattern.compile(
            "hung up|short read|connection (refused|reset|timed out)|timed? ?out|broken pipe|\\b5\\d\\d\\b|\\b429\\b"
                    + "|premature eof|end of file|unexpected eof");

    private final int retries;
    private final Duration firstDelay;

    /**
     * @param retries    attempts after the first one (0: no retry)
     * @param firstDelay the wait before the first retry; each later one waits twice as long as the one before
     */
    public RetryPolicy(int retries, Duration firstDelay) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0: " + retries);
        }
        this.retries = retries;
        this.firstDelay = firstDelay;
    }

    public int retries() {
        return retries;
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    Duration delayBefore(int retry) {
        return firstDelay.multipliedBy(1L << Math.min(retry - 1, 16));
    }

    /** Whether trying again may succeed: a network error, not an answer from the server that it will not serve us. */
    static boolean isTransient(Throwable error) {
        boolean network = false;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof NoRemoteRepositoryException) {
                return false;
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (PERMANENT.matcher(message).find()) {
                return false;
            }
            if (t instanceof SocketException || t instanceof EOFException || t instanceof InterruptedIOException
                    || TRANSIENT.matcher(message).find()) {
                network = true;
            }
        }
        return network;
    }
}
