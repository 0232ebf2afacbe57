package org.mageos.distribution.core.composer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.mageos.distribution.core.version.VersionParser;

/**
 * The errors of Composer's {@code ValidatingArrayLoader::load}, which a package repository built from git (Packagist,
 * a VcsRepository with that loader) reads as "this version cannot be loaded": the version is skipped. Its warnings
 * (an unknown licence, a malformed URL, ...) are not errors for a tag and are not reproduced. PHP's types: a JSON
 * object or list is an "array", {@code isset} is false for null. {@code time} is judged by the usual date formats
 * (PHP's {@code DateTime} accepts more words than any composer.json uses).
 */
public final class PackageValidator {

    private static final Pattern NAME = Pattern.compile(
            "^[a-z0-9](?:[_.-]?[a-z0-9]++)*+/[a-z0-9](?:(?:[_.]|-{1,2})?[a-z0-9]++)*+$", Pattern.CASE_INSENSITIVE);
    private static final Set<String> RESERVED = Set.of("nul", "con", "prn", "aux", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
            "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");
    private static final Pattern LINK_KEY = Pattern.compile("^[A-Za-z0-9_./-]+$");
    private static final List<String> LINK_TYPES = List.of("require", "conflict", "provide", "replace", "require-dev");
    private static final List<String> AUTOLOAD_TYPES = List.of("psr-0", "psr-4", "classmap", "files", "exclude-from-classmap");
    private static final Pattern TIME = Pattern.compile("^\\s*(@-?\\d+|\\d{4}-\\d{1,2}-\\d{1,2}([ Tt]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?"
            + "\\s*([Zz]|[+-]\\d{2}:?\\d{2}|UTC|GMT)?)\\s*$");

    private PackageValidator() {
    }

    /** {@code ValidatingArrayLoader::hasPackageNamingError}: null when Composer accepts the name. */
    public static String namingError(String name, boolean isLink) {
        if (PackageLinkOrder.isPlatform(name)) {
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            return name + " is invalid, it should have a vendor name, a forward slash, and a package name";
        }
        String[] bits = name.toLowerCase(Locale.ROOT).split("/", -1);
        if (RESERVED.contains(bits[0]) || RESERVED.contains(bits[1])) {
            return name + " is reserved, package and vendor names can not match any of: " + String.join(", ", new java.util.TreeSet<>(RESERVED));
        }
        if (name.endsWith(".json")) {
            return name + " is invalid, package names can not end in .json";
        }
        if (!name.equals(name.toLowerCase(Locale.ROOT)) && name.chars().anyMatch(c -> c >= 'A' && c <= 'Z')) {
            return name + " is invalid, it should not contain uppercase characters";
        }
        return null;
    }

    /**
     * The loader's errors for a package whose data is {@code json} with {@code name} (VcsRepository gives every version
     * the name of the default branch's composer.json); an empty list when it loads.
     */
    public static List<String> errors(ObjectNode json, String name) {
        List<String> errors = new ArrayList<>();
        if (name == null || name.isEmpty() || VersionParser.phpTrim(name).isEmpty()) {
            errors.add("name : must be present");
        } else {
            String err = namingError(name, false);
            if (err != null) {
                errors.add("name : " + err);
            }
        }
        JsonNode platform = json.path("config").path("platform");
        if (isSet(platform)) {
            for (Map.Entry<String, JsonNode> e : entries(platform)) {
                JsonNode v = e.getValue();
                if (v.isBoolean() && !v.booleanValue()) {
                    continue;
                }
                if (!v.isTextual()) {
                    errors.add("config.platform." + e.getKey() + " : invalid value, expected string or false");
                } else if (!isVersion(v.textValue())) {
                    errors.add("config.platform." + e.getKey() + " : invalid value (" + v.textValue() + ")");
                }
            }
        }
        string(json, "type", errors);
        string(json, "target-dir", errors);
        array(json, "extra", errors);
        if (isSet(json.get("bin")) && !json.get("bin").isTextual()) {
            flatArray(json, "bin", errors);
        }
        array(json, "scripts", errors);
        string(json, "description", errors);
        string(json, "homepage", errors);
        flatArray(json, "keywords", errors);
        if (string(json, "time", errors) && !TIME.matcher(json.get("time").textValue()).matches()) {
            errors.add("time : invalid value (" + json.get("time").textValue() + ")");
        }
        if (array(json, "authors", errors)) {
            for (Map.Entry<String, JsonNode> author : entries(json.get("authors"))) {
                if (!isArray(author.getValue())) {
                    errors.add("authors." + author.getKey() + " : should be an array");
                    continue;
                }
                for (String key : List.of("homepage", "email", "name", "role")) {
                    if (isSet(author.getValue().get(key)) && !author.getValue().get(key).isTextual()) {
                        errors.add("authors." + author.getKey() + "." + key + " : invalid value, must be a string");
                    }
                }
            }
        }
        if (array(json, "support", errors)) {
            for (String key : List.of("issues", "forum", "wiki", "source", "email", "irc", "docs", "rss", "chat")) {
                if (isSet(json.get("support").get(key)) && !json.get("support").get(key).isTextual()) {
                    errors.add("support." + key + " : invalid value, must be a string");
                }
            }
        }
        if (array(json, "funding", errors)) {
            for (Map.Entry<String, JsonNode> option : entries(json.get("funding"))) {
                if (!isArray(option.getValue())) {
                    errors.add("funding." + option.getKey() + " : should be an array");
                    continue;
                }
                for (String key : List.of("type", "url")) {
                    if (isSet(option.getValue().get(key)) && !option.getValue().get(key).isTextual()) {
                        errors.add("funding." + option.getKey() + "." + key + " : invalid value, must be a string");
                    }
                }
            }
        }
        links(json, name, errors);
        if (array(json, "suggest", errors)) {
            for (Map.Entry<String, JsonNode> s : entries(json.get("suggest"))) {
                if (!s.getValue().isTextual()) {
                    errors.add("suggest." + s.getKey() + " : invalid value, must be a string describing why the package is suggested");
                }
            }
        }
        if (string(json, "minimum-stability", errors)) {
            String stability = json.get("minimum-stability").textValue();
            if (!Set.of("stable", "beta", "alpha", "dev").contains(stability.toLowerCase(Locale.ROOT)) && !stability.equals("RC")) {
                errors.add("minimum-stability : invalid value (" + stability + ")");
            }
        }
        boolean psr4 = false;
        if (array(json, "autoload", errors)) {
            for (Map.Entry<String, JsonNode> type : entries(json.get("autoload"))) {
                if (!AUTOLOAD_TYPES.contains(type.getKey())) {
                    errors.add("autoload : invalid value (" + type.getKey() + "), must be one of " + String.join(", ", AUTOLOAD_TYPES));
                    continue;
                }
                if (type.getKey().equals("psr-4")) {
                    psr4 = isSet(type.getValue());
                    if (type.getValue().isObject()) {
                        type.getValue().fieldNames().forEachRemaining(namespace -> {
                            if (!namespace.isEmpty() && !namespace.endsWith("\\")) {
                                errors.add("autoload.psr-4 : invalid value (" + namespace + "), namespaces must end with a namespace separator");
                            }
                        });
                    }
                }
            }
        }
        if (psr4 && isSet(json.get("target-dir")) && json.get("target-dir").isTextual() && !VersionParser.phpTrim(json.get("target-dir").textValue()).isEmpty()) {
            errors.add("target-dir : this can not be used together with the autoload.psr-4 setting");
        }
        for (String kind : List.of("source", "dist")) {
            if (array(json, kind, errors) && json.get(kind).size() > 0) {
                JsonNode s = json.get(kind);
                if (!isSet(s.get("type"))) {
                    errors.add(kind + ".type : must be present");
                } else if (!s.get("type").isTextual()) {
                    errors.add(kind + ".type : should be a string");
                }
                if (!isSet(s.get("url"))) {
                    errors.add(kind + ".url : must be present");
                } else if (!s.get("url").isTextual()) {
                    errors.add(kind + ".url : should be a string");
                } else if (s.get("url").textValue().stripLeading().startsWith("-")) {
                    errors.add(kind + ".url : must not start with a \"-\"");
                }
                if (kind.equals("source") && !isSet(s.get("reference"))) {
                    errors.add(kind + ".reference : must be present");
                }
                if (isSet(s.get("reference"))) {
                    if (!s.get("reference").isTextual() && !s.get("reference").isIntegralNumber()) {
                        errors.add(kind + ".reference : should be a string or int");
                    } else if (s.get("reference").asText().stripLeading().startsWith("-")) {
                        errors.add(kind + ".reference : must not start with a \"-\"");
                    }
                }
            }
        }
        flatArray(json, "include-path", errors);
        array(json, "transport-options", errors);
        JsonNode extra = json.get("extra");
        if (isArray(extra) && isSet(extra.get("branch-alias")) && !isArray(extra.get("branch-alias"))) {
            errors.add("extra.branch-alias : must be an array of versions => aliases");
        }
        return errors;
    }

    private static void links(ObjectNode json, String name, List<String> errors) {
        for (String type : LINK_TYPES) {
            if (!array(json, type, errors)) {
                continue;
            }
            boolean conflictsWithReplace = false;
            if (type.equals("conflict") && isArray(json.get("replace"))) {
                for (Map.Entry<String, JsonNode> c : entries(json.get("conflict"))) {
                    for (Map.Entry<String, JsonNode> r : entries(json.get("replace"))) {
                        conflictsWithReplace |= c.getKey().equals(r.getKey());
                    }
                }
            }
            for (Map.Entry<String, JsonNode> link : entries(json.get(type))) {
                String target = link.getKey();
                if (name != null && target.equalsIgnoreCase(name)) {
                    errors.add(type + "." + target + " : a package cannot set a " + type + " on itself");
                    continue;
                }
                if (namingError(target, true) == null && !LINK_KEY.matcher(target).matches()) {
                    errors.add(type + "." + target + " : invalid key, package names must be strings containing only [A-Za-z0-9_./-]");
                }
                JsonNode constraint = link.getValue();
                if (!constraint.isTextual()) {
                    errors.add(type + "." + target + " : invalid value, must be a string containing a version constraint");
                    continue;
                }
                if (!constraint.textValue().equals("self.version")) {
                    try {
                        VersionParser.parseConstraints(constraint.textValue());
                    } catch (IllegalArgumentException e) {
                        errors.add(type + "." + target + " : invalid version constraint (" + e.getMessage() + ")");
                        continue;
                    }
                }
                if (conflictsWithReplace) {
                    errors.add(type + "." + target + " : you cannot conflict with a package that is also replaced");
                }
            }
        }
    }

    private static boolean isVersion(String version) {
        try {
            VersionParser.normalize(version);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** PHP's {@code isset}: present and not null. */
    private static boolean isSet(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    /** PHP's {@code is_array} on decoded JSON: an object or a list. */
    private static boolean isArray(JsonNode node) {
        return node != null && (node.isObject() || node.isArray());
    }

    /** {@code validateString}: an error when set but not a string; true when a non-blank string. */
    private static boolean string(JsonNode json, String property, List<String> errors) {
        JsonNode v = json.get(property);
        if (isSet(v) && !v.isTextual()) {
            errors.add(property + " : should be a string, " + phpType(v) + " given");
            return false;
        }
        return isSet(v) && !VersionParser.phpTrim(v.textValue()).isEmpty();
    }

    /** {@code validateArray}: an error when set but not an array; true when a non-empty one. */
    private static boolean array(JsonNode json, String property, List<String> errors) {
        JsonNode v = json.get(property);
        if (isSet(v) && !isArray(v)) {
            errors.add(property + " : should be an array, " + phpType(v) + " given");
            return false;
        }
        return isSet(v) && v.size() > 0;
    }

    /** {@code validateFlatArray} without a pattern (a pattern only gives warnings): each value a string or a number. */
    private static void flatArray(JsonNode json, String property, List<String> errors) {
        if (!array(json, property, errors)) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : entries(json.get(property))) {
            JsonNode v = e.getValue();
            if (!v.isTextual() && !v.isNumber()) {
                errors.add(property + "." + e.getKey() + " : must be a string or int, " + phpType(v) + " given");
            }
        }
    }

    /** The entries of a PHP array: an object's fields, or a list's values under their index. */
    private static List<Map.Entry<String, JsonNode>> entries(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            fields.forEachRemaining(entries::add);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                entries.add(Map.entry(String.valueOf(i), node.get(i)));
            }
        }
        return entries;
    }

    private static String phpType(JsonNode v) {
        if (v.isTextual()) {
            return "string";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        if (v.isIntegralNumber()) {
            return "integer";
        }
        if (v.isNumber()) {
            return "double";
        }
        return "array";
    }
}
