package org.mageos.distribution.core.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.NameGlob;
import org.mageos.distribution.core.config.Release;
import org.mageos.distribution.core.git.TagRef;
import org.mageos.distribution.core.version.VersionComparator;
import org.mageos.distribution.core.version.VersionParser;

/** One release as the planner builds it: its version, the tag of each source in it, and its configuration (null for a tag of its own). */
final class ReleasePlan {

    final String version;
    final String normalized;
    /** Source name -> tag, in the order of the sources. */
    final Map<String, TagRef> tags;
    final Release config;

    private ReleasePlan(String version, Map<String, TagRef> tags, Release config) {
        this.version = version;
        this.normalized = VersionParser.normalize(version);
        this.tags = tags;
        this.config = config;
    }

    /**
     * The declared releases, then every selected tag no release claims as a release of its own; in ascending
     * version order (the earliest release that carries a package version builds it).
     */
    static List<ReleasePlan> of(List<Release> declared, Map<String, SourceScan> scans) {
        List<ReleasePlan> releases = new ArrayList<>();
        Map<String, String> claimedBy = new HashMap<>();
        for (Release r : declared) {
            String at = "<releases><release version=" + r.getVersion() + ">";
            Map<String, TagRef> tags = new LinkedHashMap<>();
            if (r.getTags().isEmpty()) {
                String normalized = VersionParser.normalize(r.getVersion());
                for (SourceScan scan : scans.values()) {
                    for (TagRef tag : scan.tags) {
                        if (VersionParser.normalize(tag.name()).equals(normalized)) {
                            tags.put(scan.source.getName(), tag);
                        }
                    }
                }
                if (tags.isEmpty()) {
                    throw new DistributionException(at + " has no <tags> and no source has a selected tag " + r.getVersion());
                }
            } else {
                for (Release.ReleaseTag t : r.getTags()) {
                    SourceScan scan = scans.get(t.getSource());
                    TagRef tag = scan.tags.stream().filter(x -> x.name().equals(t.getName())).findFirst().orElseThrow(
                            () -> new DistributionException(at + "<tags><tag source=" + t.getSource() + " name=" + t.getName()
                                    + ">: source '" + t.getSource() + "' has no such tag among its selected tags (see its <tags>,"
                                    + " <includeTags>, <excludeTags>)"));
                    tags.put(t.getSource(), tag);
                }
            }
            for (Map.Entry<String, TagRef> e : tags.entrySet()) {
                String previous = claimedBy.put(e.getKey() + "@" + e.getValue().name(), r.getVersion());
                if (previous != null) {
                    throw new DistributionException(at + ": tag '" + e.getValue().name() + "' of source '" + e.getKey()
                            + "' already belongs to release " + previous);
                }
            }
            releases.add(new ReleasePlan(r.getVersion(), tags, r));
        }
        for (SourceScan scan : scans.values()) {
            for (TagRef tag : scan.tags) {
                if (!claimedBy.containsKey(scan.source.getName() + "@" + tag.name())) {
                    Map<String, TagRef> tags = new LinkedHashMap<>();
                    tags.put(scan.source.getName(), tag);
                    releases.add(new ReleasePlan(tag.name(), tags, null));
                }
            }
        }
        releases.sort((a, b) -> VersionComparator.ASCENDING.compare(a.normalized, b.normalized));
        return releases;
    }

    /** The version a release gives a package: the last matching override, else its own. */
    static String versionOverride(Release release, String name, String own) {
        String version = own;
        for (Release.VersionOverride o : release.getVersionOverrides()) {
            if (NameGlob.matches(o.getPackages(), name)) {
                version = o.getVersion();
            }
        }
        return version;
    }
}
