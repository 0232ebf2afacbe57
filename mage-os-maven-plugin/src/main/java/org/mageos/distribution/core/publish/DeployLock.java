package org.mageos.distribution.core.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.UUID;
import org.mageos.distribution.core.io.Json;

/**
 * The lock a deploy holds on its target, in the target itself ({@link #PATH}), so that two deploys to one target,
 * from one machine or two, never interleave: each merges with what the other published, and a dist is written once.
 */
public interface DeployLock extends AutoCloseable {

    String PATH = ".mage-os-deploy.lock";

    /** Fails when the lock was lost while held (taken over after this deploy stalled): nothing more may be written. */
    void check();

    @Override
    void close() throws IOException;

    /** Who holds a lock, for the messages of those who wait for it. */
    final class Owner {
        final String id = UUID.randomUUID().toString();
        final String who;
        final Instant since = Instant.now();

        public Owner(String who) {
            this.who = who;
        }

        /** This process: user, host and process id. */
        public static Owner thisProcess() {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "unknown host";
            }
            return new Owner(System.getProperty("user.name", "?") + "@" + host + " (process " + ManagementFactory.getRuntimeMXBean().getPid() + ")");
        }

        /** The lock file's content; {@code beat} changes at each refresh, which tells a waiter the holder is alive. */
        byte[] content(long beat) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("owner", who);
            node.put("since", since.toString());
            node.put("id", id);
            node.put("beat", beat);
            return Json.pretty(node);
        }

        /** A lock file's content as a message names it. */
        static String describe(byte[] content) {
            try {
                ObjectNode node = Json.parseObject(content);
                return node.path("owner").asText("?") + " since " + node.path("since").asText("?");
            } catch (IOException | RuntimeException e) {
                return "an unreadable lock file";
            }
        }
    }
}
