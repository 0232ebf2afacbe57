package org.mageos.distribution.core.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.composer.ComposerJsonEdits;
import org.mageos.distribution.core.config.ComposerPatch;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.config.GeneratedPackage;
import org.mageos.distribution.core.config.Release;
import org.mageos.distribution.core.git.TagRef;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.php.CodeRequirements;
import org.mageos.distribution.core.version.Constraint;
import org.mageos.distribution.core.version.InvalidVersionException;
import org.mageos.distribution.core.version.VersionParser;

/**
 * Plans one release: the package versions of its tags (the first source listed wins a name), with the release's
 * version overrides, patches and file replacements, sibling requirements pinned, and its generated packages. A
 * version already planned (by an earlier release, or prebuilt) is built once: the earliest release that carries it.
 */
final class ReleasePlanner {

    private final DistributionLog log;
    private final VersionCache versions;
    private final RequireFromCode requireFromCode;
    /** Constraints of require links parsed so far: the same ones come back at every release. */
    private final Map<String, Constraint> constraints = new HashMap<>();

    ReleasePlanner(DistributionLog log, VersionCache versions, RequireFromCode requireFromCode) {
        this.log = log;
        this.versions = versions;
        this.requireFromCode = requireFromCode;
    }

    void plan(ReleasePlan release, Distribution distribution, Map<String, String> renamed, Map<String, SourceScan> scans,
            Map<String, PlannedVersion> byKey, PackagePlanner.LatestReleases latest) {
        Release config = release.config;
        // upstream name -> the package in this release, the first source listed wins
        Map<String, FoundPackage> content = new LinkedHashMap<>();
        Map<String, String> finalVersions = new LinkedHashMap<>();
        Map<String, String> exact = new TreeMap<>();
        Set<String> overridden = new HashSet<>();
        Instant newest = null;
        for (Map.Entry<String, TagRef> e : release.tags.entrySet()) {
            TagRef tag = e.getValue();
            newest = newest == null || tag.time().isAfter(newest) ? tag.time() : newest;
            for (FoundPackage f : scans.get(e.getKey()).byTag.get(tag)) {
                if (!FoundPackage.addFirst(content, f, "release " + release.version, log)) {
                    continue;
                }
                String version = config == null ? f.version : ReleasePlan.versionOverride(config, f.name, f.version);
                finalVersions.put(f.name, version);
                latest.upstream.put(f.name, f.version);
                latest.published.put(f.name, version);
                exact.put(renamed.getOrDefault(f.name, f.name), version);
                if (!version.equals(f.version)) {
                    overridden.add(renamed.getOrDefault(f.name, f.name));
                }
            }
        }
        List<GeneratedPackage> generated = new ArrayList<>();
        for (GeneratedPackage g : distribution.getGeneratedPackages()) {
            if (g.sourceNames().isEmpty() || release.tags.containsKey(g.sourceNames().get(0))) {
                generated.add(g);
                exact.put(g.getName(), release.version);
                latest.generated.put(g.getName(), release.version);
            }
        }
        RequireFromCode.Siblings siblings = requireFromCode.new Siblings(content.values(), renamed, finalVersions::get, distribution);
        for (FoundPackage f : content.values()) {
            String version = finalVersions.get(f.name);
            String name = renamed.getOrDefault(f.name, f.name);
            String normalized = versions.normalize(() -> "release " + release.version + ", " + f.origin(), version);
            PlannedVersion existing = byKey.get(PackagePlanner.key(name, normalized));
            if (existing != null) {
                f.scan.reused++;
                warnStalePins(release.version, existing, exact);
                continue;
            }
            List<ComposerJsonEdits.Edit> patches = new ArrayList<>();
            Map<String, byte[]> files = new TreeMap<>();
            if (config != null) {
                for (ComposerPatch p : config.getPatches()) {
                    if (p.getPackage().equals(f.name) || p.getPackage().equals(name)) {
                        patches.add(p.edit());
                    }
                }
                for (Release.FileReplacement r : config.getFiles()) {
                    if (r.getPackage().equals(f.name) || r.getPackage().equals(name)) {
                        files.put(r.getPath(), SourceScanner.readProjectFile(distribution, r.getFrom(), "<releases><release version=" + release.version
                                + "><files><file package=" + r.getPackage() + "><from>"));
                    }
                }
            }
            ObjectNode json = renamed.isEmpty() ? f.json : ComposerJsonEdits.rename(f.json, renamed, f.version);
            if (f.requireFromCode) {
                json = requireFromCode.apply(f, json, files, siblings, "release " + release.version);
            }
            json = ComposerJsonEdits.pin(json, exact, overridden);
            json = ComposerJsonEdits.patch(json, patches);
            if (f.requireFromCode) {
                json = CodeRequirements.sorted(json);
            }
            if (!f.carriesVersion || !version.equals(f.version)) {
                json = ComposerJsonEdits.withVersion(json, version);
            }
            byte[] bytes = json.equals(f.json) ? f.bytes : Json.pretty(json);
            // the parse is shared by every tag with this composer.json blob: each planned version owns a copy
            PlannedVersion planned = new PlannedVersion(f.scan.source, f.tag, f.folder, f.tree, name, version, normalized, json, bytes)
                    .inRelease(release.version).withContent(f.excludes, f.emptyFolders, files).withOwnComposerJson();
            byKey.put(PackagePlanner.key(name, normalized), planned);
            f.scan.versions++;
        }
        for (GeneratedPackage g : generated) {
            String normalized = VersionParser.normalize(release.version);
            if (byKey.containsKey(PackagePlanner.key(g.getName(), normalized))) {
                continue;
            }
            ObjectNode json = GeneratedPackages.composerJson(g, release.version, content, finalVersions, renamed, distribution.getRepositoryUrl(),
                    bare -> release.version);
            byKey.put(PackagePlanner.key(g.getName(), normalized), new PlannedVersion(null, null, "", null, g.getName(), release.version, normalized, json,
                    Json.pretty(json)).inRelease(release.version).at(newest));
        }
    }

    /**
     * A version built for an earlier release keeps that release's pins; when they exclude what this release
     * builds, the release cannot be installed as a whole: say so, and how to fix it.
     */
    private void warnStalePins(String release, PlannedVersion existing, Map<String, String> exact) {
        existing.composerJson().path("require").fields().forEachRemaining(link -> {
            String version = exact.get(link.getKey().toLowerCase(java.util.Locale.ROOT));
            if (version == null || !link.getValue().isTextual()) {
                return;
            }
            try {
                Constraint constraint = constraints.get(link.getValue().asText());
                if (constraint == null) {
                    constraint = VersionParser.parseConstraints(link.getValue().asText());
                    constraints.put(link.getValue().asText(), constraint);
                }
                if (!constraint.matches(versions.normalized(version))) {
                    log.warn("release " + release + ": " + existing.name() + " " + existing.version() + " (built for release " + existing.release()
                            + ") requires " + link.getKey() + " " + link.getValue().asText() + ", but this release has " + version
                            + "; give it a version of its own for this release (<versionOverrides>)");
                }
            } catch (InvalidVersionException e) {
                // not a constraint we can judge; Composer will tell
            }
        });
    }
}
