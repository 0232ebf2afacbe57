package org.mageos.distribution.core;

/** Where the core reports progress; the Maven adapter sends it to the build log, tests may collect it. */
public interface DistributionLog {

    void info(String message);

    void warn(String message);

    void debug(String message);

    /** Discards everything; for benchmarks and tools that report on their own. */
    DistributionLog SILENT = new DistributionLog() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }

        @Override
        public void debug(String message) {
        }
    };

    /** Work whose lines only matter when it is asked for ({@code mvn -X}): info left out, warnings at debug level. */
    static DistributionLog debugOnly(DistributionLog log) {
        return new DistributionLog() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
                log.debug(message);
            }

            @Override
            public void debug(String message) {
                log.debug(message);
            }
        };
    }
}
