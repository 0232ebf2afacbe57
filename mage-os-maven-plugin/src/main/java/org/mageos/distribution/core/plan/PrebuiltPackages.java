package org.mageos.distribution.core.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.composer.LinkSections;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.composer.PackageName;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.version.InvalidVersionException;
import org.mageos.distribution.core.version.VersionParser;

/** Zips of the distribution project published as they are; their composer.json (at the root or in the one top folder) names them. */
final class PrebuiltPackages {

    private PrebuiltPackages() {
    }

    static List<PlannedVersion> read(Distribution distribution) {
        List<PlannedVersion> versions = new ArrayList<>();
        for (String file : zips(distribution)) {
            Path zip = distribution.getProjectDir().resolve(file).toAbsolutePath().normalize();
            String where = "<prebuiltPackages><prebuiltPackage>" + file;
            ObjectNode json;
            byte[] bytes;
            try (ZipFile z = new ZipFile(zip.toFile())) {
                ZipEntry entry = composerJson(z);
                if (entry == null) {
                    throw new DistributionException(where + ": the zip has no composer.json at its root or in its one top folder");
                }
                bytes = z.getInputStream(entry).readAllBytes();
                json = Json.parseObject(bytes);
            } catch (IOException e) {
                throw new DistributionException(where + ": cannot read the zip's composer.json: " + e.getMessage(), e);
            }
            String name = json.path("name").asText(null);
            String version = json.path("version").asText(null);
            if (!PackageName.isValid(name) || version == null) {
                throw new DistributionException(where + ": its composer.json needs a \"name\" and a \"version\"");
            }
            String links = LinkSections.problem(json);
            if (links != null) {
                throw new DistributionException(where + ": its composer.json: " + links);
            }
            String normalized;
            try {
                normalized = VersionParser.normalize(version);
            } catch (InvalidVersionException e) {
                throw new DistributionException(where + ": \"version\": \"" + version + "\" is not a Composer version");
            }
            versions.add(new PlannedVersion(null, null, "", null, name, version, normalized, json, bytes).prebuilt(zip));
        }
        return versions;
    }

    private static ZipEntry composerJson(ZipFile z) {
        ZipEntry root = z.getEntry("composer.json");
        if (root != null) {
            return root;
        }
        String top = null;
        for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements();) {
            String name = e.nextElement().getName();
            String first = name.contains("/") ? name.substring(0, name.indexOf('/')) : null;
            if (first == null || (top != null && !top.equals(first))) {
                return null;
            }
            top = first;
        }
        return top == null ? null : z.getEntry(top + "/composer.json");
    }

    /** The configured zips; a folder stands for every {@code *.zip} in it, in name order (none when it is empty). */
    static List<String> zips(Distribution distribution) {
        List<String> zips = new ArrayList<>();
        for (String entry : distribution.getPrebuiltPackages()) {
            Path path = distribution.getProjectDir().resolve(entry);
            if (!java.nio.file.Files.isDirectory(path)) {
                zips.add(entry);
                continue;
            }
            try (java.util.stream.Stream<Path> list = java.nio.file.Files.list(path)) {
                list.filter(p -> p.getFileName().toString().endsWith(".zip") && java.nio.file.Files.isRegularFile(p)).map(Path::toString).sorted()
                        .forEach(zips::add);
            } catch (IOException e) {
                throw new DistributionException("<prebuiltPackages><prebuiltPackage>" + entry + ": cannot list the folder: " + e.getMessage(), e);
            }
        }
        return zips;
    }
}
