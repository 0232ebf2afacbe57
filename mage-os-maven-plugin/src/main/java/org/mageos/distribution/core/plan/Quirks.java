package org.mageos.distribution.core.plan;

import java.util.ArrayList;
import java.util.List;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;

/**
 * Upstream's quirks the build works around but a user must hear of: a version taken from a tag's name in a source
 * of many packages, a version outside {@code <tags>}, a configuration change that a version already built does not
 * get. Each is a warning; with {@code <strict>true</strict>} they fail the build, all of them named at once.
 */
public final class Quirks {

    private final DistributionLog log;
    private final boolean strict;
    private final List<String> found = new ArrayList<>();

    public Quirks(DistributionLog log, boolean strict) {
        this.log = log;
        this.strict = strict;
    }

    public synchronized void warn(String message) {
        found.add(message);
        log.warn(message);
    }

    /** With {@code <strict>}, fails when anything was found. */
    public synchronized void check() {
        if (strict && !found.isEmpty()) {
            throw new DistributionException(found.size() + " warning" + (found.size() == 1 ? "" : "s")
                    + " and <strict>true</strict>:\n  " + String.join("\n  ", found));
        }
    }

    public synchronized List<String> found() {
        return List.copyOf(found);
    }
}
