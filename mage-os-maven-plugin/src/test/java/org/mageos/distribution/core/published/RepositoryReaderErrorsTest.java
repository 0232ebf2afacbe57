package org.mageos.distribution.core.published;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.mageos.distribution.core.DistributionException;

/** An unreachable published repository: the message names the URL (without credentials) and the cause in words. */
class RepositoryReaderErrorsTest {

    @Test
    void anUnreachableRepositorySaysWhy() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        DistributionException e = assertThrows(DistributionException.class,
                () -> new RepositoryReader("http://mirror:s3cret@127.0.0.1:" + port + "/").read());
        System.out.println("unreachable: " + e.getMessage());
        assertTrue(e.getMessage().contains("http://127.0.0.1:" + port + "/packages.json"), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("connection refused"), e.getMessage());
        assertFalse(e.getMessage().contains("null"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret") || e.getMessage().contains("mirror:"), e.getMessage());
    }
}
