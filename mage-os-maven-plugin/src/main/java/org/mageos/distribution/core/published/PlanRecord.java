package org.mageos.distribution.core.published;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mageos.distribution.core.io.Json;

/**
 * The tags a repository's builds planned, published beside its index as {@code mage-os-tags.json}, so that a runner
 * that starts empty neither fetches nor reads again a tag whose versions are all published already:
 *
 * <pre>
 * {
 *   "format": "mage-os-tags-1",
 *   "sources": {
 *     "&lt;source name&gt;": {
 *       "rules": "&lt;sha1 of the rules the tags were planned with (ConfigFingerprint.tagRules)&gt;",
 *       "tags": {
 *         "&lt;tag&gt;": {"commit": "&lt;40 hex&gt;", "versions": ["vendor/name 1.0.0", ...], "skipped": ["&lt;why&gt;", ...]}
 *       }
 *     }
 *   }
 * }
 * </pre>
 *
 * {@code versions} are the package versions the plan made from the tag (a version an earlier tag already carried is
 * listed there, not here); {@code skipped} the versions of the tag Composer skips, with the reason. Keys are sorted:
 * the same plan gives the same bytes. Only sources whose tags the plan can do without are recorded (no
 * {@code <branches>} in the distribution, no vendor renames, no {@code <refs>}, no composer.json from the project; a
 * tag a declared release names is left out). The record is a shortcut only: deleting it changes no byte of the
 * repository, the next build plans every tag again. Not thread-safe while it is being built.
 */
public final class PlanRecord {

    /** Where the record is, relative to the repository's root. */
    public static final String FILE = "mage-os-tags.json";
    static final String FORMAT = "mage-os-tags-1";

    /** One tag as the plan found it. */
    public record Tag(String commit, List<String> versions, List<String> skipped) {
    }

    /** One source: the rules' fingerprint and its tags. */
    private static final class SourceTags {
        final String rules;
        final Map<String, Tag> tags = new TreeMap<>();

        SourceTags(String rules) {
            this.rules = rules;
        }
    }

    private final Map<String, SourceTags> sources = new TreeMap<>();

    /** Adds (or replaces) one tag of a source; a source recorded with other rules loses its other tags. */
    public PlanRecord add(String source, String rules, String tag, Tag planned) {
        SourceTags s = sources.get(source);
        if (s == null || !s.rules.equals(rules)) {
            s = new SourceTags(rules);
            sources.put(source, s);
        }
        s.tags.put(tag, new Tag(planned.commit(), List.copyOf(planned.versions()), List.copyOf(planned.skipped())));
        return this;
    }

    /** The tags of a source recorded with these rules; empty when there are none, or when the rules differ. */
    public Map<String, Tag> tags(String source, String rules) {
        SourceTags s = sources.get(source);
        return s == null || !s.rules.equals(rules) ? Map.of() : s.tags;
    }

    public boolean isEmpty() {
        return sources.isEmpty();
    }

    /**
     * This record with {@code newer}'s entries added: a tag of a source is taken from {@code newer}; a source newer
     * records with other rules keeps only newer's tags. Sources only this record has stay (another job's).
     */
    public PlanRecord merge(PlanRecord newer) {
        PlanRecord merged = new PlanRecord();
        sources.forEach((name, s) -> s.tags.forEach((tag, t) -> merged.add(name, s.rules, tag, t)));
        newer.sources.forEach((name, s) -> {
            SourceTags kept = merged.sources.get(name);
            if (kept != null && !kept.rules.equals(s.rules)) {
                merged.sources.remove(name);
            }
            s.tags.forEach((tag, t) -> merged.add(name, s.rules, tag, t));
            if (s.tags.isEmpty() && !merged.sources.containsKey(name)) {
                merged.sources.put(name, new SourceTags(s.rules));
            }
        });
        return merged;
    }

    public ObjectNode toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode all = root.putObject("sources");
        sources.forEach((name, s) -> {
            ObjectNode source = all.putObject(name);
            source.put("rules", s.rules);
            ObjectNode tags = source.putObject("tags");
            s.tags.forEach((tag, t) -> {
                ObjectNode entry = tags.putObject(tag);
                entry.put("commit", t.commit());
                ArrayNode versions = entry.putArray("versions");
                t.versions().stream().sorted().forEach(versions::add);
                if (!t.skipped().isEmpty()) {
                    ArrayNode skipped = entry.putArray("skipped");
                    t.skipped().forEach(skipped::add);
                }
            });
        });
        return root;
    }

    /** The file's bytes: pretty JSON, keys sorted. */
    public byte[] bytes() {
        return Json.pretty(toJson());
    }

    /**
     * A record as {@link #toJson} wrote it; an empty record for null, for another format, or for anything that is
     * not such a record (it is only a shortcut: a damaged one costs the tree walks, never a wrong plan).
     */
    public static PlanRecord of(JsonNode json) {
        PlanRecord record = new PlanRecord();
        if (json == null || !FORMAT.equals(json.path("format").asText())) {
            return record;
        }
        for (Map.Entry<String, JsonNode> source : properties(json.path("sources"))) {
            String rules = source.getValue().path("rules").asText("");
            if (rules.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, JsonNode> tag : properties(source.getValue().path("tags"))) {
                String commit = tag.getValue().path("commit").asText("");
                if (!commit.matches("[0-9a-f]{40}")) {
                    continue;
                }
                record.add(source.getKey(), rules, tag.getKey(), new Tag(commit, texts(tag.getValue().path("versions")),
                        texts(tag.getValue().path("skipped"))));
            }
        }
        return record;
    }

    /** A record from the file's bytes; empty for null or bytes that are not one. */
    public static PlanRecord parse(byte[] bytes) {
        if (bytes == null) {
            return new PlanRecord();
        }
        try {
            return of(Json.MAPPER.readTree(bytes));
        } catch (IOException e) {
            return new PlanRecord();
        }
    }

    private static List<Map.Entry<String, JsonNode>> properties(JsonNode object) {
        List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
        if (object.isObject()) {
            object.fields().forEachRemaining(list::add);
        }
        return list;
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(v -> list.add(v.asText()));
        return list;
    }
}
