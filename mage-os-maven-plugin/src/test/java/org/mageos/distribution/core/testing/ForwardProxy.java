package org.mageos.distribution.core.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A forward HTTP proxy on loopback, as a corporate proxy is: requests in absolute form ({@code GET http://host/path})
 * are sent on to their server, {@code CONNECT host:port} opens a tunnel. With credentials, a request without the
 * right {@code Proxy-Authorization} gets 407 and a Basic challenge. Records every request it served and every
 * refusal, for tests to check what went through it.
 */
public final class ForwardProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String expected;
    /** {@code METHOD target} of every request sent on or tunnelled. */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    /** The {@code Proxy-Authorization} headers of the requests sent on, decoded ({@code user:password}). */
    public final List<String> credentials = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();

    /** @param userAndPassword {@code user:password} the proxy demands; null for none */
    public ForwardProxy(String userAndPassword) throws IOException {
        this.expected = userAndPassword == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Thread t = new Thread(() -> handle(client), "test-proxy");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "test-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Requests answered 407 for lack of the right credentials. */
    public int refused() {
        return refused.get();
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String[] line = head.get(0).split(" ");
            String method = line[0];
            String target = line[1];
            String authorization = header(head, "proxy-authorization");
            if (expected != null && !expected.equals(authorization)) {
                refused.incrementAndGet();
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test proxy\"\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return;
            }
            requests.add(method + " " + target);
            if (authorization != null && authorization.startsWith("Basic ")) {
                credentials.add(new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8));
            }
            if (method.equals("CONNECT")) {
                String[] hostPort = target.split(":");
                try (Socket upstream = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
                    out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    pipe(in, upstream.getOutputStream());
                    upstream.getInputStream().transferTo(out);
                }
                return;
            }
            URI uri = URI.create(target);
            try (Socket upstream = new Socket(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort())) {
                StringBuilder request = new StringBuilder(method).append(' ').append(uri.getRawPath())
                        .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n");
                for (String h : withoutHopByHop(head.subList(1, head.size()))) {
                    request.append(h).append("\r\n");
                }
                request.append("Connection: close\r\n\r\n");
                OutputStream up = upstream.getOutputStream();
                up.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
                up.flush();
                pipe(in, up);
                // the answer's head without its keep-alive (the connection ends with this answer), then its body
                InputStream down = new BufferedInputStream(upstream.getInputStream());
                List<String> answer = readHead(down);
                StringBuilder response = new StringBuilder(answer.get(0)).append("\r\n");
                for (String h : withoutHopByHop(answer.subList(1, answer.size()))) {
                    response.append(h).append("\r\n");
                }
                response.append("Connection: close\r\n\r\n");
                out.write(response.toString().getBytes(StandardCharsets.ISO_8859_1));
                down.transferTo(out);
                out.flush();
            }
        } catch (IOException e) {
            // the client or the server went away
        }
    }

    /** Copies the rest of what the client sends (a request body) to the server, in a thread of its own. */
    private static void pipe(InputStream from, OutputStream to) {
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
                to.flush();
            } catch (IOException e) {
                // one side closed
            }
        }, "test-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static List<String> withoutHopByHop(List<String> headers) {
        List<String> kept = new ArrayList<>();
        for (String h : headers) {
            String name = h.substring(0, Math.max(0, h.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
            if (!name.startsWith("proxy-") && !name.equals("connection") && !name.equals("keep-alive")) {
                kept.add(h);
            }
        }
        return kept;
    }

    private static String header(List<String> head, String name) {
        for (String h : head.subList(1, head.size())) {
            int colon = h.indexOf(':');
            if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return h.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** The lines of a head, up to the empty line; empty when the stream ended first. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1).replaceFirst("\r$", "");
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
        }
        return List.of();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
