package org.mageos.distribution.core.published;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.serve.RepositoryServer;
import org.mageos.distribution.core.testing.RecordingLog;

/**
 * The p2 files of a repository are read at the same time (bounded), as Composer reads them (both p2/name.json and
 * p2/name~dev.json of every package), and the result is the one a read one file after the other gives: every version
 * of every package, by name, each package's stable versions before its dev ones; a failure is that of the first
 * package in packages.json's order, whichever read ended first.
 */
class ConcurrentReadTest {

    @TempDir
    Path tmp;

    /** A repository of {@code count} packages listed in packages.json out of name order; returns name -> versions as written. */
    private Map<String, List<String>> write(Path dir, int count) throws Exception {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.putArray("packages");
        root.put("metadata-url", "https://mirror.example.org/p2/%package%.json");
        ArrayNode available = root.putArray("available-packages");
        Map<String, List<String>> written = new TreeMap<>();
        for (int i = count - 1; i >= 0; i--) {
            String name = "acme/p" + i;
            available.add(name);
            List<String> versions = new ArrayList<>();
            if (i % 5 != 0) { // every fifth package has dev versions only
                List<ObjectNode> stable = new ArrayList<>();
                for (int v = 0; v <= i % 3; v++) {
                    stable.add(entry(name, "1." + i + "." + v));
                    versions.add("1." + i + "." + v);
                }
                if (i % 7 == 0) { // minified as Packagist writes it: later entries carry only what changed
                    ArrayNode list = Json.MAPPER.createArrayNode();
                    list.add(stable.get(0));
                    for (int v = 1; v < stable.size(); v++) {
                        list.addObject().put("version", stable.get(v).get("version").asText())
                                .set("dist", stable.get(v).get("dist"));
                    }
                    ObjectNode file = Json.MAPPER.createObjectNode();
                    file.put("minified", "composer/2.0");
                    file.putObject("packages").set(name, list);
                    Files.createDirectories(dir.resolve("p2/acme"));
                    Files.write(dir.resolve("p2/" + name + ".json"), Json.compact(file));
                } else {
                    p2(dir.resolve("p2/" + name + ".json"), name, stable);
                }
            }
            if (i % 2 == 0 || i % 5 == 0) {
                p2(dir.resolve("p2/" + name + "~dev.json"), name, List.of(entry(name, "dev-main")));
                versions.add("dev-main");
            }
            written.put(name, versions);
        }
        Files.write(dir.resolve("packages.json"), Json.pretty(root));
        return written;
    }

    private static ObjectNode entry(String name, String version) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("name", name);
        e.put("version", version);
        e.put("description", "package " + name);
        e.putObject("dist").put("type", "zip").put("url", "https://mirror.example.org/dist/" + name + "-" + version + ".zip");
        return e;
    }

    private static void p2(Path file, String name, List<ObjectNode> versions) throws Exception {
        ObjectNode p2 = Json.MAPPER.createObjectNode();
        ArrayNode list = p2.putObject("packages").putArray(name);
        versions.forEach(list::add);
        Files.createDirectories(file.getParent());
        Files.write(file, Json.compact(p2));
    }

    private static Map<String, List<String>> versions(Map<String, List<ObjectNode>> read) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        read.forEach((name, list) -> {
            List<String> versions = new ArrayList<>();
            list.forEach(v -> {
                assertEquals(name, v.path("name").asText(), "an expanded entry names its package");
                assertTrue(v.path("dist").path("url").asText().endsWith(name + "-" + v.path("version").asText() + ".zip"), v.toString());
                versions.add(v.path("version").asText());
            });
            result.put(name, versions);
        });
        return result;
    }

    @Test
    void overHttpTheResultIsTheOneOfAReadFileAfterFile() throws Exception {
        Path dir = tmp.resolve("repo");
        Map<String, List<String>> written = write(dir, 120);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RecordingLog served = new RecordingLog();
        try (RepositoryServer server = RepositoryServer.start(dir, port, null, served)) {
            Map<String, List<ObjectNode>> read = new RepositoryReader("http://127.0.0.1:" + port + "/").read();
            assertEquals(new ArrayList<>(written.keySet()), new ArrayList<>(read.keySet()), "by name");
            assertEquals(written, versions(read));
            assertEquals(read, new RepositoryReader(dir.toString()).read(), "the same entries as the folder's");
            // Composer's two files per package, each asked once
            for (String name : List.of("acme/p0", "acme/p1", "acme/p119")) {
                for (String file : List.of("/p2/" + name + ".json", "/p2/" + name + "~dev.json")) {
                    assertEquals(1, count(served.text() + "\n", " " + file + "\n"), file + " in\n" + served.text());
                }
            }
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void atMostTheBoundIsReadAtOnceAndMoreThanOne() throws Exception {
        Path dir = tmp.resolve("repo");
        Map<String, List<String>> written = write(dir, 60);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        RepositoryReader reader = new RepositoryReader("counted/", path -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(5);
                Path file = dir.resolve(path);
                return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        });
        assertEquals(written, versions(reader.read()));
        assertTrue(most.get() > 1 && most.get() <= RepositoryReader.CONCURRENT_READS, "files read at once: " + most.get());

        Map<String, List<ObjectNode>> some = reader.readPackages(List.of("acme/p7", "acme/p3", "acme/none"));
        assertEquals(List.of("acme/p7", "acme/p3", "acme/none"), new ArrayList<>(some.keySet()));
        assertEquals(written.get("acme/p7"), versions(Map.of("acme/p7", some.get("acme/p7"))).get("acme/p7"));
        assertEquals(null, some.get("acme/none"));
    }

    @Test
    void theErrorIsTheOneOfTheFirstPackageListedWhicheverReadEndsFirst() throws Exception {
        Path dir = tmp.resolve("repo");
        write(dir, 40);
        // packages.json lists acme/p39 first, down to acme/p0: p30 and p10 lose their files, p10 answers first
        for (String name : List.of("acme/p30", "acme/p10")) {
            Files.deleteIfExists(dir.resolve("p2/" + name + ".json"));
            Files.deleteIfExists(dir.resolve("p2/" + name + "~dev.json"));
        }
        RepositoryReader reader = new RepositoryReader("slow/", path -> {
            try {
                Thread.sleep(path.contains("acme/p30") ? 200 : 1);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            Path file = dir.resolve(path);
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        });
        for (int i = 0; i < 3; i++) {
            DistributionException e = assertThrows(DistributionException.class, reader::read);
            assertEquals("slow/packages.json lists acme/p30 but p2/acme/p30.json is missing", e.getMessage());
        }
        Files.write(dir.resolve("p2/acme/p30.json"), "{\"packages\": {\"acme/p30\": [".getBytes());
        DistributionException e = assertThrows(DistributionException.class, reader::read);
        assertTrue(e.getMessage().startsWith("slow/p2/acme/p30.json: not valid JSON"), e.getMessage());
    }
}
