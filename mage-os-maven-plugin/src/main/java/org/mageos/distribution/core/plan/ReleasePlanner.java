package org.mageos.distribution.core.plan;

import org.eclipse.jgit.lib.Repository;
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
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.config.PackageRule;
import org.mageos.distribution.core.config.NameGlob;
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
    private final Quirks quirks;
    private final Corrections corrections;
    private final Map<String, Repository> repositories;
    /** What each tag of each release holds, in the order planned. */
    final List<ReleaseContent> contents = new ArrayList<>();
    /** Constraints of require links parsed so far: the same ones come back at every release. */
    private final Map<String, Constraint> constraints = new HashMap<>();

    ReleasePlanner(DistributionLog log, VersionCache versions, RequireFromCode requireFromCode, Quirks quirks, Corrections corrections,
            Map<String, Repository> repositories) {
        this.log = log;
        this.versions = versions;
        this.requireFromCode = requireFromCode;
        this.quirks = quirks;
        this.corrections = corrections;
        this.repositories = repositories;
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
                FoundPackage first = content.get(f.name);
                if (first != null && first.version.equals(f.version) && !first.tree.equals(f.tree)) {
                    throw FoundPackage.twoSources(f.name + " " + f.version, first.origin(), f.origin());
                }
                if (!FoundPackage.addFirst(content, f, "release " + release.version, log)) {
                    continue;
                }
                String version = config == null ? f.version : ReleasePlan.versionOverride(config, f.name, f.version);
                finalVersions.put(f.name, version);
                latest.upstream.put(f.name, f.version);
                latest.published.put(f.name, version);
                exact.put(renamed.getOrDefault(f.name, f.name), version);
                // a version a release names is the one requirements on the package get, even when the tag had it already
                if (!version.equals(f.version) || config != null && config.getVersionOverrides().stream()
                        .anyMatch(o -> NameGlob.matches(o.getPackages(), f.name))) {
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
        Map<String, ReleaseContent> bySource = new LinkedHashMap<>();
        release.tags.forEach((source, tag) -> {
            List<TagRef> selected = scans.get(source).tags;
            bySource.put(source, new ReleaseContent(release.version, source, tag.name(), selected.get(selected.size() - 1).equals(tag)));
        });
        contents.addAll(bySource.values());
        Map<String, String> pins = distribution.isPinRequirements() ? exact : onlyOverridden(exact, overridden);
        for (FoundPackage f : content.values()) {
            String version = finalVersions.get(f.name);
            String name = renamed.getOrDefault(f.name, f.name);
            String normalized = versions.normalize(() -> "release " + release.version + ", " + f.origin(), version);
            if (outsideTags(f, normalized)) {
                continue;
            }
            bySource.get(f.scan.source.getName()).packages.put(name, normalized);
            PlannedVersion existing = byKey.get(PackagePlanner.key(name, normalized));
            if (existing != null) {
                // a later tag of the same source keeping the version is usual (the earliest wins); another source with other files is not
                if (existing.source() != null && existing.tree() != null && existing.source() != f.scan.source && !existing.tree().equals(f.tree)) {
                    throw FoundPackage.twoSources(name + " " + version, existing.origin(), f.origin());
                }
                f.scan.reused++;
                warnStalePins(release.version, existing, exact);
                continue;
            }
            if (!f.carriesVersion && version.equals(f.version) && f.scan.byTag.get(f.tag).size() > 1 && !f.folder.isEmpty()) {
                quirks.warn("source '" + f.scan.source.getName() + "', " + f.tag.describe() + ": " + f.name + " has no \"version\" in "
                        + f.folder + "/composer.json; it takes the tag's name " + version + " (give it its own with <versionOverrides>)");
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
            json = ComposerJsonEdits.pinOverriddenLinks(ComposerJsonEdits.pin(json, pins, overridden), exact, overridden);
            patches.addAll(corrections.patches(f.name, name, normalized));
            corrections.addFiles(f.name, name, normalized, files);
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
                    .inRelease(release.version).withContent(corrections.excludes(f.name, name, normalized, f.excludes), f.emptyFolders, files)
                    .withOwnComposerJson();
            byKey.put(PackagePlanner.key(name, normalized), planned);
            f.scan.versions++;
        }
        for (GeneratedPackage g : generated) {
            String normalized = VersionParser.normalize(release.version);
            if (byKey.containsKey(PackagePlanner.key(g.getName(), normalized))) {
                continue;
            }
            ObjectNode json = GeneratedPackages.composerJson(g, release.version, content, finalVersions, renamed, distribution.getRepositoryUrl(),
                    bare -> release.version, GeneratedPackages.fromRoot(g, release.tags.get(g.sourceNames().isEmpty() ? null : g.sourceNames().get(0)),
                            repositories, GeneratedPackages.template(g, release.version, distribution)));
            List<ComposerJsonEdits.Edit> patches = new ArrayList<>();
            if (config != null) {
                config.getPatches().stream().filter(p -> p.getPackage().equals(g.getName())).forEach(p -> patches.add(p.edit()));
            }
            patches.addAll(corrections.patches(g.getName(), g.getName(), normalized));
            json = ComposerJsonEdits.patch(json, patches);
            byKey.put(PackagePlanner.key(g.getName(), normalized), new PlannedVersion(null, null, "", null, g.getName(), release.version, normalized, json,
                    Json.pretty(json)).inRelease(release.version).at(newest));
        }
    }

    /** Of the exact versions of a release, those of the packages a version override names: pinned in any case. */
    private static Map<String, String> onlyOverridden(Map<String, String> exact, Set<String> overridden) {
        Map<String, String> pins = new TreeMap<>();
        exact.forEach((name, version) -> {
            if (overridden.contains(name)) {
                pins.put(name, version);
            }
        });
        return pins;
    }

    /**
     * A source of one package per tag (no glob; or the base alone) publishes the versions its {@code <tags>} admits: a
     * tag whose composer.json says a version outside them (tag 0.1.2 saying 0.1.1) is not published, with a warning.
     */
    private boolean outsideTags(FoundPackage f, String normalized) {
        Source source = f.scan.source;
        PackageRule only = source.getPackages().size() == 1 ? source.getPackages().get(0) : null;
        boolean onePackage = source.getPackages().isEmpty()
                || only != null && (only.isBase() || !only.getPath().contains("*") && !only.getPath().contains("?"));
        if (!onePackage || source.getTags() == null || f.tag.isBranch()) {
            return false;
        }
        Constraint constraint = constraints.computeIfAbsent("tags " + source.getTags(), k -> VersionParser.parseConstraints(source.getTags()));
        if (constraint.matches(normalized)) {
            return false;
        }
        quirks.warn("source '" + source.getName() + "', " + f.tag.describe() + ": " + f.name + " " + f.version + " (its composer.json \"version\")"
                + " is outside <tags>" + source.getTags() + "</tags>; not published");
        return true;
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
