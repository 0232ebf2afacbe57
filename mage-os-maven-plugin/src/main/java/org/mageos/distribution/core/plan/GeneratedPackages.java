package org.mageos.distribution.core.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.mageos.distribution.core.io.Json;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.GeneratedPackage;
import org.mageos.distribution.core.git.TagRef;
import org.mageos.distribution.core.version.VersionParser;

/** The composer.json of a package the build makes for a release. */
final class GeneratedPackages {

    private GeneratedPackages() {
    }

    /**
     * @param content        upstream name -> package of the release
     * @param finalVersions  upstream name -> its version in the release
     * @param renamed        upstream name -> new name, for renamed vendors
     * @param repositoryUrl  where clients read the repository, for a project template
     * @param bareVersion    the version a {@code <require>} without constraint gets, by package name
     */
    static ObjectNode composerJson(GeneratedPackage g, String releaseVersion, Map<String, FoundPackage> content,
            Map<String, String> finalVersions, Map<String, String> renamed, String repositoryUrl, UnaryOperator<String> bareVersion,
            ObjectNode template) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("name", g.getName());
        if (g.getDescription() != null) {
            json.put("description", g.getDescription());
        } else if (template != null && template.has("description")) {
            json.set("description", template.get("description"));
        }
        json.put("type", g.getType());
        json.put("version", releaseVersion);
        ObjectNode require = json.putObject("require");
        if (template != null && template.get("require") instanceof ObjectNode) {
            require.setAll((ObjectNode) template.get("require"));
        }
        if (!g.isProject()) {
            Map<String, String> sorted = new TreeMap<>();
            for (FoundPackage f : content.values()) {
                if (g.sourceNames().isEmpty() || g.sourceNames().contains(f.scan.source.getName())) {
                    sorted.put(renamed.getOrDefault(f.name, f.name), finalVersions.get(f.name));
                }
            }
            sorted.forEach(require::put);
        }
        for (String r : g.getRequire()) {
            int colon = r.indexOf(':');
            if (colon < 0) {
                require.put(r.trim(), bareVersion.apply(r.trim()));
            } else {
                require.put(r.substring(0, colon).trim(), r.substring(colon + 1).trim());
            }
        }
        if (template != null) {
            // everything else Composer allows, as the project's file has it (config.allow-plugins, autoload, extra, scripts...)
            template.fields().forEachRemaining(field -> {
                if (!json.has(field.getKey()) && !field.getKey().equals("version")) {
                    json.set(field.getKey(), field.getValue().deepCopy());
                }
            });
        }
        if (g.isProject() && repositoryUrl != null) {
            json.remove("repositories");
            json.putArray("repositories").addObject().put("type", "composer").put("url", repositoryUrl);
        }
        String stability = VersionParser.parseStability(releaseVersion);
        if (g.isProject() && !"stable".equals(stability)) {
            // a nightly (alpha, dev) or pre-release template: its packages' exact versions are of that stability too,
            // and Composer only lets the root's own requirements below minimum-stability
            json.put("minimum-stability", stability);
        }
        return json;
    }

    /** {@code <composerJson>} for a release: {@code <dir>/<version>/<file name>} when it exists, else the file; null for none. */
    static ObjectNode template(GeneratedPackage g, String version, Distribution distribution) {
        if (g.getComposerJson() == null) {
            return null;
        }
        java.nio.file.Path file = distribution.getProjectDir().resolve(g.getComposerJson());
        java.nio.file.Path perRelease = file.resolveSibling(version).resolve(file.getFileName());
        java.nio.file.Path chosen = java.nio.file.Files.isRegularFile(perRelease) ? perRelease : file;
        String at = "<generatedPackages><generatedPackage name=" + g.getName() + "><composerJson>";
        try {
            return Json.parseObject(SourceScanner.readProjectFile(distribution, chosen.toString(), at));
        } catch (java.io.IOException e) {
            throw new DistributionException(at + chosen + ": malformed composer.json: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The tag or branch head of the first source of a generated package, among the packages of a release or night; null for none. */
    static TagRef headOf(java.util.Collection<FoundPackage> packages, GeneratedPackage g) {
        String first = g.sourceNames().isEmpty() ? null : g.sourceNames().get(0);
        return packages.stream().filter(f -> f.scan.source.getName().equals(first)).map(f -> f.tag).findFirst().orElse(null);
    }

    /**
     * {@code <fromRoot>}: the root composer.json of the first source at {@code tag}, as the package takes it (a
     * metapackage its {@code require} and {@code license}; a project all but {@code require}, {@code replace} and
     * {@code suggest}), with {@code template} ({@code <composerJson>}) laid over it.
     */
    static ObjectNode fromRoot(GeneratedPackage g, TagRef tag, Map<String, Repository> repositories, ObjectNode template) {
        if (!g.isFromRoot() || tag == null) {
            return template;
        }
        String source = g.sourceNames().get(0);
        String at = "<generatedPackages><generatedPackage name=" + g.getName() + "><fromRoot>: source '" + source + "', " + tag.describe();
        ObjectNode root;
        try (ObjectReader reader = repositories.get(source).newObjectReader();
                TreeWalk walk = TreeWalk.forPath(reader, "composer.json", tag.commit().getTree())) {
            if (walk == null) {
                throw new DistributionException(at + " has no composer.json at its root");
            }
            root = Json.parseObject(reader.open(walk.getObjectId(0)).getBytes());
        } catch (java.io.IOException e) {
            throw new DistributionException(at + ": cannot read its root composer.json: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        ObjectNode taken = Json.MAPPER.createObjectNode();
        root.fields().forEachRemaining(field -> {
            String key = field.getKey();
            boolean keep = g.isProject() ? !List.of("name", "version", "type", "require", "replace", "suggest").contains(key)
                    : key.equals("require") || key.equals("license");
            if (keep) {
                taken.set(key, field.getValue().deepCopy());
            }
        });
        if (template != null) {
            template.fields().forEachRemaining(field -> {
                if (field.getKey().equals("require") && taken.get("require") instanceof ObjectNode && field.getValue() instanceof ObjectNode) {
                    ((ObjectNode) taken.get("require")).setAll((ObjectNode) field.getValue().deepCopy());
                } else {
                    taken.set(field.getKey(), field.getValue().deepCopy());
                }
            });
        }
        return taken;
    }
}
