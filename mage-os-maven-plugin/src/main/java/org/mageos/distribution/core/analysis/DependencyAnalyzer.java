package org.mageos.distribution.core.analysis;

import org.mageos.distribution.core.php.ScannedPackage;
import org.mageos.distribution.core.config.ThirdPartyNamespace;
import org.mageos.distribution.core.php.AutoloadIndex;
import org.mageos.distribution.core.php.PhpReferences;
import org.mageos.distribution.core.php.CodeFiles;
import org.mageos.distribution.core.php.InstalledPackages;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.packaging.PackageManifest;
import org.mageos.distribution.core.packaging.PackagedVersion;
import org.mageos.distribution.core.version.VersionComparator;

/**
 * Compares what each package's code uses with what its composer.json requires, from the built repository (the
 * build manifest and the zips), without PHP. The newest version of every package is analyzed; metapackages
 * have no code and are left out.
 */
public final class DependencyAnalyzer {

    /** Requirements that are no package of a repository: PHP itself, extensions, system libraries, Composer. */
    private static final Set<String> TOOLS = Set.of("php", "php-64bit", "php-ipv6", "php-zts", "php-debug", "hhvm",
            "composer", "composer-plugin-api", "composer-runtime-api");
    /** Package types required for what they do when installed, not for classes. */
    private static final Set<String> NOT_CODE = Set.of("metapackage", "composer-plugin", "composer-installer");

    private final DistributionLog log;
    private final int threads;

    public DependencyAnalyzer(DistributionLog log, int threads) {
        this.log = log;
        this.threads = Math.max(1, threads);
    }

    public DependencyReport analyze(PackageManifest manifest, Path repositoryDir, List<ThirdPartyNamespace> namespaces) {
        DependencyOptions options = new DependencyOptions();
        options.namespaces = namespaces;
        return analyze(manifest, repositoryDir, options);
    }

    public DependencyReport analyze(PackageManifest manifest, Path repositoryDir, DependencyOptions options) {
        List<ThirdPartyNamespace> namespaces = options.namespaces;
        ThirdPartyNamespace.validate(namespaces);
        List<ScannedPackage> outside = new ArrayList<>();
        for (Path classMap : options.classMaps) {
            outside.addAll(InstalledPackages.read(classMap));
        }
        DependencyReport report = new DependencyReport();
        Collection<PackagedVersion> chosen = AnalyzedSet.choose(manifest, options.release, report);
        log.info("Analyzing " + report.analyzed);
        List<ScannedPackage> scanned = scanAll(chosen, repositoryDir);
        List<ScannedPackage> all = new ArrayList<>(scanned);
        all.addAll(outside);
        AutoloadIndex index = new AutoloadIndex(all, namespaces, options.magentoDefaults);

        Map<String, ScannedPackage> byName = new HashMap<>();
        Map<String, Set<String>> provides = new HashMap<>();
        for (ScannedPackage pkg : all) {
            byName.putIfAbsent(pkg.name, pkg);
            provides.putIfAbsent(pkg.name, providedNames(pkg));
        }
        Set<String> known = new HashSet<>(byName.keySet());
        namespaces.forEach(ns -> known.add(ns.getPackage().trim().toLowerCase(Locale.ROOT)));
        java.util.function.Predicate<String> checked = known::contains;
        java.util.function.Predicate<String> named = name -> options.magentoDefaults && AutoloadIndex.isMagentoPackage(name);

        for (ScannedPackage pkg : scanned) {
            if (pkg.type().equals("metapackage")) {
                continue;
            }
            report.packages.add(analyze(pkg, index, byName, provides, checked, named));
        }
        return report;
    }

    private List<ScannedPackage> scanAll(Collection<PackagedVersion> versions, Path repositoryDir) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ScannedPackage>> futures = new ArrayList<>();
            for (PackagedVersion v : versions) {
                futures.add(pool.submit(() -> scan(v, repositoryDir)));
            }
            List<ScannedPackage> result = new ArrayList<>();
            for (Future<ScannedPackage> f : futures) {
                result.add(f.get());
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DistributionException("Interrupted while scanning the packages' code");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DistributionException) {
                throw (DistributionException) e.getCause();
            }
            throw new DistributionException("Cannot scan the packages' code: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reads one package's zip: its PHP code and templates, XML, JavaScript, HTML and LESS ({@link CodeFiles}). */
    static ScannedPackage scan(PackagedVersion v, Path repositoryDir) {
        ScannedPackage pkg = new ScannedPackage(v.name, v.version, v.composerJson);
        if (v.distPath == null) {
            return pkg;
        }
        Path zip = repositoryDir.resolve(v.distPath);
        if (!java.nio.file.Files.isRegularFile(zip)) {
            // kept as the deploy target serves it: its zip is there, not in the output repository
            pkg.problems.add(v.distPath + ": not in " + repositoryDir + ", the code of this version was not analyzed");
            pkg.codeAbsent = true;
            return pkg;
        }
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String path = entry.getName();
                pkg.paths.add(path);
                CodeFiles.Kind kind = CodeFiles.kind(path);
                if (kind != null) {
                    byte[] bytes;
                    try (InputStream in = file.getInputStream(entry)) {
                        long size = entry.getSize();
                        bytes = size >= 0 && size < Integer.MAX_VALUE ? in.readNBytes((int) size) : in.readAllBytes();
                    }
                    pkg.add(path, CodeFiles.scan(kind, bytes));
                }
            }
        } catch (IOException e) {
            throw new DistributionException("Cannot read " + zip + " (" + v.name + " " + v.version + "): " + e.getMessage(), e);
        }
        return pkg;
    }

    private static Set<String> providedNames(ScannedPackage pkg) {
        Set<String> names = new HashSet<>();
        names.add(pkg.name);
        pkg.composerJson.path("replace").fieldNames().forEachRemaining(n -> names.add(n.toLowerCase(Locale.ROOT)));
        pkg.composerJson.path("provide").fieldNames().forEachRemaining(n -> names.add(n.toLowerCase(Locale.ROOT)));
        return names;
    }

    private PackageDependencies analyze(ScannedPackage pkg, AutoloadIndex index, Map<String, ScannedPackage> byName,
                                        Map<String, Set<String>> provides, java.util.function.Predicate<String> known,
                                        java.util.function.Predicate<String> named) {
        PackageDependencies result = new PackageDependencies();
        result.name = pkg.name;
        result.version = pkg.version;
        result.files = pkg.filesScanned;
        result.problems.addAll(pkg.problems);
        Set<String> self = provides.get(pkg.name);
        if (pkg.codeAbsent) {
            return result;
        }

        Map<String, TreeSet<String>> needs = new TreeMap<>();
        Map<String, TreeSet<String>> testNeeds = new TreeMap<>();
        index.attribute(pkg.uses, needs, result.unresolved);
        index.attribute(pkg.testUses, testNeeds, result.unresolvedInTests);
        result.unresolvedInTests.removeAll(result.unresolved);
        needs.keySet().removeAll(self);
        testNeeds.keySet().removeAll(self);

        List<String> require = names(pkg.composerJson.path("require"));
        List<String> requireDev = names(pkg.composerJson.path("require-dev"));
        List<String> suggest = names(pkg.composerJson.path("suggest"));
        List<String> both = new ArrayList<>(require);
        both.addAll(requireDev);
        for (String need : needs.keySet()) {
            if (!satisfied(need, require, provides)) {
                (satisfied(need, suggest, provides) ? result.optional : result.missing).add(need);
            }
        }
        for (String need : testNeeds.keySet()) {
            if (!needs.containsKey(need) && !satisfied(need, both, provides)) {
                (satisfied(need, suggest, provides) ? result.optional : result.missingInTests).add(need);
            }
        }
        Set<String> used = new HashSet<>(needs.keySet());
        used.addAll(testNeeds.keySet());
        for (String requirement : require) {
            if (isTool(requirement)) {
                continue;
            }
            if (!known.test(requirement)) {
                // a magento2 package known by its name only is used when its namespace or module is; its code was not
                // read (its DI preferences, observers, tables), so that nothing uses it says nothing
                if (named.test(requirement) && used.contains(requirement)) {
                    result.checked++;
                } else {
                    result.unchecked.add(requirement); // nothing tells what an unknown third-party package holds
                }
                continue;
            }
            result.checked++;
            ScannedPackage required = byName.get(requirement);
            if (required != null && NOT_CODE.contains(required.type())) {
                continue;
            }
            Set<String> provided = provides.getOrDefault(requirement, Set.of(requirement));
            if (used.stream().noneMatch(provided::contains)) {
                result.unused.add(requirement);
            }
        }
        needs.forEach((name, examples) -> result.uses.put(name, AutoloadIndex.examples(examples)));
        testNeeds.forEach((name, examples) -> result.testUses.put(name, AutoloadIndex.examples(examples)));
        return result;
    }

    private static boolean satisfied(String needed, List<String> requirements, Map<String, Set<String>> provides) {
        for (String r : requirements) {
            if (r.equals(needed) || provides.getOrDefault(r, Set.of()).contains(needed)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> names(JsonNode section) {
        List<String> names = new ArrayList<>();
        section.fieldNames().forEachRemaining(n -> names.add(n.toLowerCase(Locale.ROOT)));
        return names;
    }

    private static boolean isTool(String requirement) {
        return TOOLS.contains(requirement) || requirement.startsWith("ext-") || requirement.startsWith("lib-");
    }

    /** Logs the set analyzed, the table, each finding with the names that lead to it, unresolved names and unreadable files. */
    public void print(DependencyReport report) {
        log.info("Analyzed " + report.analyzed);
        report.table().forEach(log::info);
        for (PackageDependencies p : report.packages) {
            for (String missing : p.missing) {
                log.warn(p.name + " " + p.version + " uses " + String.join(", ", p.uses.get(missing)) + " of " + missing
                        + ", which its composer.json does not require");
            }
            for (String missing : p.missingInTests) {
                log.debug(p.name + " " + p.version + ": its tests use " + String.join(", ", p.testUses.get(missing)) + " of " + missing
                        + ", which neither require nor require-dev names");
            }
            for (String problem : p.problems) {
                log.warn(p.name + " " + p.version + ", " + problem + " (what could be read was analyzed)");
            }
            if (!p.unresolved.isEmpty()) {
                log.info(p.name + " " + p.version + ": no package provides " + p.unresolved.size() + " name(s) its code uses, such as "
                        + String.join(", ", AutoloadIndex.examples(p.unresolved)) + " (add a <classMap> or a <namespace>)");
            }
            if (!p.unresolvedInTests.isEmpty()) {
                log.debug(p.name + " " + p.version + ": no package provides, in tests, " + String.join(", ", p.unresolvedInTests));
            }
        }
    }
}
