package org.mageos.distribution.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void dueOncePerIntervalFromTheEndOfTheFirst() {
        AtomicLong now = new AtomicLong(-50);
        Progress progress = new Progress(Duration.ofNanos(100), now::get);
        assertFalse(progress.due());
        now.set(49);
        assertFalse(progress.due());
        now.set(50);
        assertTrue(progress.due());
        assertFalse(progress.due(), "once");
        now.set(149);
        assertFalse(progress.due());
        now.set(400);
        assertTrue(progress.due());
        now.set(450);
        assertFalse(progress.due(), "an interval after the last line, not after the missed ones");
    }

    @Test
    void sizesAndDurationsForPeople() {
        assertEquals("0 B", Progress.size(0));
        assertEquals("1023 B", Progress.size(1023));
        assertEquals("1.0 KiB", Progress.size(1024));
        assertEquals("1.5 KiB", Progress.size(1536));
        assertEquals("1.0 MiB", Progress.size(1024 * 1024 - 1));
        assertEquals("48.2 MiB", Progress.size(50_541_363));
        assertEquals("2.0 GiB", Progress.size(2L << 30));
        assertEquals("0.0 s", Progress.duration(Duration.ZERO));
        assertEquals("12.3 s", Progress.duration(Duration.ofMillis(12_340)));
        assertEquals("3 min 05 s", Progress.duration(Duration.ofSeconds(185)));
    }
}
