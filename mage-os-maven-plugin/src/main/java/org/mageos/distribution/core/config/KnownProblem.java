package org.mageos.distribution.core.config;

/**
 * {@code <knownProblems><knownProblem>}: a problem of a package version that upstream published and a mirror serves
 * as it is (a requirement no version satisfies, say). {@code mvn verify} reports it with its reason instead of
 * failing; every other problem still fails it.
 */
public class KnownProblem {

    /** The package ({@code vendor/name}). */
    private String packageName;

    /** A version or a Composer constraint over the package's versions. */
    private String version;

    /** Why it is accepted (upstream's issue); required. */
    private String reason;

    public String getPackage() {
        return packageName;
    }

    public void setPackage(String packageName) {
        this.packageName = packageName;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
