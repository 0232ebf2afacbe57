package org.mageos.distribution.core.analysis;

import org.mageos.distribution.core.php.ScannedPackage;
import org.mageos.distribution.core.config.ThirdPartyNamespace;
import org.mageos.distribution.core.php.AutoloadIndex;
import org.mageos.distribution.core.php.PhpReferences;
import org.mageos.distribution.core.php.PhpSourceScanner;
import org.mageos.distribution.core.php.XmlClassNames;
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
        ThirdPartyNamespace.validate(namespaces);
        Map<String, PackagedVersion> newest = new TreeMap<>();
        for (PackagedVersion v : manifest.versions) {
            newest.merge(v.name, v, (a, b) -> VersionComparator.ASCENDING.compare(a.versionNormalized, b.versionNormalized) >= 0 ? a : b);
        }
        List<ScannedPackage> scanned = scanAll(newest.values(), repositoryDir);
        AutoloadIndex index = new AutoloadIndex(scanned, namespaces);

        Map<String, ScannedPackage> byName = new HashMap<>();
        Map<String, Set<String>> provides = new HashMap<>();
        for (ScannedPackage pkg : scanned) {
            byName.put(pkg.name, pkg);
            provides.put(pkg.name, providedNames(pkg));
        }
        Set<String> known = new HashSet<>(byName.keySet());
        namespaces.forEach(ns -> known.add(ns.getPackage().trim().toLowerCase(Locale.ROOT)));

        DependencyReport report = new DependencyReport();
        for (ScannedPackage pkg : scanned) {
            if (pkg.type().equals("metapackage")) {
                continue;
            }
            report.packages.add(analyze(pkg, index, byName, provides, known));
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

    /** Reads one package's zip: every .php and .phtml file, and the XML below etc/ folders. */
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
                boolean php = path.endsWith(".php") || path.endsWith(".phtml");
                boolean xml = !php && path.endsWith(".xml") && (path.startsWith("etc/") || path.contains("/etc/"));
                if (php || xml) {
                    byte[] bytes;
                    try (InputStream in = file.getInputStream(entry)) {
                        long size = entry.getSize();
                        bytes = size >= 0 && size < Integer.MAX_VALUE ? in.readNBytes((int) size) : in.readAllBytes();
                    }
                    pkg.add(path, php ? PhpSourceScanner.scan(bytes) : XmlClassNames.scan(bytes));
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
                                        Map<String, Set<String>> provides, Set<String> known) {
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
        index.attribute(pkg.testUses, testNeeds, result.unresolved);
        needs.keySet().removeAll(self);
        testNeeds.keySet().removeAll(self);

        List<String> require = names(pkg.composerJson.path("require"));
        List<String> requireDev = names(pkg.composerJson.path("require-dev"));
        List<String> both = new ArrayList<>(require);
        both.addAll(requireDev);
        for (Map.Entry<String, TreeSet<String>> need : needs.entrySet()) {
            if (!satisfied(need.getKey(), require, provides)) {
                result.missing.add(need.getKey());
            }
        }
        for (Map.Entry<String, TreeSet<String>> need : testNeeds.entrySet()) {
            if (!satisfied(need.getKey(), both, provides)) {
                result.missing.add(need.getKey());
            }
        }
        Set<String> used = new HashSet<>(needs.keySet());
        used.addAll(testNeeds.keySet());
        for (String requirement : require) {
            if (isTool(requirement) || !known.contains(requirement)) {
                continue; // nothing tells what an unknown third-party package holds
            }
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
        testNeeds.forEach((name, examples) -> result.uses.merge(name, AutoloadIndex.examples(examples), (a, b) -> {
            a.addAll(b);
            return AutoloadIndex.examples(a);
        }));
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

    /** Logs the table, each missing requirement with the names that need it, and the files that could not be read. */
    public void print(DependencyReport report) {
        report.table().forEach(log::info);
        for (PackageDependencies p : report.packages) {
            for (String missing : p.missing) {
                log.warn(p.name + " " + p.version + " uses " + String.join(", ", p.uses.get(missing)) + " of " + missing
                        + ", which its composer.json does not require");
            }
            for (String problem : p.problems) {
                log.warn(p.name + " " + p.version + ", " + problem + " (what could be read was analyzed)");
            }
            if (!p.unresolved.isEmpty()) {
                log.debug(p.name + " " + p.version + ": no package provides " + String.join(", ", p.unresolved));
            }
        }
    }
}
