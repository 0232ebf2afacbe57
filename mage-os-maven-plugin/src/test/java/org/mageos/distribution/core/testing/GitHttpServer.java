package org.mageos.distribution.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Smart HTTP on loopback: the real {@code git http-backend} (CGI) behind a small HTTP server that demands Basic
 * authentication when accounts are given, and can answer 503 to the next requests to play a failing proxy.
 * Serves the bare repositories under one folder as {@code http://127.0.0.1:PORT/git/NAME}.
 */
public final class GitHttpServer implements AutoCloseable {

    public static final String BACKEND = "/usr/lib/git-core/git-http-backend";

    private final Path projectRoot;
    private final Path home;
    /** "user:password" pairs accepted; empty means no authentication. */
    private final List<String> accounts;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    /** The Authorization headers received, to check what the client sent. */
    public final Map<String, Integer> authorizations = new ConcurrentHashMap<>();

    public GitHttpServer(Path projectRoot, Path home, List<String> accounts) throws IOException {
        this.projectRoot = projectRoot;
        this.home = home;
        this.accounts = accounts;
        Files.createDirectories(home);
        // as RepositoryServer does: without it every response waits about 40 ms for the client's delayed ACK (read
        // once, by the first JDK server of the JVM)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/git/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static boolean available() {
        return Files.isExecutable(Path.of(BACKEND));
    }

    /** The URL of a repository served from {@code projectRoot/name}. */
    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/git/" + name;
    }

    /** The next {@code count} requests get 503 Service Unavailable. */
    public void failNext(int count) {
        failNext.set(count);
    }

    public int requests() {
        return requests.get();
    }

    /** The bytes of every response body sent so far (ref advertisements and packs). */
    public long bytesSent() {
        return sent.get();
    }

    /** How many 503 answers were sent. */
    public int unavailableAnswers() {
        return unavailable.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                authorizations.merge(authorization, 1, Integer::sum);
            }
            if (!accounts.isEmpty() && !authorized(authorization)) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.getRequestBody().readAllBytes();
                unavailable.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            cgi(exchange);
        }
    }

    private boolean authorized(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        return accounts.contains(pair);
    }

    /** Runs git-http-backend as a CGI script: request as environment and stdin, response headers then body on stdout. */
    private void cgi(HttpExchange exchange) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(BACKEND);
        Map<String, String> env = pb.environment();
        env.put("GIT_PROJECT_ROOT", projectRoot.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("HOME", home.toString());
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", exchange.getRequestURI().getRawPath().substring("/git".length()));
        String query = exchange.getRequestURI().getRawQuery();
        env.put("QUERY_STRING", query == null ? "" : query);
        env.put("REMOTE_ADDR", "127.0.0.1");
        env.put("REMOTE_USER", "git");
        header(exchange, "Content-Type", env, "CONTENT_TYPE");
        header(exchange, "Content-Encoding", env, "HTTP_CONTENT_ENCODING");
        header(exchange, "Git-Protocol", env, "HTTP_GIT_PROTOCOL");
        header(exchange, "Content-Length", env, "CONTENT_LENGTH");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = pb.start();
        executor.submit(() -> {
            try (InputStream in = exchange.getRequestBody(); OutputStream out = process.getOutputStream()) {
                in.transferTo(out);
            }
            return null;
        });
        try (InputStream out = new BufferedInputStream(process.getInputStream())) {
            int status = 200;
            String line;
            while (!(line = readLine(out)).isEmpty()) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Status")) {
                    status = Integer.parseInt(value.substring(0, 3));
                } else {
                    exchange.getResponseHeaders().add(name, value);
                }
            }
            exchange.sendResponseHeaders(status, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                sent.addAndGet(out.transferTo(body));
            }
        } finally {
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroy();
        }
    }

    private static void header(HttpExchange exchange, String header, Map<String, String> env, String variable) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
            env.put(variable, value);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
