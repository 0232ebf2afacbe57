package org.mageos.distribution.core.published;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mageos.distribution.core.composer.MetadataMinifier;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.io.RepositoryLocation;

/**
 * Reads a Composer repository as a client does, from a folder, a {@code file:} URL, over HTTP(S) or through a
 * {@link FileSource} (S3, SFTP): packages.json, then the p2 files of every available package (expanded, read
 * {@link #CONCURRENT_READS} at a time), or Composer 1's includes / inline packages.
 */
public final class RepositoryReader implements Closeable {

    /** Through the JVM's proxies of the moment (the build's settings.xml proxies, see config.Proxies), which JGit follows too. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NORMAL)
            .proxy(new ProxySelector() {
                @Override
                public List<Proxy> select(URI uri) {
                    ProxySelector current = ProxySelector.getDefault();
                    return current == null ? List.of(Proxy.NO_PROXY) : current.select(uri);
                }

                @Override
                public void connectFailed(URI uri, SocketAddress address, IOException e) {
                    // the request fails with its own error
                }
            })
            .authenticator(new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    Authenticator current = Authenticator.getDefault();
                    return current == null || current == this ? null : current.requestPasswordAuthenticationInstance(getRequestingHost(),
                            getRequestingSite(), getRequestingPort(), getRequestingProtocol(), getRequestingPrompt(), getRequestingScheme(),
                            getRequestingURL(), getRequestorType());
                }
            })
            .build();

    /** Where the files of a repository come from, by path relative to its root; called from several threads at once. */
    public interface FileSource extends Closeable {
        /** The bytes of a file, or null when there is no such file. */
        byte[] get(String path) throws IOException;

        /** A stream of a file's bytes, or null when there is no such file. */
        default InputStream open(String path) throws IOException {
            byte[] bytes = get(path);
            return bytes == null ? null : new ByteArrayInputStream(bytes);
        }

        @Override
        default void close() throws IOException {
        }
    }

    /**
     * Files read at the same time: HTTP/1.1 connections to one host (a CDN or web server takes more), S3 requests,
     * SFTP reads (bounded further by the channels the target opens).
     */
    public static final int CONCURRENT_READS = 12;

    private final String base;
    private final FileSource files;

    /**
     * A repository read through something else than a URL (a deploy target).
     *
     * @param name the repository in messages, ending with '/'
     */
    public RepositoryReader(String name, FileSource files) {
        this.base = name;
        this.files = files;
    }

    /** @param location a folder, a {@code file:} URL or an {@code http(s):} URL of the repository's root */
    public RepositoryReader(String location) {
        this.files = null;
        String url = location.trim();
        if (!url.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") || url.matches("^[A-Za-z]:[\\\\/].*")) {
            url = Paths.get(url).toAbsolutePath().normalize().toUri().toString();
        }
        url = url.replaceFirst("^file:/(?!/)", "file:///");
        this.base = url.endsWith("/") ? url : url + "/";
    }

    /**
     * The published repository {@code <publishedRepositoryUrl>} names: a folder, a {@code file:} or {@code http(s):} URL
     * read here, any other URL ({@code s3://}, {@code sftp://}) opened by {@code remote}. Close it when done.
     */
    public static RepositoryReader published(String location, RemoteRepositories remote) {
        String url = location.trim();
        if (RepositoryLocation.isAbsoluteUrl(url) && !url.matches("(?i)^(file|https?):.*")) {
            String name = withoutUserInfo(url);
            return new RepositoryReader(name.endsWith("/") ? name : name + "/", remote.open(url));
        }
        return new RepositoryReader(url);
    }

    public String base() {
        return base;
    }

    /** A stream of a file of the repository (a path relative to it), or null when there is no such file. */
    public InputStream openFile(String path) throws IOException {
        return files != null ? files.open(path) : open(URI.create(base).resolve(path.replace("$", "%24")));
    }

    /** Closes the connection to a repository read through a {@link FileSource}. */
    @Override
    public void close() {
        if (files != null) {
            try {
                files.close();
            } catch (IOException e) {
                // what was read is read; the connection goes down with the build
            }
        }
    }

    /** Every version of every package, full form (not minified), by package name. */
    public Map<String, List<ObjectNode>> read() {
        byte[] root = get("packages.json");
        if (root == null) {
            throw new DistributionException("No packages.json at " + withoutUserInfo(base) + ": is this the published repository?");
        }
        JsonNode packagesJson = parse(root, "packages.json");
        Map<String, List<ObjectNode>> result = new TreeMap<>();
        String metadataUrl = packagesJson.path("metadata-url").asText(null);
        JsonNode available = packagesJson.get("available-packages");
        if (metadataUrl != null && available != null && available.isArray()) {
            List<String> names = new ArrayList<>();
            available.forEach(name -> names.add(name.asText()));
            // Composer reads both files of every package: p2/<name>.json and p2/<name>~dev.json
            List<String> paths = new ArrayList<>();
            names.forEach(name -> {
                paths.add(metadataPath(metadataUrl, name));
                paths.add(metadataPath(metadataUrl, name + "~dev"));
            });
            List<List<ObjectNode>> files = readAll(paths, names);
            for (int i = 0; i < names.size(); i++) {
                List<ObjectNode> stable = files.get(2 * i);
                List<ObjectNode> dev = files.get(2 * i + 1);
                if (stable == null && dev == null) {
                    throw new DistributionException(base + "packages.json lists " + names.get(i) + " but "
                            + metadataPath(metadataUrl, names.get(i)) + " is missing");
                }
                List<ObjectNode> versions = new ArrayList<>();
                versions.addAll(stable == null ? List.of() : stable);
                versions.addAll(dev == null ? List.of() : dev);
                result.put(names.get(i), versions);
            }
            return result;
        }
        addComposer1Packages(packagesJson.get("packages"), result, "packages.json");
        Iterator<String> includes = packagesJson.path("includes").fieldNames();
        while (includes.hasNext()) {
            String include = includes.next();
            byte[] bytes = get(include);
            if (bytes == null) {
                throw new DistributionException(base + "packages.json includes " + include + ", which is missing");
            }
            addComposer1Packages(parse(bytes, include).get("packages"), result, include);
        }
        return result;
    }

    /**
     * The versions of one package (full form) from {@code p2/<name>.json} and {@code p2/<name>~dev.json}; null
     * when neither exists.
     */
    public List<ObjectNode> readPackage(String name) {
        return readPackages(List.of(name)).get(name);
    }

    /**
     * The versions of each package as {@link #readPackage} gives them, their files read at the same time (at most
     * {@link #CONCURRENT_READS}); by name, in the order of {@code names}, null for a package with neither file.
     */
    public Map<String, List<ObjectNode>> readPackages(Collection<String> names) {
        List<String> ordered = new ArrayList<>(new LinkedHashSet<>(names));
        List<String> paths = new ArrayList<>();
        ordered.forEach(name -> {
            paths.add("p2/" + name + ".json");
            paths.add("p2/" + name + "~dev.json");
        });
        List<List<ObjectNode>> files = readAll(paths, ordered);
        Map<String, List<ObjectNode>> result = new LinkedHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            List<ObjectNode> stable = files.get(2 * i);
            List<ObjectNode> dev = files.get(2 * i + 1);
            List<ObjectNode> versions = null;
            if (stable != null || dev != null) {
                versions = new ArrayList<>(stable == null ? List.of() : stable);
                versions.addAll(dev == null ? List.of() : dev);
            }
            result.put(ordered.get(i), versions);
        }
        return result;
    }

    /**
     * The versions of package {@code names[i / 2]} in each p2 file {@code paths[i]} (null for a file that does not
     * exist), read and parsed at the same time, at most {@link #CONCURRENT_READS} at once. A failure is the one of
     * the first failing file in the order of {@code paths}, whatever the order the reads ended in.
     */
    private List<List<ObjectNode>> readAll(List<String> paths, List<String> names) {
        List<List<ObjectNode>> result = new ArrayList<>();
        if (paths.size() <= 2) {
            for (int i = 0; i < paths.size(); i++) {
                result.add(versionsIn(paths.get(i), names.get(i / 2)));
            }
            return result;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(CONCURRENT_READS, paths.size()), r -> {
            Thread t = new Thread(r, "mage-os-repository-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<ObjectNode>>> reads = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                String path = paths.get(i);
                String name = names.get(i / 2);
                reads.add(pool.submit(() -> versionsIn(path, name)));
            }
            for (Future<List<ObjectNode>> read : reads) {
                try {
                    result.add(read.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException) {
                        throw (RuntimeException) e.getCause();
                    }
                    if (e.getCause() instanceof Error) {
                        throw (Error) e.getCause();
                    }
                    throw new DistributionException("Cannot read " + withoutUserInfo(base) + ": " + e.getCause(), e.getCause());
                }
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DistributionException("Interrupted while reading " + withoutUserInfo(base), e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The versions of package {@code name} in p2 file {@code path}; null when there is no such file. */
    private List<ObjectNode> versionsIn(String path, String name) {
        byte[] bytes = get(path);
        return bytes == null ? null : p2Versions(parse(bytes, path), name, path);
    }

    private static List<ObjectNode> p2Versions(JsonNode file, String name, String path) {
        JsonNode list = file.path("packages").get(name);
        if (list == null || !list.isArray()) {
            throw new DistributionException(path + " does not list " + name);
        }
        List<ObjectNode> versions = new ArrayList<>();
        list.forEach(v -> versions.add((ObjectNode) v));
        return file.path("minified").asText("").equals("composer/2.0") ? MetadataMinifier.expand(versions) : versions;
    }

    /** Composer 1's form: {@code {"vendor/name": {"1.0.0": {...}}}}. */
    private static void addComposer1Packages(JsonNode packages, Map<String, List<ObjectNode>> into, String file) {
        if (packages == null || !packages.isObject()) {
            return;
        }
        packages.fields().forEachRemaining(p -> {
            if (!p.getValue().isObject()) {
                throw new DistributionException(file + ": packages." + p.getKey() + " is not an object of versions");
            }
            p.getValue().forEach(v -> into.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add((ObjectNode) v));
        });
    }

    /** Our own layout is read below {@link #base} whatever host metadata-url names: a copy of a repository reads as the original. */
    private String metadataPath(String metadataUrl, String name) {
        if (metadataUrl.endsWith("p2/%package%.json")) {
            return "p2/" + name + ".json";
        }
        return URI.create(base).resolve(metadataUrl.replace("%package%", name)).toString();
    }

    private JsonNode parse(byte[] bytes, String path) {
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new DistributionException(base + path + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The bytes at a path (relative to the repository or absolute), or null when there is no such file (404, 403, 410). */
    public byte[] get(String path) {
        if (files != null) {
            try {
                return files.get(path);
            } catch (IOException e) {
                throw new DistributionException("Cannot read " + base + path + ": " + e.getMessage(), e);
            }
        }
        URI uri = URI.create(base).resolve(path.replace("$", "%24"));
        try (InputStream in = open(uri)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new DistributionException("Cannot read " + withoutUserInfo(uri.toString()) + ": " + cause(e), e);
        }
    }

    /** A URL for messages: its user info (a user and password or token) cut. */
    public static String withoutUserInfo(String url) {
        return url.replaceAll("(?i)^([a-z][a-z0-9+.-]*://)[^/@]+@", "$1");
    }

    /** What went wrong, in words: the JDK's connection errors often carry no message. */
    private static String cause(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t instanceof java.net.ConnectException && t.getMessage() == null ? "connection refused"
                    : t instanceof java.net.UnknownHostException ? "unknown host " + t.getMessage()
                    : t instanceof java.net.http.HttpTimeoutException ? "no answer in time (" + t.getMessage() + ")"
                    : t.getMessage();
            if (text != null && sb.indexOf(text) < 0) {
                sb.append(sb.length() > 0 ? ": " : "").append(text);
            }
        }
        return sb.length() > 0 ? sb.toString() : e.getClass().getSimpleName();
    }

    /** A stream of the bytes at a URI, or null when there is no such file. */
    public static InputStream open(URI uri) throws IOException {
        if ("file".equals(uri.getScheme())) {
            Path file = Paths.get(uri);
            try {
                return Files.isRegularFile(file) ? Files.newInputStream(file) : null;
            } catch (NoSuchFileException e) {
                return null;
            }
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IOException("unsupported scheme (use file:, http: or https:)");
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build();
        try {
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            if (status == 404 || status == 403 || status == 410) {
                response.body().close();
                return null;
            }
            if (status != 200) {
                response.body().close();
                throw new IOException("HTTP " + status);
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
