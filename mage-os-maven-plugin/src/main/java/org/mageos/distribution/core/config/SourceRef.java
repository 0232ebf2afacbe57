package org.mageos.distribution.core.config;

/**
 * {@code <source><refs><ref>}: a commit released as a version that no tag names (upstream released it but never
 * tagged it). It is fetched by its id and built like a tag of that name.
 */
public class SourceRef {

    /** The full commit id (40 hex digits). */
    private String commit;

    /** The version it is released as; also the name the plan gives it, like a tag's. */
    private String version;

    /** Why (upstream's issue); shown in messages. */
    private String reason;

    public String getCommit() {
        return commit;
    }

    public void setCommit(String commit) {
        this.commit = commit;
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
