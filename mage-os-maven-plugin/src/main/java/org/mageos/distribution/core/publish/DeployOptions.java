package org.mageos.distribution.core.publish;

import java.time.Duration;
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

    /** Further attempts after a transient failure, with the same first wait. */
    public DeployOptions retries(int retries) {
        retry = new RetryPolicy(retries, retry.firstDelay());
        return this;
    }
}
