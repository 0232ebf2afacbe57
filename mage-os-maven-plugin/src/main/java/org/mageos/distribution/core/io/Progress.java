package org.mageos.distribution.core.io;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The pace of progress lines of long work (a fetch, packaging, a deploy): one line every few seconds, not one per
 * event. {@link #due()} is true at most once per interval, the first time an interval after the work started, so
 * that work done within one interval prints no progress line at all.
 */
public final class Progress {

    /** The interval of the build log's progress lines. */
    public static final Duration EVERY = Duration.ofSeconds(5);

    private final long intervalNanos;
    private final LongSupplier clock;
    private final AtomicLong next;

    public Progress(Duration interval) {
        this(interval, System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime()} */
    public Progress(Duration interval, LongSupplier clock) {
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
        this.next = new AtomicLong(clock.getAsLong() + intervalNanos);
    }

    /** Whether a progress line is due now; true for one caller at most once per interval (thread-safe). */
    public boolean due() {
        long now = clock.getAsLong();
        long at = next.get();
        return now - at >= 0 && next.compareAndSet(at, now + intervalNanos);
    }

    /** A size for people: {@code 812 B}, {@code 3.4 KiB}, {@code 120.5 MiB}, {@code 2.1 GiB}. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1023.95 && unit < units.length - 1) { // 1023.96 KiB would print as 1024.0 KiB
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** A duration for people: {@code 0.4 s}, {@code 12.3 s}, {@code 3 min 05 s}. */
    public static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return String.format(Locale.ROOT, "%d min %02d s", millis / 60_000, millis / 1000 % 60);
    }
}
