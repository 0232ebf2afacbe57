package org.mageos.distribution.core.config;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.composer.PackageName;
import org.mageos.distribution.core.config.ThirdPartyNamespace;
import org.mageos.distribution.core.version.InvalidVersionException;
import org.mageos.distribution.core.version.VersionParser;

/** Validates the POM configuration once, with errors that name the element at fault. */
public final class DistributionConfig {

    private DistributionConfig() {
    }

    /**
     * The sources with each {@code <override>true</override>} declaration put in the place of the earlier one of the
     * same name (a fork's POM overriding a source of its parent).
     */
    public static List<Source> withOverrides(List<Source> sources) {
        List<Source> merged = new java.util.ArrayList<>();
        for (Source s : sources == null ? List.<Source>of() : sources) {
            if (!s.isOverride()) {
                merged.add(s);
                continue;
            }
            int earlier = -1;
            for (int i = 0; i < merged.size(); i++) {
                if (merged.get(i).getName() != null && merged.get(i).getName().equals(s.getName())) {
                    earlier = i;
                }
            }
            if (earlier < 0) {
                throw new DistributionException("<source> '" + s.getName() + "' has <override>true</override>, but no earlier <source> has that"
                        + " <name> (in the parent POM, with <sources combine.children=\"append\">)");
            }
            merged.set(earlier, s);
        }
        return merged;
    }

    public static void validate(List<Source> sources) {
        if (sources == null || sources.isEmpty()) {
            throw new DistributionException("<sources> is empty: declare at least one <source> with a <name> and a <url>");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            Source source = sources.get(i);
            String where = "<sources><source> #" + (i + 1);
            if (isBlank(source.getName())) {
                throw new DistributionException(where + " has no <name>");
            }
            where = "<source> '" + source.getName() + "'";
            if (!source.getName().matches("[A-Za-z0-9._-]+")) {
                throw new DistributionException(where + ": <name> may only contain letters, digits, '.', '_' and '-'");
            }
            if (!names.add(source.getName())) {
                throw new DistributionException(where + " is declared twice: every <source> needs its own <name>");
            }
            if (isBlank(source.getUrl())) {
                throw new DistributionException(where + " has no <url>");
            }
            if (source.getTags() != null) {
                try {
                    VersionParser.parseConstraints(source.getTags());
                } catch (InvalidVersionException e) {
                    throw new DistributionException(where + ": <tags>" + source.getTags() + "</tags> is not a Composer constraint: "
                            + e.getMessage());
                }
            }
            for (String branch : source.getBranches()) {
                if (!BranchPattern.isValid(branch)) {
                    throw new DistributionException(where + ": <branches><branch>" + branch + "</branch> is not a branch name"
                            + " or pattern (a name as git allows it, without refs/heads/, where * stands for any characters but /)");
                }
            }
            List<PackageRule> rules = source.getPackages();
            int bases = 0;
            for (int r = 0; r < rules.size(); r++) {
                PackageRule rule = rules.get(r);
                String path = rule.getPath();
                String at = "<sources><source name=" + source.getName() + "><packages><package #" + (r + 1)
                        + (isBlank(path) ? "" : " path=" + path) + ">";
                if (rule.isBase()) {
                    bases++;
                    if (!isBlank(path)) {
                        throw new DistributionException(at + ": a <base>true</base> package is the repository root; it takes no <path>");
                    }
                } else if (isBlank(path)) {
                    throw new DistributionException(at + " has no <path> (or <base>true</base>)");
                } else {
                    checkRelative(at + "<path>", path);
                    if (rule.getComposerJson() != null && (path.contains("*") || path.contains("?"))) {
                        throw new DistributionException(at + ": <composerJson> names one package, so <path> must be one folder, not a glob");
                    }
                }
                for (String exclude : rule.getExcludes()) {
                    checkRelative(at + "<excludes><exclude>", isBlank(exclude) ? "" : exclude.replaceFirst("^/", ""));
                }
                for (String folder : rule.getEmptyFolders()) {
                    checkRelative(at + "<emptyFolders><emptyFolder>", folder);
                }
            }
            if (bases > 1) {
                throw new DistributionException(where + ": only one <package> may be <base>true</base>");
            }
            Set<String> refVersions = new HashSet<>();
            for (SourceRef ref : source.getRefs()) {
                String at = where + ": <refs><ref version=" + ref.getVersion() + ">";
                if (isBlank(ref.getCommit()) || !ref.getCommit().trim().matches("[0-9a-f]{40}")) {
                    throw new DistributionException(at + "<commit>" + ref.getCommit() + "</commit> must be a full commit id (40 lower-case hex digits)");
                }
                if (isBlank(ref.getVersion()) || !VersionParser.isVersion(ref.getVersion().trim())) {
                    throw new DistributionException(at + "<version> must be a Composer version");
                }
                if (!refVersions.add(VersionParser.normalize(ref.getVersion().trim()))) {
                    throw new DistributionException(at + " is declared twice");
                }
            }
            checkGlobs(where + ": <includeTags><includeTag>", source.getIncludeTags());
            checkGlobs(where + ": <excludeTags><excludeTag>", source.getExcludeTags());
        }
    }

    /** Validates everything a distribution declares; project files named in it must exist. */
    public static void validate(Distribution d) {
        validate(d.getSources());
        if (!d.getNightlyVersions().equals(Distribution.NIGHTLY) && !d.getNightlyVersions().equals(Distribution.BRANCH)) {
            throw new DistributionException("<nightlyVersions>" + d.getNightlyVersions() + "</nightlyVersions> must be "
                    + Distribution.NIGHTLY + " or " + Distribution.BRANCH);
        }
        Set<String> sourceNames = new HashSet<>();
        d.getSources().forEach(s -> sourceNames.add(s.getName()));
        for (int s = 0; s < d.getSources().size(); s++) {
            Source source = d.getSources().get(s);
            for (int r = 0; r < source.getPackages().size(); r++) {
                PackageRule rule = source.getPackages().get(r);
                if (rule.getComposerJson() != null) {
                    checkProjectFile(d, "<sources><source name=" + source.getName() + "><packages><package #" + (r + 1) + "><composerJson>",
                            rule.getComposerJson());
                }
            }
        }
        Set<String> releaseVersions = new HashSet<>();
        Set<String> untagged = new HashSet<>();
        for (int i = 0; i < d.getReleases().size(); i++) {
            Release release = d.getReleases().get(i);
            String at = "<releases><release #" + (i + 1) + ">";
            if (isBlank(release.getVersion())) {
                throw new DistributionException(at + " has no <version>");
            }
            at = "<releases><release version=" + release.getVersion() + ">";
            checkVersion(at + "<version>", release.getVersion());
            // two releases of one version are fine when each names its tags (a version fix of adobe-ims 2.1.1 beside one of
            // adobe-stock-integration 2.1.1); ReleasePlan refuses a tag claimed twice
            String normalized = VersionParser.normalize(release.getVersion());
            if (!releaseVersions.add(normalized) && (release.getTags().isEmpty() || untagged.contains(normalized))) {
                throw new DistributionException(at + " is declared twice (give each its <tags> to declare two releases of one version)");
            }
            if (release.getTags().isEmpty()) {
                untagged.add(normalized);
            }
            Set<String> tagged = new HashSet<>();
            for (Release.ReleaseTag tag : release.getTags()) {
                if (isBlank(tag.getSource()) || !sourceNames.contains(tag.getSource())) {
                    throw new DistributionException(at + "<tags><tag><source>" + tag.getSource() + "</source> is not the <name> of a <source>");
                }
                if (isBlank(tag.getName())) {
                    throw new DistributionException(at + "<tags><tag source=" + tag.getSource() + "> has no <name>");
                }
                if (!tagged.add(tag.getSource())) {
                    throw new DistributionException(at + "<tags> names source '" + tag.getSource() + "' twice");
                }
            }
            for (Release.VersionOverride o : release.getVersionOverrides()) {
                if (isBlank(o.getPackages()) || isBlank(o.getVersion())) {
                    throw new DistributionException(at + "<versionOverrides><versionOverride> needs <packages> and <version>");
                }
                checkVersion(at + "<versionOverrides><versionOverride packages=" + o.getPackages() + "><version>", o.getVersion());
            }
            for (ComposerPatch p : release.getPatches()) {
                String pat = at + "<patches><patch package=" + p.getPackage() + ">";
                if (isBlank(p.getPackage()) || isBlank(p.getKey())) {
                    throw new DistributionException(pat + " needs <package>, <section> and <key>");
                }
                if (!ComposerPatch.SECTIONS.contains(p.getSection())) {
                    throw new DistributionException(pat + "<section>" + p.getSection() + "</section> is none of "
                            + new java.util.TreeSet<>(ComposerPatch.SECTIONS));
                }
            }
            for (Release.FileReplacement f : release.getFiles()) {
                String fat = at + "<files><file package=" + f.getPackage() + ">";
                if (isBlank(f.getPackage()) || isBlank(f.getPath()) || isBlank(f.getFrom())) {
                    throw new DistributionException(fat + " needs <package>, <path> and <from>");
                }
                checkRelative(fat + "<path>", f.getPath());
                checkProjectFile(d, fat + "<from>", f.getFrom());
            }
        }
        Set<String> generated = new HashSet<>();
        for (int i = 0; i < d.getGeneratedPackages().size(); i++) {
            GeneratedPackage g = d.getGeneratedPackages().get(i);
            String at = "<generatedPackages><generatedPackage #" + (i + 1) + (g.getName() == null ? "" : " name=" + g.getName()) + ">";
            if (!PackageName.isValid(g.getName())) {
                throw new DistributionException(at + "<name> must be a package name (vendor/name, lower case)");
            }
            if (!generated.add(g.getName())) {
                throw new DistributionException(at + " is declared twice");
            }
            if (!"metapackage".equals(g.getType()) && !"project".equals(g.getType())) {
                throw new DistributionException(at + "<type>" + g.getType() + "</type> must be metapackage or project");
            }
            for (String s : g.sourceNames()) {
                if (!sourceNames.contains(s)) {
                    throw new DistributionException(at + "<sources>" + g.getSources() + "</sources>: '" + s + "' is not the <name> of a <source>");
                }
            }
            if (g.isFromRoot() && g.sourceNames().isEmpty()) {
                throw new DistributionException(at + "<fromRoot>true</fromRoot> reads the root composer.json of the first of its <sources>: name one");
            }
            if (g.getComposerJson() != null) {
                checkProjectFile(d, at + "<composerJson>", g.getComposerJson());
            }
            for (String r : g.getRequire()) {
                String name = r.contains(":") ? r.substring(0, r.indexOf(':')).trim() : r.trim();
                if (name.isEmpty() || name.contains(" ")) {
                    throw new DistributionException(at + "<require><require>" + r + "</require> is not name:constraint");
                }
                if (r.contains(":")) {
                    checkConstraint(at + "<require><require>" + r + "</require>", r.substring(r.indexOf(':') + 1).trim());
                }
            }
        }
        for (int i = 0; i < d.getCorrections().size(); i++) {
            checkCorrection(d, d.getCorrections().get(i), i);
        }
        for (VendorRename v : d.getVendorRenames()) {
            if (isBlank(v.getFrom()) || isBlank(v.getTo()) || !PackageName.isValid(v.getFrom() + "/x") || !PackageName.isValid(v.getTo() + "/x")) {
                throw new DistributionException("<vendorRenames><vendorRename from=" + v.getFrom() + "> needs <from> and <to>, both vendor names (lower case)");
            }
        }
        for (String zip : d.getPrebuiltPackages()) {
            // a zip, or a folder of zips
            if (isBlank(zip) || !Files.isDirectory(d.getProjectDir().resolve(zip))) {
                checkProjectFile(d, "<prebuiltPackages><prebuiltPackage>", zip);
            }
        }
        ThirdPartyNamespace.validate(d.getNamespaces());
    }

    private static void checkCorrection(Distribution d, Correction c, int index) {
        String at = "<corrections><correction #" + (index + 1) + (c.getPackage() == null ? "" : " package=" + c.getPackage())
                + (c.getVersion() == null ? "" : " version=" + c.getVersion()) + ">";
        if (!PackageName.isValid(c.getPackage())) {
            throw new DistributionException(at + "<package> must be a package name (vendor/name, lower case)");
        }
        if (isBlank(c.getVersion())) {
            throw new DistributionException(at + " has no <version> (a version or a Composer constraint)");
        }
        checkConstraint(at + "<version>" + c.getVersion() + "</version>", c.getVersion());
        if (c.getPatches().isEmpty() && c.getFiles().isEmpty() && c.getExcludes().isEmpty()) {
            throw new DistributionException(at + " has no <patches>, <files> or <excludes>");
        }
        for (String exclude : c.getExcludes()) {
            checkRelative(at + "<excludes><exclude>", isBlank(exclude) ? "" : exclude.replaceFirst("^/", ""));
        }
        for (ComposerPatch p : c.getPatches()) {
            String pat = at + "<patches><patch key=" + p.getKey() + ">";
            if (p.getPackage() != null && !p.getPackage().equals(c.getPackage())) {
                throw new DistributionException(pat + "<package>" + p.getPackage() + "</package>: a correction's patch applies to its own <package>; leave it out");
            }
            if (isBlank(p.getKey())) {
                throw new DistributionException(pat + " needs <section> and <key>");
            }
            if (!ComposerPatch.SECTIONS.contains(p.getSection())) {
                throw new DistributionException(pat + "<section>" + p.getSection() + "</section> is none of "
                        + new java.util.TreeSet<>(ComposerPatch.SECTIONS));
            }
        }
        for (Release.FileReplacement f : c.getFiles()) {
            String fat = at + "<files><file path=" + f.getPath() + ">";
            if (isBlank(f.getPath()) || isBlank(f.getFrom())) {
                throw new DistributionException(fat + " needs <path> and <from>");
            }
            checkRelative(fat + "<path>", f.getPath());
            checkProjectFile(d, fat + "<from>", f.getFrom());
        }
    }

    private static void checkVersion(String at, String version) {
        if (!VersionParser.isVersion(version)) {
            throw new DistributionException(at + version + " is not a Composer version");
        }
    }

    private static void checkConstraint(String at, String constraint) {
        try {
            VersionParser.parseConstraints(constraint);
        } catch (InvalidVersionException e) {
            throw new DistributionException(at + ": not a Composer constraint: " + e.getMessage());
        }
    }

    private static void checkProjectFile(Distribution d, String at, String file) {
        if (isBlank(file) || !Files.isRegularFile(d.getProjectDir().resolve(file))) {
            throw new DistributionException(at + file + ": no such file in " + d.getProjectDir());
        }
    }

    private static void checkRelative(String at, String path) {
        if (isBlank(path) || path.startsWith("/") || path.contains("..") || path.contains("\\")) {
            throw new DistributionException(at + path + " must be a relative path inside the repository, with '/' separators");
        }
    }

    private static void checkGlobs(String at, List<String> globs) {
        for (String g : globs) {
            if (isBlank(g)) {
                throw new DistributionException(at + " is empty");
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.trim().isEmpty();
    }
}
