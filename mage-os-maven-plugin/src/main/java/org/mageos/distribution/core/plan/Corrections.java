package org.mageos.distribution.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mageos.distribution.core.composer.ComposerJsonEdits;
import org.mageos.distribution.core.config.ComposerPatch;
import org.mageos.distribution.core.config.Correction;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.Release;
import org.mageos.distribution.core.version.Constraint;
import org.mageos.distribution.core.version.VersionParser;

/** {@code <corrections>}: what applies to a package at the version it is published at, whatever release builds it. */
final class Corrections {

    private final Distribution distribution;
    private final List<Correction> all;
    private final List<Constraint> constraints = new ArrayList<>();

    Corrections(Distribution distribution) {
        this.distribution = distribution;
        this.all = distribution.getCorrections();
        all.forEach(c -> constraints.add(VersionParser.parseConstraints(c.getVersion())));
    }

    private List<Correction> matching(String upstreamName, String name, String normalized) {
        List<Correction> matching = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Correction c = all.get(i);
            if ((c.getPackage().equals(upstreamName) || c.getPackage().equals(name)) && constraints.get(i).matches(normalized)) {
                matching.add(c);
            }
        }
        return matching;
    }

    /** The composer.json edits of the matching corrections, in POM order. */
    List<ComposerJsonEdits.Edit> patches(String upstreamName, String name, String normalized) {
        List<ComposerJsonEdits.Edit> patches = new ArrayList<>();
        for (Correction c : matching(upstreamName, name, normalized)) {
            for (ComposerPatch p : c.getPatches()) {
                patches.add(new ComposerJsonEdits.Edit(p.getSection(), p.getKey(), p.getValue(), "<correction package=" + c.getPackage()
                        + " version=" + c.getVersion() + "><patches><patch key=" + p.getKey() + ">"));
            }
        }
        return patches;
    }

    /** The package's excludes with those of the matching corrections after them. */
    List<String> excludes(String upstreamName, String name, String normalized, List<String> own) {
        List<Correction> matching = matching(upstreamName, name, normalized);
        if (matching.stream().allMatch(c -> c.getExcludes().isEmpty())) {
            return own;
        }
        List<String> excludes = new ArrayList<>(own);
        matching.forEach(c -> c.getExcludes().forEach(x -> excludes.add("/" + x.replaceFirst("^/", ""))));
        return excludes;
    }

    /** The replaced files of the matching corrections, read from the project, into {@code files}. */
    void addFiles(String upstreamName, String name, String normalized, Map<String, byte[]> files) {
        for (Correction c : matching(upstreamName, name, normalized)) {
            for (Release.FileReplacement f : c.getFiles()) {
                files.put(f.getPath(), SourceScanner.readProjectFile(distribution, f.getFrom(), "<corrections><correction package=" + c.getPackage()
                        + " version=" + c.getVersion() + "><files><file path=" + f.getPath() + "><from>"));
            }
        }
    }
}
