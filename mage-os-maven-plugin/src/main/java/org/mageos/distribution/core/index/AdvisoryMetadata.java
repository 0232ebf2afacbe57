package org.mageos.distribution.core.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.advisory.SecurityAdvisories;
import org.mageos.distribution.core.advisory.SecurityAdvisory;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.version.Constraint;
import org.mageos.distribution.core.version.SingleConstraint;
import org.mageos.distribution.core.version.VersionComparator;
import org.mageos.distribution.core.version.VersionParser;

/**
 * The {@code security-advisories} of each package's {@code p2/<name>.json}, as Composer 2 reads them from a repository
 * whose packages.json says {@code "security-advisories": {"metadata": true}} ({@code ComposerRepository::getSecurityAdvisories}:
 * full advisories, matched against the installed version of that very name; Composer looks at no {@code replace}).
 *
 * <p>A package gets the advisories written for its own name, with their constraint as it is. It also gets those of a
 * package it replaces, when each of its versions says which version of it it is: {@code replace} of that name at one
 * exact version ({@code "magento/module-x": "103.0.7"}, as a vendor rename writes it) or at {@code self.version}. The
 * advisory is then written for the replacing name with, as its affected versions, the replacing versions (of this
 * repository) whose replaced version it affects ({@code 1.0.0|1.0.1}): a version of another numbering is never matched
 * against a constraint written for the replaced package's numbers. A version that replaces an advised name with a range
 * or {@code *} does not say which version's code it carries: its advisories are not carried over, and a warning names it.
 */
final class AdvisoryMetadata {

    private AdvisoryMetadata() {
    }

    /** The advisories of every package of {@code versionsByName} (full entries), by name; an empty list for a package without any. */
    static Map<String, ArrayNode> of(Map<String, List<ObjectNode>> versionsByName, SecurityAdvisories advisories, DistributionLog log) {
        Map<String, List<SecurityAdvisory>> byPackage = advisories.byPackage();
        Map<String, ArrayNode> result = new TreeMap<>();
        Set<String> warned = new TreeSet<>();
        for (Map.Entry<String, List<ObjectNode>> e : versionsByName.entrySet()) {
            String name = e.getKey();
            List<ObjectNode> list = new ArrayList<>();
            for (SecurityAdvisory a : byPackage.getOrDefault(name.toLowerCase(Locale.ROOT), List.of())) {
                list.add(a.toMetadata(name, a.affectedVersions()));
            }
            // advisory -> the versions of this package it affects through replace, oldest first
            Map<SecurityAdvisory, Set<String>> carried = new LinkedHashMap<>();
            for (ObjectNode version : e.getValue()) {
                JsonNode replace = version.get("replace");
                if (replace == null || !replace.isObject()) {
                    continue;
                }
                for (Map.Entry<String, JsonNode> r : (Iterable<Map.Entry<String, JsonNode>>) replace::fields) {
                    String replaced = r.getKey().toLowerCase(Locale.ROOT);
                    List<SecurityAdvisory> advised = byPackage.get(replaced);
                    if (advised == null || replaced.equals(name.toLowerCase(Locale.ROOT))) {
                        continue;
                    }
                    String as = replacedVersion(r.getValue().asText(""), version);
                    if (as == null) {
                        if (warned.add(name + " " + r.getKey() + " " + r.getValue().asText(""))) {
                            log.warn(name + " " + version.path("version").asText() + " replaces " + r.getKey() + " at '" + r.getValue().asText("")
                                    + "', which is not one version: the " + advised.size() + " security advisories of " + r.getKey()
                                    + " are not carried over to it (only an exact version or self.version says which code it carries)");
                        }
                        continue;
                    }
                    for (SecurityAdvisory a : advised) {
                        Set<String> affected = carried.computeIfAbsent(a, k -> new TreeSet<>(VersionComparator.ASCENDING));
                        if (a.constraint().matches(as)) {
                            affected.add(version.path("version_normalized").asText());
                        }
                    }
                }
            }
            Map<String, String> pretty = new TreeMap<>();
            e.getValue().forEach(v -> pretty.put(v.path("version_normalized").asText(), v.path("version").asText()));
            carried.forEach((a, affected) -> {
                if (!affected.isEmpty()) {
                    List<String> versions = new ArrayList<>();
                    affected.forEach(v -> versions.add(pretty.get(v)));
                    list.add(a.toMetadata(name, String.join("|", versions)));
                }
            });
            // newest report first, as Packagist's advisory API orders them
            list.sort(Comparator.comparing((ObjectNode n) -> n.path("reportedAt").asText()).reversed()
                    .thenComparing(n -> n.path("advisoryId").asText()));
            ArrayNode array = Json.MAPPER.createArrayNode();
            list.forEach(array::add);
            result.put(name, array);
        }
        return result;
    }

    /** The normalized version of the replaced package a version stands for: {@code self.version} or one exact version; null otherwise. */
    static String replacedVersion(String constraint, ObjectNode version) {
        String c = constraint.trim();
        if (c.equals("self.version")) {
            return version.path("version_normalized").asText();
        }
        try {
            Constraint parsed = VersionParser.parseConstraints(c);
            if (parsed instanceof SingleConstraint single && single.operator().equals("==")) {
                return single.version();
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
