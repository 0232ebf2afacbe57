package org.mageos.distribution.core.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mageos.distribution.core.DistributionException;

/**
 * {@code -Dmage-os.sources=a,b,!c}: builds a subset of the sources. Names select sources (none: all of them); a
 * name prefixed with {@code !} leaves that source out. The releases lose the tags of a left-out source (a release
 * whose every tag is left out is left out), and a generated package whose first source is left out is left out too.
 */
public final class SourceSelection {

    public static final String PROPERTY = "mage-os.sources";

    private SourceSelection() {
    }

    /** The names the selection keeps, in the order of the POM; every name must be a declared source. */
    static Set<String> kept(List<Source> sources, String spec) {
        Set<String> declared = new LinkedHashSet<>();
        sources.forEach(s -> declared.add(s.getName()));
        Set<String> wanted = new LinkedHashSet<>();
        Set<String> unwanted = new LinkedHashSet<>();
        for (String part : spec.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            boolean out = name.startsWith("!");
            name = out ? name.substring(1).trim() : name;
            if (!declared.contains(name)) {
                throw new DistributionException(PROPERTY + "=" + spec + ": '" + name + "' is not the <name> of a <source> (declared: "
                        + String.join(", ", declared) + ")");
            }
            (out ? unwanted : wanted).add(name);
        }
        Set<String> kept = new LinkedHashSet<>(wanted.isEmpty() ? declared : wanted);
        kept.removeAll(unwanted);
        if (kept.isEmpty()) {
            throw new DistributionException(PROPERTY + "=" + spec + " leaves no source to build");
        }
        return kept;
    }

    /** The distribution restricted to the selected sources; {@code spec} null or blank keeps it as it is. */
    public static Distribution apply(Distribution d, String spec) {
        if (spec == null || spec.trim().isEmpty()) {
            return d;
        }
        Set<String> kept = kept(d.getSources(), spec);
        List<Source> sources = new ArrayList<>();
        d.getSources().stream().filter(s -> kept.contains(s.getName())).forEach(sources::add);
        List<Release> releases = new ArrayList<>();
        for (Release r : d.getReleases()) {
            if (r.getTags().isEmpty()) {
                releases.add(r);
                continue;
            }
            List<Release.ReleaseTag> tags = new ArrayList<>();
            r.getTags().stream().filter(t -> kept.contains(t.getSource())).forEach(tags::add);
            if (!tags.isEmpty()) {
                releases.add(r.withTags(tags));
            }
        }
        List<GeneratedPackage> generated = new ArrayList<>();
        for (GeneratedPackage g : d.getGeneratedPackages()) {
            List<String> names = g.sourceNames();
            if (names.isEmpty()) {
                generated.add(g);
            } else if (kept.contains(names.get(0))) {
                generated.add(g.withSources(String.join(", ", names.stream().filter(kept::contains).toList())));
            }
        }
        return d.setSources(sources).setReleases(releases).setGeneratedPackages(generated);
    }
}
