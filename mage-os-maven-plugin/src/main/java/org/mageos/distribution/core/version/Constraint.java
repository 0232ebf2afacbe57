package org.mageos.distribution.core.version;

/** A parsed Composer version constraint, as composer/semver builds it. */
public interface Constraint {

    /** Whether a normalized version (as {@link VersionParser#normalize} returns it) satisfies this constraint. */
    boolean matches(String normalizedVersion);

    /** Composer's {@code __toString()} form, e.g. {@code [>= 1.0.0.0-dev < 2.0.0.0-dev]}. */
    @Override
    String toString();

    /** Matches every version; Composer's {@code MatchAllConstraint}. */
    Constraint MATCH_ALL = new Constraint() {
        @Override
        public boolean matches(String normalizedVersion) {
            return true;
        }

        @Override
        public String toString() {
            return "*";
        }
    };
}
