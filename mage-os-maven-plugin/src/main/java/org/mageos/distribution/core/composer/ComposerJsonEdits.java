package org.mageos.distribution.core.composer;

import org.mageos.distribution.core.io.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The changes a release makes to a package's composer.json, as pure functions: each returns a changed copy and
 * leaves its argument alone; key order is kept.
 */
public final class ComposerJsonEdits {

    /** Sections whose keys are package names. */
    public static final List<String> LINK_SECTIONS = List.of("require", "require-dev", "conflict", "replace", "provide", "suggest");

    private ComposerJsonEdits() {
    }

    /**
     * Requirements ({@code require}) on a package of {@code exactVersions} become that exact version when they
     * say {@code "*"} ({@code "*"} -> {@code "1.1.6-p3"}), or, whatever they say, when the package's version was
     * overridden for the release ({@code overridden}: its upstream constraint no longer applies). Other
     * requirements, and constraints an author chose ({@code "^1.0"}), stay as they are.
     */
    public static ObjectNode pin(ObjectNode json, Map<String, String> exactVersions, java.util.Set<String> overridden) {
        ObjectNode copy = json.deepCopy();
        JsonNode require = copy.get("require");
        if (require instanceof ObjectNode) {
            ObjectNode links = (ObjectNode) require;
            for (Iterator<String> it = links.fieldNames(); it.hasNext();) {
                String name = it.next();
                String key = name.toLowerCase(java.util.Locale.ROOT);
                String exact = exactVersions.get(key);
                String constraint = links.get(name).asText("").trim();
                if (exact != null && (constraint.equals("*") || constraint.isEmpty() || overridden.contains(key))) {
                    links.set(name, TextNode.valueOf(exact));
                }
            }
        }
        return copy;
    }

    /**
     * {@code require-dev} and {@code suggest} entries on a package whose version was overridden for the release
     * ({@code overridden}) name that exact version, as the release published them (a version fix of upstream's).
     */
    public static ObjectNode pinOverriddenLinks(ObjectNode json, Map<String, String> exactVersions, java.util.Set<String> overridden) {
        ObjectNode copy = null;
        for (String section : List.of("require-dev", "suggest")) {
            JsonNode links = json.get(section);
            if (!(links instanceof ObjectNode)) {
                continue;
            }
            for (Iterator<String> it = links.fieldNames(); it.hasNext();) {
                String name = it.next();
                String key = name.toLowerCase(java.util.Locale.ROOT);
                if (overridden.contains(key) && exactVersions.containsKey(key)) {
                    copy = copy == null ? json.deepCopy() : copy;
                    ((ObjectNode) copy.get(section)).set(name, TextNode.valueOf(exactVersions.get(key)));
                }
            }
        }
        return copy == null ? json : copy;
    }

    /**
     * Renames {@code name} and every link key found in {@code renamed} (old name -> new name); names not in it keep
     * their vendor. When the package itself is renamed, {@code replace} gets its old name at {@code upstreamVersion},
     * so that whatever required the old name is satisfied by the new one.
     */
    public static ObjectNode rename(ObjectNode json, Map<String, String> renamed, String upstreamVersion) {
        ObjectNode copy = Json.MAPPER.createObjectNode();
        String oldName = json.path("name").asText(null);
        String newName = oldName == null ? null : renamed.get(oldName);
        Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equals("name") && newName != null) {
                copy.set("name", TextNode.valueOf(newName));
            } else if (LINK_SECTIONS.contains(f.getKey()) && f.getValue().isObject()) {
                ObjectNode links = copy.putObject(f.getKey());
                f.getValue().fields().forEachRemaining(l -> links.set(renamed.getOrDefault(l.getKey(), l.getKey()), l.getValue()));
            } else {
                copy.set(f.getKey(), f.getValue().deepCopy());
            }
        }
        if (newName != null && upstreamVersion != null) {
            JsonNode replace = copy.get("replace");
            ObjectNode links = replace instanceof ObjectNode ? (ObjectNode) replace : copy.putObject("replace");
            links.set(oldName, TextNode.valueOf(upstreamVersion));
        }
        return copy;
    }

    /**
     * One entry of a section to set ({@code value} given) or remove ({@code value} null); {@code element} names the
     * configuration it comes from, for messages.
     */
    public record Edit(String section, String key, String value, String element) {
    }

    /** Sets or removes one entry of a section per edit; a missing section is created, an emptied one dropped. */
    public static ObjectNode patch(ObjectNode json, List<Edit> edits) {
        ObjectNode copy = json.deepCopy();
        for (Edit p : edits) {
            JsonNode section = copy.get(p.section());
            if (p.value() == null) {
                if (section instanceof ObjectNode) {
                    ((ObjectNode) section).remove(p.key());
                    if (section.isEmpty()) {
                        copy.remove(p.section());
                    }
                }
                continue;
            }
            ObjectNode target = section instanceof ObjectNode ? (ObjectNode) section : copy.putObject(p.section());
            target.set(p.key(), value(p));
        }
        return copy;
    }

    private static JsonNode value(Edit p) {
        String v = p.value().trim();
        if ("extra".equals(p.section()) && (v.startsWith("{") || v.startsWith("["))) {
            try {
                return Json.MAPPER.readTree(v);
            } catch (IOException e) {
                throw new org.mageos.distribution.core.DistributionException(p.element() + "<value> is not JSON: " + e.getMessage(), e);
            }
        }
        return TextNode.valueOf(p.value());
    }

    /** A copy of composer.json with {@code version} placed after {@code name} (and {@code description}), replacing any other. */
    public static ObjectNode withVersion(ObjectNode json, String version) {
        ObjectNode copy = Json.MAPPER.createObjectNode();
        boolean placed = false;
        boolean hasDescription = json.has("description");
        Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("version")) {
                continue;
            }
            copy.set(field.getKey(), field.getValue());
            if (!placed && field.getKey().equals(hasDescription ? "description" : "name")) {
                copy.set("version", TextNode.valueOf(version));
                placed = true;
            }
        }
        if (!placed) {
            copy.set("version", TextNode.valueOf(version));
        }
        return copy;
    }
}
