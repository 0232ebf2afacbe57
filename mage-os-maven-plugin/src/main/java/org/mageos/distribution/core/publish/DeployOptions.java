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

    /** How long a deploy waits for another deploy's lock on the same target before it fails. */
    public long lockWaitSeconds = 600;
    /** How often the holder of a remote target's lock refreshes it. */
    public long lockRefreshMillis = 10_000;
    /** A remote lock not refreshed for this long belongs to a deploy that died. */
    public long lockStaleMillis = 60_000;
    /** A remote lock is read back this long after it was created, to be sure no other deploy created it too. */
    public long lockSettleMillis = 500;

    /**
     * The versions this build drops from the target's index on purpose ({@code vendor/name:version}): any other
     * version the target lists is kept (merged into the metadata deployed).
     */
    public java.util.List<String> removeVersions = new java.util.ArrayList<>();
    /** Versions that may replace the target's entry with other bytes or another version string. */
    public java.util.List<String> republishVersions = new java.util.ArrayList<>();
    /** Nightly versions older than this many days before {@link #nightlyDate} are dropped on purpose; null keeps them. */
    public Integer nightlyRetentionDays;
    public java.time.LocalDate nightlyDate = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
}
