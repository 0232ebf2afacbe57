package org.mageos.distribution.core.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.packaging.PackageManifest;
import org.mageos.distribution.core.packaging.PackagedVersion;
import org.mageos.distribution.core.version.VersionComparator;
import org.mageos.distribution.core.version.VersionParser;

/**
 * The package versions an analysis reads: those of the newest tag of each source (by default), or those of one
 * release; a build of branches only (no tag) is analyzed at the newest version of each package.
 */
final class AnalyzedSet {

    private AnalyzedSet() {
    }

    /** The chosen versions; {@code report.analyzed} says which set they are. */
    static List<PackagedVersion> choose(PackageManifest manifest, String release, DependencyReport report) {
        Map<String, PackagedVersion> byKey = new HashMap<>();
        for (PackagedVersion v : manifest.versions) {
            byKey.put(v.name + "@" + v.versionNormalized, v);
        }
        List<PackageManifest.TagContent> tags = new ArrayList<>();
        if (release != null) {
            String normalized = normalize(release);
            for (PackageManifest.TagContent t : manifest.releases) {
                if (t.release.equals(release) || normalize(t.release).equals(normalized)) {
                    tags.add(t);
                }
            }
            if (tags.isEmpty()) {
                TreeSet<String> known = new TreeSet<>();
                manifest.releases.forEach(t -> known.add(t.release));
                throw new DistributionException("<analyzeRelease>" + release + "</analyzeRelease>: the build has no such release (it has "
                        + (known.isEmpty() ? "none: only branches were built" : String.join(", ", known)) + ")");
            }
            report.analyzed = "release " + release;
        } else {
            manifest.releases.stream().filter(t -> t.newestTag).forEach(tags::add);
            if (tags.isEmpty()) {
                Map<String, PackagedVersion> newest = new TreeMap<>();
                for (PackagedVersion v : manifest.versions) {
                    newest.merge(v.name, v, (a, b) -> VersionComparator.ASCENDING.compare(a.versionNormalized, b.versionNormalized) >= 0 ? a : b);
                }
                report.analyzed = "the newest version of each package (the build has no tags)";
                return new ArrayList<>(newest.values());
            }
            List<String> names = new ArrayList<>();
            tags.forEach(t -> names.add(t.source + " " + t.tag));
            report.analyzed = "the newest tag of each source: " + String.join(", ", names);
        }
        Map<String, PackagedVersion> chosen = new LinkedHashMap<>();
        for (PackageManifest.TagContent t : tags) {
            t.packages.forEach((name, normalized) -> {
                PackagedVersion v = byKey.get(name + "@" + normalized);
                if (v != null) {
                    chosen.putIfAbsent(name, v); // the first source listed wins, as in the release
                }
            });
        }
        return new ArrayList<>(new TreeMap<>(chosen).values());
    }

    private static String normalize(String version) {
        try {
            return VersionParser.normalize(version);
        } catch (RuntimeException e) {
            return version;
        }
    }
}
