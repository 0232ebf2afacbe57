package org.mageos.distribution.core.composer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The link sections of composer.json ({@code require}, {@code require-dev}, {@code conflict}, {@code provide},
 * {@code replace}, {@code suggest}): objects of package name to constraint (or description). Composer's loader refuses
 * a package whose section is not an array; published, such metadata makes the client fail for every user.
 */
public final class LinkSections {

    public static final List<String> NAMES = List.of("require", "require-dev", "conflict", "provide", "replace", "suggest");

    private LinkSections() {
    }

    /**
     * The first link section that is neither an object nor an empty list ({@code []}, which PHP reads as an empty
     * array, as Composer does), with what it is instead; null when all are fine.
     */
    public static String problem(JsonNode composerJson) {
        for (String name : NAMES) {
            JsonNode section = composerJson.get(name);
            if (section != null && !section.isObject() && !(section.isArray() && section.isEmpty())) {
                return "\"" + name + "\" must be an object of package names, not " + section.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                        + " " + abbreviated(section.toString());
            }
        }
        return null;
    }

    private static String abbreviated(String json) {
        return json.length() <= 60 ? json : json.substring(0, 60) + "...";
    }
}
