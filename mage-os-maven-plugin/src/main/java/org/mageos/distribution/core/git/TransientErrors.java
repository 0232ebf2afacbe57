package org.mageos.distribution.core.git;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/**
 * Which fetch errors may pass (connection refused or reset, time-out, the server hanging up, HTTP 5xx or 429) and
 * are worth a retry; the others (no such repository, authentication refused, unknown host, a ref or object the
 * server no longer has) fail at once, since retrying cannot help.
 */
final class TransientErrors {

    private static final Pattern PERMANENT = Pattern.compile(
            "not authorized|authentication|auth fail|not permitted|\\b40[13]\\b|not found|not exported|want .* not valid"
                    + "|missing object|not our ref|unknown host|name or service not known|cannot log in|did not validate|does not have");
    private static final Pattern TRANSIENT = Pattern.compile(
            "hung up|short read|connection (refused|reset|timed out)|timed? ?out|broken pipe|\\b5\\d\\d\\b|\\b429\\b"
                    + "|premature eof|end of file|unexpected eof");

    private TransientErrors() {
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
