package org.mageos.distribution.core.publish;

import java.time.Duration;
import org.mageos.distribution.core.index.RetentionOptions;
import org.mageos.distribution.core.io.RetryPolicy;

/** How a deploy runs; defaults in the fields. */
public final class DeployOptions {

    /** Uploads at the same time. */
    public int threads = 4;
    /** Further attempts after a transient failure of one operation, the first after half a second, doubled each time. */
    public RetryPolicy retry = new RetryPolicy(4, Duration.ofMillis(500));
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
     * Which versions the target's index keeps at deploy time: every version it lists except those removed on purpose
     * ({@code <removeVersions>}, expired nightlies); which the build may replace ({@code <republishVersions>}).
     */
    public RetentionOptions retention = new RetentionOptions();

    /** Further attempts after a transient failure, with the same first wait. */
    public DeployOptions retries(int retries) {
        retry = new RetryPolicy(retries, retry.firstDelay());
        return this;
    }
}
