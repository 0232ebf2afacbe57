package org.mageos.distribution.core.config;

import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.version.InvalidVersionException;
import org.mageos.distribution.core.version.VersionParser;

/**
 * A namespace prefix whose classes come from a package outside the distribution:
 * {@code <namespace><prefix>Psr\Log\</prefix><package>psr/log</package><constraint>^3.0</constraint></namespace>}.
 * The constraint is what a {@code <requireFromCode>} package requires of it; without one, the package's own
 * composer.json must require it.
 */
public final class ThirdPartyNamespace {

    private String prefix;
    private String packageName;
    private String constraint;

    public ThirdPartyNamespace() {
    }

    public ThirdPartyNamespace(String prefix, String packageName) {
        this.prefix = prefix;
        this.packageName = packageName;
    }

    public ThirdPartyNamespace(String prefix, String packageName, String constraint) {
        this(prefix, packageName);
        this.constraint = constraint;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getPackage() {
        return packageName;
    }

    /** Maven configures {@code <package>} through this setter ({@code package} cannot be a field name). */
    public void setPackage(String packageName) {
        this.packageName = packageName;
    }

    /** The constraint a computed {@code require} gives the package; null when none is configured. */
    public String getConstraint() {
        return constraint == null || constraint.trim().isEmpty() ? null : constraint.trim();
    }

    public void setConstraint(String constraint) {
        this.constraint = constraint;
    }

    /** Each needs a prefix and a package; a constraint, when given, must be one Composer reads. */
    public static void validate(java.util.List<ThirdPartyNamespace> namespaces) {
        for (ThirdPartyNamespace ns : namespaces) {
            if (ns.getPrefix() == null || ns.getPrefix().trim().isEmpty() || ns.getPackage() == null || ns.getPackage().trim().isEmpty()) {
                throw new DistributionException("<namespaces><namespace> needs both <prefix> and <package> (got prefix '"
                        + ns.getPrefix() + "', package '" + ns.getPackage() + "')");
            }
            if (ns.getConstraint() != null) {
                try {
                    VersionParser.parseConstraints(ns.getConstraint());
                } catch (InvalidVersionException e) {
                    throw new DistributionException(ns.describe() + "<constraint>" + ns.getConstraint()
                            + "</constraint> is not a Composer constraint: " + e.getMessage());
                }
            }
        }
    }

    /** {@code <namespace><prefix>..</prefix><package>..</package>}, for messages. */
    public String describe() {
        return "<namespaces><namespace><prefix>" + prefix + "</prefix><package>" + packageName + "</package>";
    }

    /** Stable text of the whole entry: the package stamp compares configurations by it. */
    @Override
    public String toString() {
        return describe() + (constraint == null ? "" : "<constraint>" + constraint + "</constraint>");
    }
}
