package org.mageos.distribution.core;

/**
 * A problem with the user's input (configuration, a source repository, a tag, a composer.json), with a
 * message that names what is at fault. The Maven adapter reports it as a build failure without a stack trace.
 */
public class DistributionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DistributionException(String message) {
        super(message);
    }

    public DistributionException(String message, Throwable cause) {
        super(message, cause);
    }
}
