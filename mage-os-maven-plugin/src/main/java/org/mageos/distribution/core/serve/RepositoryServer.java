package org.mageos.distribution.core.serve;

import org.apache.commons.codec.digest.DigestUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.io.LocalFile;

/**
 * Serves a built repository over HTTP on loopback, as a static web server would: Content-Type, Last-Modified and
 * 304 answers to If-Modified-Since, 404 for anything not there. The metadata names the URL the repository was built
 * for; JSON files and index.html are served with that URL replaced by the server's own, so that Composer fetches everything here.
 */
public final class RepositoryServer implements AutoCloseable {

    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService pool;
    private final Path root;
    private final String builtFor;
    private final String url;
    private final DistributionLog log;

    private RepositoryServer(HttpServer server, ExecutorService pool, Path root, String builtFor, DistributionLog log) {
        this.server = server;
        this.pool = pool;
        this.root = root;
        this.builtFor = builtFor;
        this.log = log;
        this.url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /**
     * @param port 0 picks a free port
     * @param builtFor the repository URL the metadata was written for (replaced by the server's URL in JSON files), or null
     */
    public static RepositoryServer start(Path root, int port, String builtFor, DistributionLog log) {
        if (!Files.isRegularFile(root.resolve("packages.json"))) {
            throw new DistributionException("No repository to serve in " + root + ": run mvn package first");
        }
        // The JDK's server writes a response's head and body apart; with Nagle's algorithm on, the body waits for the
        // client's delayed ACK of the head: about 40 ms per request, 45 ms a GET instead of 2 on loopback. Read once,
        // when the JDK's server is first used in this JVM.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new DistributionException("Cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "mage-os-serve");
            t.setDaemon(true);
            return t;
        });
        RepositoryServer s = new RepositoryServer(server, pool, root.toAbsolutePath().normalize(), builtFor, log);
        server.createContext("/", s::handle);
        server.setExecutor(pool);
        server.start();
        return s;
    }

    /** {@code http://127.0.0.1:<port>/} */
    public String url() {
        return url;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8), method);
                return;
            }
            Path file = resolve(exchange.getRequestURI());
            if (file == null) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8), method);
                log.debug("404 " + exchange.getRequestURI());
                return;
            }
            Instant modified = Files.getLastModifiedTime(file).toInstant().with(java.time.temporal.ChronoField.NANO_OF_SECOND, 0);
            exchange.getResponseHeaders().set("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.atZone(ZoneOffset.UTC)));
            String since = exchange.getRequestHeaders().getFirst("If-Modified-Since");
            if (since != null && notModifiedSince(modified, since)) {
                exchange.sendResponseHeaders(304, -1);
                log.debug("304 " + exchange.getRequestURI());
                return;
            }
            String name = file.getFileName().toString();
            // index.html too: its commands and download links name the served URL
            if ((name.endsWith(".json") || file.equals(root.resolve("index.html"))) && builtFor != null && !builtFor.equals(url)) {
                send(exchange, 200, LocalFile.contentType(name), served(file), method);
            } else {
                exchange.getResponseHeaders().set("Content-Type", LocalFile.contentType(name));
                long size = Files.size(file);
                if (method.equals("HEAD")) {
                    exchange.getResponseHeaders().set("Content-Length", Long.toString(size));
                    exchange.sendResponseHeaders(200, -1);
                } else {
                    exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
                    try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
                        in.transferTo(out);
                    }
                }
            }
            log.debug("200 " + exchange.getRequestURI());
        }
    }

    /** A JSON file (or index.html) with the server's URL for the one the repository was built for; includes' sha1s follow their files. */
    private byte[] served(Path file) throws IOException {
        byte[] bytes = Files.readString(file, StandardCharsets.UTF_8).replace(builtFor, url).getBytes(StandardCharsets.UTF_8);
        if (!file.equals(root.resolve("packages.json"))) {
            return bytes;
        }
        ObjectNode packagesJson = Json.parseObject(bytes);
        JsonNode includes = packagesJson.path("includes");
        if (!includes.isObject() || includes.isEmpty()) {
            return bytes;
        }
        includes.fields().forEachRemaining(e -> {
            Path include = resolve(URI.create("/" + e.getKey().replace("$", "%24")));
            if (include != null && e.getValue().isObject()) {
                try {
                    ((ObjectNode) e.getValue()).put("sha1", DigestUtils.sha1Hex(served(include)));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        });
        return Json.pretty(packagesJson);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, String method) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        if (method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static boolean notModifiedSince(Instant modified, String since) {
        try {
            return !modified.isAfter(ZonedDateTime.parse(since.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The file a request path names, or null: outside the repository, hidden, a folder without index.html, missing. */
    private Path resolve(URI uri) {
        String path = uri.getPath();
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        String relative = path.substring(1);
        if (relative.isEmpty() || relative.endsWith("/")) {
            relative += "index.html";
        }
        for (String segment : relative.split("/")) {
            if (segment.isEmpty() || segment.startsWith(".")) {
                return null; // no "..", no temp files of an index being written
            }
        }
        Path file = root.resolve(relative).normalize();
        return file.startsWith(root) && Files.isRegularFile(file) ? file : null;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
