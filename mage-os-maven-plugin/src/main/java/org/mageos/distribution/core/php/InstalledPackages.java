package org.mageos.distribution.core.php;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.io.Json;

/**
 * A class map of packages outside the distribution ({@code <classMaps>}): which package provides which classes,
 * read from what Composer wrote when it installed them, or from their composer.json files.
 * <ul>
 * <li>a {@code vendor/} folder (or a project folder holding one): {@code vendor/composer/installed.json}, each
 * package's autoload rules; the files of its {@code classmap} and {@code files} rules are read from its install
 * path for the classes and functions they declare;</li>
 * <li>an {@code installed.json} or a {@code composer.lock}: every package listed, by its psr-4 and psr-0 rules;</li>
 * <li>a {@code composer.json}: that one package, by its psr-4 and psr-0 rules.</li>
 * </ul>
 */
public final class InstalledPackages {

    private InstalledPackages() {
    }

    /** The packages of one class map; errors name the path and what is wrong with it. */
    public static List<ScannedPackage> read(Path location) {
        try {
            if (Files.isDirectory(location)) {
                Path vendor = Files.isRegularFile(location.resolve("composer/installed.json")) ? location : location.resolve("vendor");
                Path installed = vendor.resolve("composer/installed.json");
                if (!Files.isRegularFile(installed)) {
                    throw new DistributionException("<classMaps><classMap>" + location + "</classMap> is a folder without composer/installed.json"
                            + " or vendor/composer/installed.json: give a vendor folder Composer installed, a composer.lock or a composer.json");
                }
                return packages(installed, vendor.resolve("composer"));
            }
            if (!Files.isRegularFile(location)) {
                throw new DistributionException("<classMaps><classMap>" + location + "</classMap> does not exist");
            }
            JsonNode json = Json.MAPPER.readTree(location.toFile());
            if (json != null && json.isObject() && json.has("name") && !json.has("packages")) {
                List<ScannedPackage> one = new ArrayList<>();
                one.add(new ScannedPackage(json.path("name").asText().toLowerCase(Locale.ROOT), json.path("version").asText(null), (ObjectNode) json));
                return one;
            }
            return packages(location, null);
        } catch (IOException e) {
            throw new DistributionException("<classMaps><classMap>" + location + "</classMap> cannot be read: " + e.getMessage(), e);
        }
    }

    /** installed.json (Composer 2: {"packages": [...]}, Composer 1: [...]) or composer.lock ("packages", "packages-dev"). */
    private static List<ScannedPackage> packages(Path file, Path composerDir) throws IOException {
        JsonNode json = Json.MAPPER.readTree(file.toFile());
        List<JsonNode> entries = new ArrayList<>();
        if (json != null && json.isArray()) {
            json.forEach(entries::add);
        } else if (json != null && json.isObject() && (json.path("packages").isArray() || json.path("packages-dev").isArray())) {
            json.path("packages").forEach(entries::add);
            json.path("packages-dev").forEach(entries::add);
        } else {
            throw new DistributionException("<classMaps><classMap>" + file + "</classMap> lists no packages: give a vendor folder"
                    + " Composer installed, its composer/installed.json, a composer.lock or a composer.json");
        }
        List<ScannedPackage> packages = new ArrayList<>();
        for (JsonNode entry : entries) {
            if (!entry.isObject() || !entry.path("name").isTextual()) {
                continue;
            }
            String name = entry.path("name").asText().toLowerCase(Locale.ROOT);
            ScannedPackage pkg = new ScannedPackage(name, entry.path("version").asText(null), (ObjectNode) entry);
            if (composerDir != null) {
                Path root = entry.path("install-path").isTextual() ? composerDir.resolve(entry.path("install-path").asText())
                        : composerDir.resolveSibling(name);
                declarations(pkg, root.normalize());
            }
            packages.add(pkg);
        }
        return packages;
    }

    /** What the PHP files of the package's classmap and files rules declare. */
    private static void declarations(ScannedPackage pkg, Path root) throws IOException {
        AutoloadIndex.Rules rules = new AutoloadIndex.Rules(pkg.composerJson.path("autoload"));
        List<String> paths = new ArrayList<>(rules.classmap);
        paths.addAll(rules.files);
        for (String path : paths) {
            Path start = path.isEmpty() ? root : root.resolve(path);
            if (Files.isRegularFile(start)) {
                add(pkg, root, start);
            } else if (Files.isDirectory(start)) {
                try (Stream<Path> walk = Files.walk(start)) {
                    for (Path php : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".php") && Files.isRegularFile(p))::iterator) {
                        add(pkg, root, php);
                    }
                }
            }
        }
    }

    private static void add(ScannedPackage pkg, Path root, Path file) throws IOException {
        PhpReferences refs = PhpSourceScanner.scan(Files.readAllBytes(file));
        String relative = root.relativize(file).toString().replace('\\', '/');
        if (!refs.declaredClasses.isEmpty() || !refs.declaredFunctions.isEmpty()) {
            pkg.declarations.put(relative, refs);
        }
    }
}
