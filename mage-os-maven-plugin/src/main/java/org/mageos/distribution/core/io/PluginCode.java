package org.mageos.distribution.core.io;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The plugin's own code, as every stamp of an incremental step records it. */
public final class PluginCode {

    private PluginCode() {
    }

    /** Size and mtime of the plugin's jar (or classes folder): another build of the plugin makes every stamp stale. */
    public static String version() {
        try {
            Path code = Paths.get(PluginCode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code + " " + Files.size(code) + " " + Files.getLastModifiedTime(code).toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "unknown " + System.nanoTime();
        }
    }
}
