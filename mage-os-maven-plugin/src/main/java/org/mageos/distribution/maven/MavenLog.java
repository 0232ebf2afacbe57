package org.mageos.distribution.maven;

import org.apache.maven.plugin.logging.Log;
import org.mageos.distribution.core.DistributionLog;

/** The core's log, written to Maven's. */
final class MavenLog implements DistributionLog {

    private final Log log;

    MavenLog(Log log) {
        this.log = log;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }
}
