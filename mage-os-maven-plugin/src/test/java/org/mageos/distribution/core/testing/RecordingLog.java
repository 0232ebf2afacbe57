package org.mageos.distribution.core.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mageos.distribution.core.DistributionLog;

/** A build log that keeps every line, prefixed with its level, for tests to read. */
public class RecordingLog implements DistributionLog {

    public final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void debug(String message) {
        lines.add("DEBUG " + message);
    }

    public String text() {
        return String.join("\n", lines);
    }
}
