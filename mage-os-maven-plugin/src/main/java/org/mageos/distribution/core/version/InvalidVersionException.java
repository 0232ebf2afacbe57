package org.mageos.distribution.core.version;

/** A string that Composer's rules reject as a version or constraint. */
public final class InvalidVersionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidVersionException(String message) {
        super(message);
    }
}
