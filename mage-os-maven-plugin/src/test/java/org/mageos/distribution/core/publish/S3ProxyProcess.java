package org.mageos.distribution.core.publish;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * A real S3 server for the tests: S3Proxy, run from its jar-with-dependencies as a process of its own (its Jetty
 * and jclouds stay off the test classpath), storing buckets as folders of a filesystem blobstore on loopback.
 */
final class S3ProxyProcess implements AutoCloseable {

    static final String ACCESS_KEY = "test-access-key";
    static final String SECRET_KEY = "test-secret-key-do-not-print";

    final Path storage;
    final int port;
    private final Process process;
    private final Path logFile;

    private S3ProxyProcess(Path storage, int port, Process process, Path logFile) {
        this.storage = storage;
        this.port = port;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts S3Proxy over {@code storage} (each sub-folder a bucket), with the test credentials. */
    static S3ProxyProcess start(Path storage, Path work) throws IOException, InterruptedException {
        return start(storage, work, freePort());
    }

    /** Starts S3Proxy in a temporary folder of its own: buckets in {@code storage}, its settings and log beside it. */
    static S3ProxyProcess startInTemporaryFolder() throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("s3proxy");
        return start(work.resolve("storage"), work);
    }

    static S3ProxyProcess start(Path storage, Path work, int port) throws IOException, InterruptedException {
        String jar = System.getProperty("s3proxy.jar", "target/test-servers/s3proxy.jar");
        if (!Files.isRegularFile(Paths.get(jar))) {
            throw new IllegalStateException("S3Proxy not found at " + jar + ": run the tests through Maven (process-test-resources copies it)");
        }
        Files.createDirectories(storage);
        Files.createDirectories(work);
        Path properties = work.resolve("s3proxy-" + port + ".properties");
        Files.write(properties, List.of(
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + storage.toAbsolutePath()), StandardCharsets.UTF_8);
        Path log = work.resolve("s3proxy-" + port + ".log");
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-jar", jar, "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3ProxyProcess server = new S3ProxyProcess(storage, port, p, log);
        server.awaitReady();
        return server;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited: " + Files.readString(logFile));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) new URL(endpoint() + "/").openConnection();
                c.setConnectTimeout(500);
                c.getResponseCode();
                c.disconnect();
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("S3Proxy did not start in 60 s: " + Files.readString(logFile));
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Kills the server at once, as a crash would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
