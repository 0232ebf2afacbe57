package org.mageos.distribution.core.published;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.version.InvalidVersionException;

/**
 * The package versions a remote repository ({@code http(s):}) serves, read as a client reads them: packages.json
 * once, then the p2 files of a package on its first use (thread-safe). A version counts as served when its metadata
 * records a {@code dist.shasum} and its dist URL ends with the path this build would give its zip: then it is kept
 * as the repository serves it, and its zip is not downloaded (its sha1 is the one lock files recorded; {@code verify}
 * with {@code -Dmage-os.verify.sample=N} downloads a sample of them). A dev version's path carries its commit, so a
 * branch that moved is built again.
 */
final class RemoteVersions {

    private final RepositoryReader reader;
    private final Map<String, Map<String, ObjectNode>> byName = new ConcurrentHashMap<>();
    /** The names packages.json lists (Composer 2 layout), or null before the first use. */
    private Set<String> available;
    /** Every version, when the repository has Composer 1's layout only (read whole, once). */
    private Map<String, List<ObjectNode>> composer1;

    RemoteVersions(RepositoryReader reader) {
        this.reader = reader;
    }

    String base() {
        return reader.base();
    }

    /** The version as the remote repository serves it, or null. */
    PublishedVersions.Published find(String name, String versionNormalized, String distPath) {
        ObjectNode entry = byName.computeIfAbsent(name, this::read).get(versionNormalized);
        if (entry == null) {
            return null;
        }
        String sha1 = entry.path("dist").path("shasum").asText("");
        String url = entry.path("dist").path("url").asText("");
        if (sha1.isEmpty() || !url.endsWith("/" + distPath)) {
            return null;
        }
        return new PublishedVersions.Published(entry, distPath, sha1, null, reader.base());
    }

    /** Whether the remote repository's metadata lists the version (with a dist or not). */
    boolean lists(String name, String versionNormalized) {
        return byName.computeIfAbsent(name, this::read).containsKey(versionNormalized);
    }

    /**
     * Reads the metadata of these packages now, their files at the same time ({@link RepositoryReader#readPackages}),
     * instead of one package at a time on first use.
     */
    void prefetch(Collection<String> names) {
        Set<String> listed = available();
        if (listed == null) {
            return; // Composer 1's layout: read whole on first use
        }
        List<String> missing = new ArrayList<>();
        names.forEach(n -> {
            if (listed.contains(n) && !byName.containsKey(n)) {
                missing.add(n);
            }
        });
        reader.readPackages(missing).forEach((name, list) -> byName.putIfAbsent(name, byNormalized(name, list)));
    }

    /** The names packages.json lists (reading it on first use), or null when the repository has Composer 1's layout. */
    private synchronized Set<String> available() {
        if (available == null && composer1 == null) {
            readRoot();
        }
        return available;
    }

    private Map<String, ObjectNode> read(String name) {
        Set<String> names = available();
        Map<String, List<ObjectNode>> whole;
        synchronized (this) {
            whole = composer1;
        }
        // the p2 files of several packages are read at the same time
        return byNormalized(name, whole != null ? whole.get(name) : names.contains(name) ? reader.readPackage(name) : null);
    }

    private Map<String, ObjectNode> byNormalized(String name, List<ObjectNode> list) {
        Map<String, ObjectNode> versions = new HashMap<>();
        if (list == null) {
            return versions;
        }
        try {
            PublishedVersions.addByNormalized(list, versions);
        } catch (InvalidVersionException e) {
            throw new DistributionException("Cannot read the published metadata of " + name + " at "
                    + RepositoryReader.withoutUserInfo(reader.base()) + ": " + e.getMessage(), e);
        }
        return versions;
    }

    private void readRoot() {
        byte[] root = reader.get("packages.json");
        if (root == null) {
            throw new DistributionException("No packages.json at " + RepositoryReader.withoutUserInfo(reader.base())
                    + ": is <publishedRepositoryUrl> the published repository?");
        }
        JsonNode packagesJson;
        try {
            packagesJson = Json.MAPPER.readTree(root);
        } catch (IOException e) {
            throw new DistributionException(RepositoryReader.withoutUserInfo(reader.base()) + "packages.json: not valid JSON: " + e.getMessage(), e);
        }
        JsonNode names = packagesJson.get("available-packages");
        if (packagesJson.path("metadata-url").asText("").endsWith("p2/%package%.json") && names != null && names.isArray()) {
            Set<String> set = new HashSet<>();
            names.forEach(n -> set.add(n.asText()));
            available = set;
        } else {
            composer1 = reader.read();
        }
    }
}
