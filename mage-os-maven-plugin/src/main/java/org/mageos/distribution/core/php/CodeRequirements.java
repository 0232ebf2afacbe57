package org.mageos.distribution.core.php;

import org.mageos.distribution.core.php.ScannedPackage;
import org.mageos.distribution.core.config.ThirdPartyNamespace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.composer.PackageLinkOrder;

/**
 * The {@code require} of a package computed from its code ({@code <requireFromCode>}): every package whose classes,
 * functions or constants its code uses, or whose Magento module its JavaScript, templates or XML name, at the exact version this run builds of it (a package of the same release
 * or night), or at the {@code <constraint>} of its {@code <namespaces>} entry (a third-party package), else at the
 * constraint the package's composer.json already gives it. Requirements the code cannot tell anything about stay
 * as composer.json has them: platform packages ({@code php}, {@code ext-*}, {@code lib-*}), composer plugins,
 * installers and metapackages of the run, and packages neither of the run nor of {@code <namespaces>}. The result
 * is sorted as {@code composer config sort-packages true} sorts.
 */
public final class CodeRequirements {

    /** Package types required for what they do when installed, not for classes. */
    private static final Set<String> NOT_CODE = Set.of("metapackage", "composer-plugin", "composer-installer");

    /** A package of the same release or night. */
    public static final class Sibling {
        final ScannedPackage scanned;
        final String version;

        /**
         * @param name         its name in this run (after a vendor rename)
         * @param version      the exact version this run builds
         * @param composerJson its composer.json (autoload rules, type)
         * @param autoloadFiles what the files of its {@code classmap} and {@code files} autoload rules declare, by path
         */
        public Sibling(String name, String version, ObjectNode composerJson, Map<String, PhpReferences> autoloadFiles) {
            this.scanned = new ScannedPackage(name, version, composerJson);
            this.version = version;
            autoloadFiles.forEach(scanned::add);
        }
    }

    /** What was computed, and how it differs from the composer.json it started from. */
    public static final class Result {
        /** The composer.json with the computed {@code require}. */
        public final ObjectNode composerJson;
        /** Requirements the code needs that composer.json lacked. */
        public final Set<String> added;
        /** Requirements of composer.json the code does not use. */
        public final Set<String> dropped;
        /** Files of the package read. */
        public final int files;
        /** What the scanner could not read, by file. */
        public final List<String> problems;

        Result(ObjectNode composerJson, Set<String> added, Set<String> dropped, ScannedPackage self) {
            this.composerJson = composerJson;
            this.added = added;
            this.dropped = dropped;
            this.files = self.filesScanned;
            this.problems = self.problems;
        }
    }

    private final Map<String, Sibling> siblings = new HashMap<>();
    private final List<ThirdPartyNamespace> namespaces;
    private final List<ScannedPackage> indexed = new ArrayList<>();

    public CodeRequirements(List<Sibling> siblings, List<ThirdPartyNamespace> namespaces) {
        ThirdPartyNamespace.validate(namespaces);
        for (Sibling s : siblings) {
            this.siblings.putIfAbsent(s.scanned.name, s);
            indexed.add(s.scanned);
        }
        this.namespaces = namespaces;
    }

    /**
     * @param composerJson the package's composer.json (its name, after a vendor rename; its replace and provide)
     * @param files        what each file of its zip holds, by path inside the package
     * @param where        names the package in errors
     */
    public Result compute(ObjectNode composerJson, Map<String, PhpReferences> files, String where) {
        String name = composerJson.path("name").asText("").toLowerCase(Locale.ROOT);
        ScannedPackage self = new ScannedPackage(name, null, composerJson);
        files.forEach(self::add);
        // the package's own autoload rules come first: what it declares itself is never a requirement
        List<ScannedPackage> packages = new ArrayList<>();
        packages.add(self);
        indexed.stream().filter(p -> !p.name.equals(name)).forEach(packages::add);
        AutoloadIndex index = new AutoloadIndex(packages, namespaces);

        PhpReferences uses = new PhpReferences();
        uses.addAll(self.uses);
        Set<String> declared = new HashSet<>();
        self.declarations.values().forEach(refs -> refs.declaredClasses.forEach(c -> declared.add(c.toLowerCase(Locale.ROOT))));
        uses.classes.removeIf(c -> declared.contains(c.toLowerCase(Locale.ROOT)));
        Map<String, TreeSet<String>> needs = new TreeMap<>();
        index.attribute(uses, needs, new java.util.HashSet<>());
        needs.keySet().removeAll(selfNames(composerJson));
        // a suggested package is optional: never required
        composerJson.path("suggest").fieldNames().forEachRemaining(n -> needs.remove(n.toLowerCase(Locale.ROOT)));

        Map<String, String> given = new LinkedHashMap<>();
        Map<String, String> givenKeys = new HashMap<>();
        composerJson.path("require").fields().forEachRemaining(e -> {
            given.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText());
            givenKeys.put(e.getKey().toLowerCase(Locale.ROOT), e.getKey());
        });

        Map<String, String> require = new HashMap<>();
        List<String> lacking = new ArrayList<>();
        for (Map.Entry<String, TreeSet<String>> need : needs.entrySet()) {
            String pkg = need.getKey();
            Sibling sibling = siblings.get(pkg);
            String constraint = sibling != null ? sibling.version : configuredConstraint(pkg);
            if (constraint == null) {
                constraint = given.get(pkg);
            }
            if (constraint == null) {
                ThirdPartyNamespace ns = namespaceOf(pkg);
                lacking.add(pkg + " (uses " + String.join(", ", AutoloadIndex.examples(need.getValue())) + "; "
                        + (ns == null ? "no <namespace>" : ns.describe()) + " has no <constraint>)");
                continue;
            }
            require.put(givenKeys.getOrDefault(pkg, pkg), constraint);
        }
        if (!lacking.isEmpty()) {
            throw new DistributionException(where + ": <requireFromCode> cannot tell which version to require of "
                    + String.join("; ", lacking) + ": add a <constraint> to the <namespace>, or require the package in its composer.json");
        }
        Set<String> known = new HashSet<>(siblings.keySet());
        namespaces.forEach(ns -> known.add(ns.getPackage().trim().toLowerCase(Locale.ROOT)));
        Set<String> dropped = new TreeSet<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String pkg = e.getKey();
            if (needs.containsKey(pkg)) {
                continue;
            }
            Sibling sibling = siblings.get(pkg);
            boolean judged = !PackageLinkOrder.isPlatform(pkg) && known.contains(pkg)
                    && (sibling == null || !NOT_CODE.contains(sibling.scanned.type()));
            if (judged) {
                dropped.add(pkg);
            } else {
                require.put(givenKeys.get(pkg), e.getValue());
            }
        }
        Set<String> added = new TreeSet<>(needs.keySet());
        added.removeAll(given.keySet());

        ObjectNode links = Json.MAPPER.createObjectNode();
        PackageLinkOrder.sorted(require).forEach(links::put);
        ObjectNode copy = composerJson.deepCopy();
        copy.set("require", links);
        return new Result(copy, added, dropped, self);
    }

    /** Whether a file is a test's ({@link ScannedPackage#isTestPath}): require-dev serves those. */
    public static boolean isTestPath(String path) {
        return ScannedPackage.isTestPath(path);
    }

    /** {@code require} sorted as {@code composer config sort-packages true} sorts it; other keys keep their order. */
    public static ObjectNode sorted(ObjectNode composerJson) {
        JsonNode require = composerJson.get("require");
        if (!(require instanceof ObjectNode)) {
            return composerJson;
        }
        Map<String, JsonNode> links = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = require.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            links.put(e.getKey(), e.getValue());
        }
        ObjectNode copy = composerJson.deepCopy();
        ObjectNode sortedLinks = Json.MAPPER.createObjectNode();
        PackageLinkOrder.sorted(links).forEach(sortedLinks::set);
        copy.set("require", sortedLinks);
        return copy;
    }

    private String configuredConstraint(String pkg) {
        ThirdPartyNamespace ns = namespaceOf(pkg);
        return ns == null ? null : ns.getConstraint();
    }

    /** The first {@code <namespace>} of the package with a constraint, else its first one. */
    private ThirdPartyNamespace namespaceOf(String pkg) {
        ThirdPartyNamespace first = null;
        for (ThirdPartyNamespace ns : namespaces) {
            if (ns.getPackage().trim().equalsIgnoreCase(pkg)) {
                if (ns.getConstraint() != null) {
                    return ns;
                }
                first = first == null ? ns : first;
            }
        }
        return first;
    }

    private static Set<String> selfNames(ObjectNode composerJson) {
        Set<String> names = new HashSet<>();
        names.add(composerJson.path("name").asText("").toLowerCase(Locale.ROOT));
        composerJson.path("replace").fieldNames().forEachRemaining(n -> names.add(n.toLowerCase(Locale.ROOT)));
        composerJson.path("provide").fieldNames().forEachRemaining(n -> names.add(n.toLowerCase(Locale.ROOT)));
        return names;
    }
}
