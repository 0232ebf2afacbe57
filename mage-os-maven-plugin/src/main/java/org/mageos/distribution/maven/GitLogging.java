package org.mageos.distribution.maven;

/**
 * JGit's own debug lines (FileSnapshot, pack and ref reads: most of a {@code mvn -X} log) are left out unless asked for
 * with {@code -Dmage-os.git.debug}. Maven's SLF4J provider (a SimpleLogger) gives each logger the level of the system
 * property {@code org.slf4j.simpleLogger.log.<name>} when the logger is made, that is when the plugin first loads a JGit
 * class: the property is set before, unless the user set it.
 */
final class GitLogging {

    /** Keeps JGit's debug lines in a {@code -X} log. */
    static final String DEBUG = "mage-os.git.debug";

    /** The level of the loggers of {@code org.eclipse.jgit} and below. */
    static final String LEVEL = "org.slf4j.simpleLogger.log.org.eclipse.jgit";

    private GitLogging() {
    }

    static void configure() {
        String debug = System.getProperty(DEBUG);
        boolean wanted = debug != null && !debug.equalsIgnoreCase("false");
        if (!wanted && System.getProperty(LEVEL) == null) {
            System.setProperty(LEVEL, "info");
        }
    }
}
