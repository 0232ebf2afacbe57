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
        for (int i = 0; i < d.getReleases().size(); i++) {
            Release release = d.getReleases().get(i);
            String at = "<releases><release #" + (i + 1) + ">";
            if (isBlank(release.getVersion())) {
                throw new DistributionException(at + " has no <version>");
            }
            at = "<releases><release version=" + release.getVersion() + ">";
            checkVersion(at + "<version>", release.getVersion());
            if (!releaseVersions.add(VersionParser.normalize(release.getVersion()))) {
                throw new DistributionException(at + " is declared twice");
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
        for (VendorRename v : d.getVendorRenames()) {
            if (isBlank(v.getFrom()) || isBlank(v.getTo()) || !PackageName.isValid(v.getFrom() + "/x") || !PackageName.isValid(v.getTo() + "/x")) {
                throw new DistributionException("<vendorRenames><vendorRename from=" + v.getFrom() + "> needs <from> and <to>, both vendor names (lower case)");
            }
        }
        for (String zip : d.getPrebuiltPackages()) {
            checkProjectFile(d, "<prebuiltPackages><prebuiltPackage>", zip);
        }
        ThirdPartyNamespace.validate(d.getNamespaces());
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
