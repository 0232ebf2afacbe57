package org.mageos.distribution.core.publish;

import org.mageos.distribution.core.io.LocalFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.mageos.distribution.core.io.Json;

/**
 * What earlier deploys uploaded to a remote target, path to size and SHA-1, kept on the target itself so that
 * a deploy knows a file is unchanged without downloading it. Only ever a hint that a file is the same: a file
 * the manifest does not know (a deploy killed before it wrote the manifest) is compared by MD5 or by its bytes.
 */
final class DeployManifest {

    static final String PATH = ".mage-os-deploy.json";

    private final Map<String, String[]> entries = new TreeMap<>();

    /** Adds the entries of a manifest read from the target; an unreadable one adds nothing (files are then compared by content). */
    synchronized void load(InputStream in) throws IOException {
        JsonNode files;
        try {
            files = Json.MAPPER.readTree(in).path("files");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = files.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            entries.put(e.getKey(), new String[] {e.getValue().path("size").asText(), e.getValue().path("sha1").asText()});
        }
    }

    /** True when the manifest records this file, at the size the target reports, with the local file's SHA-1. */
    synchronized boolean knowsSame(LocalFile local, DeployTarget.RemoteFile remote) {
        String[] e = entries.get(local.path);
        return e != null && e[0].equals(Long.toString(remote.size)) && e[1].equals(local.sha1);
    }

    synchronized void record(LocalFile file) {
        entries.put(file.path, new String[] {Long.toString(file.size), file.sha1});
    }

    /** Drops what the target no longer holds. */
    synchronized void retain(Map<String, DeployTarget.RemoteFile> listing) {
        entries.keySet().retainAll(listing.keySet());
    }

    synchronized void write(Path file) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode files = root.putObject("files");
        for (Map.Entry<String, String[]> e : entries.entrySet()) {
            ObjectNode entry = files.putObject(e.getKey());
            entry.put("size", Long.parseLong(e.getValue()[0]));
            entry.put("sha1", e.getValue()[1]);
        }
        Files.write(file, Json.compact(root));
    }
}
