package org.mageos.distribution.core.composer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mageos.distribution.core.io.Json;

/**
 * composer/metadata-minifier: the first version whole, each later one only with the keys that changed,
 * and {@code "__unset"} for keys that disappeared. {@link #expand} is the client's side.
 */
public final class MetadataMinifier {

    private MetadataMinifier() {
    }

    public static List<ObjectNode> minify(List<ObjectNode> versions) {
        List<ObjectNode> minified = new ArrayList<>();
        Map<String, JsonNode> last = null;
        for (ObjectNode version : versions) {
            if (last == null) {
                last = toMap(version);
                minified.add(version);
                continue;
            }
            ObjectNode out = Json.MAPPER.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = version.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                JsonNode previous = last.get(f.getKey());
                // PHP's isset() is false for null values
                if (previous == null || previous.isNull() || !previous.equals(f.getValue())) {
                    out.set(f.getKey(), f.getValue());
                    last.put(f.getKey(), f.getValue());
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = last.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode now = version.get(e.getKey());
                if (now == null || now.isNull()) {
                    out.set(e.getKey(), TextNode.valueOf("__unset"));
                    it.remove();
                }
            }
            minified.add(out);
        }
        return minified;
    }

    /** composer/metadata-minifier's {@code expand}. */
    public static List<ObjectNode> expand(List<ObjectNode> versions) {
        List<ObjectNode> expanded = new ArrayList<>();
        ObjectNode expandedVersion = null;
        for (ObjectNode version : versions) {
            if (expandedVersion == null) {
                expandedVersion = version.deepCopy();
                expanded.add(expandedVersion);
                continue;
            }
            expandedVersion = expandedVersion.deepCopy();
            Iterator<Map.Entry<String, JsonNode>> fields = version.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getValue().isTextual() && f.getValue().asText().equals("__unset")) {
                    expandedVersion.remove(f.getKey());
                } else {
                    expandedVersion.set(f.getKey(), f.getValue());
                }
            }
            expanded.add(expandedVersion);
        }
        return expanded;
    }

    private static Map<String, JsonNode> toMap(ObjectNode node) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }
}
