package org.mageos.distribution.core.version;

import java.util.Comparator;

/**
 * Orders normalized versions as Composer does ({@code Composer\Semver\Comparator}): PHP's version_compare,
 * with {@code dev-} branches comparable to numbers but equal only to themselves.
 */
public final class VersionComparator implements Comparator<String> {

    /** Ascending order of normalized versions; branches ({@code dev-x}) after numbered versions, by name. */
    public static final VersionComparator ASCENDING = new VersionComparator();

    private VersionComparator() {
    }

    /** Composer's {@code Comparator::compare($a, $operator, $b)}. */
    public static boolean compare(String a, String operator, String b) {
        return SingleConstraint.versionCompare(a, b, new SingleConstraint(operator, b).operator(), true);
    }

    @Override
    public int compare(String a, String b) {
        boolean aIsBranch = a.startsWith("dev-");
        boolean bIsBranch = b.startsWith("dev-");
        if (aIsBranch || bIsBranch) {
            if (aIsBranch && bIsBranch) {
                return a.compareTo(b);
            }
            return aIsBranch ? 1 : -1;
        }
        return PhpVersionCompare.compare(a, b);
    }
}
