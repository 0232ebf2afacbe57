package org.mageos.distribution.core.testing;

import org.junit.AssumptionViolatedException;

/**
 * Tests that need a tool of the machine (git http-backend, git daemon, a second JDK) call {@link #require}: where the
 * tool is missing they are skipped on a developer's machine, but fail under {@code CI=true}, so that CI cannot pass
 * having checked less. (JUnit 4 and JUnit Jupiter both take an {@link AssumptionViolatedException} as a skip.)
 */
public final class Tools {

    private Tools() {
    }

    /** Whether this run is CI's ({@code CI=true}, as CI services and this project's CI set it). */
    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips the test when {@code available} is false, or fails it under {@code CI=true}; {@code tool} says what is missing. */
    public static void require(boolean available, String tool) {
        if (available) {
            return;
        }
        if (onCi()) {
            throw new AssertionError("CI=true and this test needs " + tool + ", which this machine lacks: install it (see .ci/run)");
        }
        throw new AssumptionViolatedException("skipped: no " + tool + " (under CI=true this fails)");
    }
}
