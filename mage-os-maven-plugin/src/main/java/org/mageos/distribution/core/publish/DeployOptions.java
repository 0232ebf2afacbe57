package org.mageos.distribution.core.publish;

/** How a deploy runs; defaults in the fields. */
public final class DeployOptions {

    /** Uploads at the same time. */
    public int threads = 4;
    /** Further attempts after a transient failure of one operation. */
    public int retries = 4;
    /** Wait before the first retry; doubled each time. */
    public long retryDelayMillis = 500;
    /** List every action, change nothing. */
    public boolean dryRun;
    /** Replace a published dist whose bytes differ (breaks lock files that recorded its sha1). */
    public boolean allowDistOverwrite;
}
