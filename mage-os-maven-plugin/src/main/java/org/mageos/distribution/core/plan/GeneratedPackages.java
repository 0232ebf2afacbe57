package org.mageos.distribution.core.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.config.GeneratedPackage;
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
            Map<String, String> finalVersions, Map<String, String> renamed, String repositoryUrl, UnaryOperator<String> bareVersion) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("name", g.getName());
        if (g.getDescription() != null) {
            json.put("description", g.getDescription());
        }
        json.put("type", g.getType());
        json.put("version", releaseVersion);
        ObjectNode require = json.putObject("require");
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
        if (g.isProject() && repositoryUrl != null) {
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
}
