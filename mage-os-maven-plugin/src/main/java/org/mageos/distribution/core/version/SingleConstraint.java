package org.mageos.distribution.core.version;

/** One operator and one normalized version; Composer's {@code Constraint}. */
public final class SingleConstraint implements Constraint {

    private final String operator;
    private final String version;

    public SingleConstraint(String operator, String version) {
        switch (operator) {
            case "=":
            case "==":
                this.operator = "==";
                break;
            case "<>":
            case "!=":
                this.operator = "!=";
                break;
            case "<":
            case "<=":
            case ">":
            case ">=":
                this.operator = operator;
                break;
            default:
                throw new IllegalArgumentException("Invalid operator \"" + operator + "\"");
        }
        this.version = version;
    }

    public String operator() {
        return operator;
    }

    public String version() {
        return version;
    }

    @Override
    public boolean matches(String normalizedVersion) {
        return versionCompare(normalizedVersion, version, operator, false);
    }

    /** Composer's {@code Constraint::versionCompare}. */
    static boolean versionCompare(String a, String b, String operator, boolean compareBranches) {
        boolean aIsBranch = a.startsWith("dev-");
        boolean bIsBranch = b.startsWith("dev-");
        if ("!=".equals(operator) && (aIsBranch || bIsBranch)) {
            return !a.equals(b);
        }
        if (aIsBranch && bIsBranch) {
            return "==".equals(operator) && a.equals(b);
        }
        if (!compareBranches && (aIsBranch || bIsBranch)) {
            return false;
        }
        return PhpVersionCompare.compare(a, b, operator);
    }

    @Override
    public String toString() {
        return operator + " " + version;
    }
}
