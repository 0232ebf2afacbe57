package org.mageos.distribution.core.php;

import org.mageos.distribution.core.php.ScannedPackage;
import org.mageos.distribution.core.config.ThirdPartyNamespace;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which package defines a class or function, by the autoload rules (psr-4, psr-0, classmap, files) of every
 * package in the distribution, then by configured third-party namespaces. A class a package declares in a file
 * its rules would load is matched exactly; any other name (a generated factory, a proxy) goes to the package
 * with the longest matching namespace prefix. Lookups ignore case, as PHP does.
 */
public final class AutoloadIndex {

    private static final int EXAMPLES = 3;


    private final Map<String, String> exactClasses = new HashMap<>();
    private final Map<String, String> functions = new HashMap<>();
    private final Map<String, String> prefixes = new HashMap<>();
    /** Magento module name (lower case) -> the package that registers it. */
    private final Map<String, String> modules = new HashMap<>();
    private final boolean magentoDefaults;

    public AutoloadIndex(List<ScannedPackage> packages, List<ThirdPartyNamespace> namespaces) {
        this(packages, namespaces, false);
    }

    /**
     * @param magentoDefaults names of magento2's own namespaces and modules no package or namespace provides go
     *                        to magento2's packages ({@link #magentoPackage})
     */
    public AutoloadIndex(List<ScannedPackage> packages, List<ThirdPartyNamespace> namespaces, boolean magentoDefaults) {
        this.magentoDefaults = magentoDefaults;
        for (ScannedPackage pkg : packages) {
            Rules rules = new Rules(pkg.composerJson.path("autoload"));
            for (Map.Entry<String, PhpReferences> file : pkg.declarations.entrySet()) {
                for (String module : file.getValue().declaredModules) {
                    modules.putIfAbsent(lower(module), pkg.name);
                }
                String path = file.getKey();
                for (String declared : file.getValue().declaredClasses) {
                    if (rules.loads(declared, path)) {
                        exactClasses.putIfAbsent(lower(declared), pkg.name);
                    }
                }
                if (rules.files.contains(path)) {
                    for (String function : file.getValue().declaredFunctions) {
                        functions.putIfAbsent(lower(function), pkg.name);
                    }
                }
            }
            for (String[] rule : rules.psr4) {
                if (!rule[0].isEmpty()) {
                    prefixes.putIfAbsent(lower(rule[0]), pkg.name);
                }
            }
            for (String[] rule : rules.psr0) {
                if (!rule[0].isEmpty()) {
                    prefixes.putIfAbsent(lower(rule[0]), pkg.name);
                }
            }
        }
        for (ThirdPartyNamespace ns : namespaces) {
            String prefix = ns.getPrefix().trim();
            prefixes.putIfAbsent(lower(prefix.startsWith("\\") ? prefix.substring(1) : prefix), lower(ns.getPackage().trim()));
        }
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** The package that defines the class, or null (a built-in class, or one no package provides). */
    public String packageOfClass(String name) {
        String lower = lower(name);
        String exact = exactClasses.get(lower);
        if (exact == null) {
            exact = longestPrefix(lower);
        }
        return exact == null && magentoDefaults ? magentoPackage(name) : exact;
    }

    /** Whether {@link #magentoPackage} and {@link #packageOfModule} can give the package: what it holds is known. */
    public static boolean isMagentoPackage(String name) {
        return name.equals("magento/framework") || (name.startsWith("magento/module-") && name.length() > 15)
                || FRAMEWORK_LIBRARIES.stream().anyMatch(lib -> name.equals("magento/framework-" + MagentoModules.kebab(lib)));
    }

    /** The package that registers a Magento module ({@code Magento_Catalog}), or null. */
    public String packageOfModule(String module) {
        String pkg = modules.get(lower(module));
        if (pkg == null && magentoDefaults && module.startsWith("Magento_") && module.length() > 8) {
            pkg = "magento/module-" + MagentoModules.kebab(module.substring(8));
        }
        return pkg;
    }

    /** magento2's library packages below Magento\Framework (lib/internal/Magento/Framework/*, each with its composer.json). */
    private static final List<String> FRAMEWORK_LIBRARIES = List.of("Amqp", "Bulk", "MessageQueue", "Stomp");

    /**
     * The magento2 package of a class of its namespaces: {@code Magento\Framework\} is magento/framework (its
     * Amqp, Bulk, MessageQueue and Stomp namespaces their own magento/framework-* libraries),
     * {@code Magento\Setup\} and {@code Magento\TestFramework\} the repository root (magento/magento2-base),
     * {@code Magento\FunctionalTestingFramework\} magento/magento2-functional-testing-framework,
     * {@code Magento\<Module>\} magento/module-<module in kebab case>; null for any other name.
     */
    public static String magentoPackage(String className) {
        String name = className.startsWith("\\") ? className.substring(1) : className;
        if (!name.startsWith("Magento\\")) {
            return null;
        }
        int end = name.indexOf('\\', 8);
        if (end < 0) {
            return null;
        }
        String second = name.substring(8, end);
        if (second.equals("Framework")) {
            int third = name.indexOf('\\', end + 1);
            if (third > 0 && FRAMEWORK_LIBRARIES.contains(name.substring(end + 1, third))) {
                return "magento/framework-" + MagentoModules.kebab(name.substring(end + 1, third));
            }
            return "magento/framework";
        }
        if (second.equals("Setup") || second.equals("TestFramework")) {
            return "magento/magento2-base";
        }
        if (second.equals("FunctionalTestingFramework")) {
            return "magento/magento2-functional-testing-framework"; // MFTF, its own repository
        }
        return second.isEmpty() || !Character.isUpperCase(second.charAt(0)) ? null : "magento/module-" + MagentoModules.kebab(second);
    }

    /** The package of a function whose full name is known; null for PHP's own functions. */
    public String packageOfFunction(String name) {
        String lower = lower(name);
        String pkg = functions.get(lower);
        if (pkg == null && lower.indexOf('\\') > 0) {
            pkg = longestPrefix(lower);
        }
        return pkg;
    }

    /** An unqualified call in a namespace: the namespaced function if a package declares it, else the global one. */
    public String packageOfFallbackFunction(String name) {
        String lower = lower(name);
        String pkg = functions.get(lower);
        return pkg != null ? pkg : functions.get(lower.substring(lower.lastIndexOf('\\') + 1));
    }

    public String packageOfConstant(String name) {
        return longestPrefix(lower(name));
    }

    /** Tries the name's prefixes at each namespace separator (and underscore, for psr-0), longest first. */
    private String longestPrefix(String lower) {
        for (int k = lower.length() - 1; k > 0; k--) {
            char c = lower.charAt(k);
            if (c == '\\' || c == '_') {
                String pkg = prefixes.get(lower.substring(0, k + 1));
                if (pkg == null) {
                    pkg = prefixes.get(lower.substring(0, k));
                }
                if (pkg != null) {
                    return pkg;
                }
            }
        }
        return null;
    }

    /** A package's autoload section, with directories normalized to end in '/' (or be empty: the package root). */
    static final class Rules {
        final List<String[]> psr4 = new ArrayList<>();
        final List<String[]> psr0 = new ArrayList<>();
        final List<String> classmap = new ArrayList<>();
        final List<String> files = new ArrayList<>();

        Rules(JsonNode autoload) {
            prefixRules(autoload.path("psr-4"), psr4);
            prefixRules(autoload.path("psr-0"), psr0);
            for (JsonNode path : autoload.path("classmap")) {
                classmap.add(normalize(path.asText()));
            }
            for (JsonNode path : autoload.path("files")) {
                files.add(normalize(path.asText()));
            }
        }

        private static void prefixRules(JsonNode section, List<String[]> into) {
            section.fields().forEachRemaining(e -> {
                String prefix = e.getKey().startsWith("\\") ? e.getKey().substring(1) : e.getKey();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(dir -> into.add(new String[] {prefix, directory(dir.asText())}));
                } else {
                    into.add(new String[] {prefix, directory(e.getValue().asText())});
                }
            });
        }

        private static String normalize(String path) {
            String p = path.replace('\\', '/');
            while (p.startsWith("./")) {
                p = p.substring(2);
            }
            while (p.startsWith("/")) {
                p = p.substring(1);
            }
            return p.equals(".") ? "" : p;
        }

        private static String directory(String dir) {
            String d = normalize(dir);
            return d.isEmpty() || d.endsWith("/") ? d : d + "/";
        }

        /** Whether Composer's autoloader would load the class from this file. */
        boolean loads(String className, String path) {
            for (String entry : classmap) {
                if (entry.isEmpty() || path.equals(entry) || path.startsWith(entry.endsWith("/") ? entry : entry + "/")) {
                    return true;
                }
            }
            if (files.contains(path)) {
                return true;
            }
            String lower = className.toLowerCase(Locale.ROOT);
            for (String[] rule : psr4) {
                if (lower.startsWith(rule[0].toLowerCase(Locale.ROOT))
                        && path.equals(rule[1] + className.substring(rule[0].length()).replace('\\', '/') + ".php")) {
                    return true;
                }
            }
            for (String[] rule : psr0) {
                if (lower.startsWith(rule[0].toLowerCase(Locale.ROOT)) && path.equals(rule[1] + psr0Path(className))) {
                    return true;
                }
            }
            return false;
        }

        private static String psr0Path(String className) {
            int ns = className.lastIndexOf('\\');
            String namespacePath = ns < 0 ? "" : className.substring(0, ns + 1).replace('\\', '/');
            return namespacePath + className.substring(ns + 1).replace('_', '/') + ".php";
        }
    }

    /** At most a few of the names, for reports. */
    public static TreeSet<String> examples(java.util.SortedSet<String> names) {
        TreeSet<String> few = new TreeSet<>();
        for (String n : names) {
            if (few.size() == EXAMPLES) {
                break;
            }
            few.add(n);
        }
        return few;
    }

    /** Adds each name {@code refs} uses to the package that provides it; namespaced class names no package provides go to {@code unresolved}. */
    public void attribute(PhpReferences refs, Map<String, TreeSet<String>> needs, java.util.Set<String> unresolved) {
        for (String c : refs.classes) {
            String pkg = packageOfClass(c);
            if (pkg != null) {
                needs.computeIfAbsent(pkg, k -> new TreeSet<>()).add(c);
            } else if (c.indexOf('\\') > 0) {
                unresolved.add(c);
            }
        }
        for (String f : refs.functions) {
            add(needs, packageOfFunction(f), f + "()");
        }
        for (String f : refs.fallbackFunctions) {
            add(needs, packageOfFallbackFunction(f), f + "()");
        }
        for (String c : refs.constants) {
            add(needs, packageOfConstant(c), c);
        }
        for (String reference : refs.modules) {
            String module = MagentoModules.moduleOf(reference);
            String pkg = packageOfModule(module);
            if (pkg != null) {
                needs.computeIfAbsent(pkg, k -> new TreeSet<>()).add(reference);
            } else {
                unresolved.add(module);
            }
        }
    }

    private static void add(Map<String, TreeSet<String>> needs, String pkg, String example) {
        if (pkg != null) {
            needs.computeIfAbsent(pkg, k -> new TreeSet<>()).add(example);
        }
    }
}
