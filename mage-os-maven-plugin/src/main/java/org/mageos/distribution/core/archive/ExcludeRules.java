package org.mageos.distribution.core.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The files Composer's archiver leaves out of a package zip: VCS folders at any depth (Symfony Finder's
 * {@code ignoreVCS}), then the {@code export-ignore} lines of the package root's {@code .gitattributes}, then
 * {@code archive.exclude} of composer.json; for each path the last matching rule wins. {@code .gitignore} is
 * not honoured (Composer 2.2+).
 */
public final class ExcludeRules {

    /** Symfony Finder's VCS patterns, excluded when they are folders. */
    static final Set<String> VCS_FOLDERS = Set.of(".svn", "_svn", "CVS", "_darcs", ".arch-params", ".monotone", ".bzr", ".git", ".hg");

    private final List<ExcludePattern> gitAttributes;
    private final List<ExcludePattern> archiveExclude;
    private final List<ExcludePattern> distribution;
    /**
     * When no distribution rule re-includes ({@code !}), any of them matching excludes: the anchored literal ones
     * (a base package has one per other package) are then looked up by the path's folders, not tried one by one.
     */
    private final boolean distributionOnlyExcludes;
    private final Set<String> distributionLiterals = new java.util.HashSet<>();
    private final List<ExcludePattern> distributionGlobs = new ArrayList<>();

    private ExcludeRules(List<ExcludePattern> gitAttributes, List<ExcludePattern> archiveExclude, List<ExcludePattern> distribution) {
        this.gitAttributes = gitAttributes;
        this.archiveExclude = archiveExclude;
        this.distribution = distribution;
        this.distributionOnlyExcludes = distribution.stream().noneMatch(ExcludePattern::isNegated);
        for (ExcludePattern p : distribution) {
            if (p.literal() != null) {
                distributionLiterals.add(p.literal());
            } else {
                distributionGlobs.add(p);
            }
        }
    }

    /** Whether a distribution rule matches, when none of them re-includes. */
    private boolean distributionMatches(String path) {
        for (int slash = path.indexOf('/', 1); ; slash = path.indexOf('/', slash + 1)) {
            if (distributionLiterals.contains(slash < 0 ? path : path.substring(0, slash))) {
                return true;
            }
            if (slash < 0) {
                break;
            }
        }
        for (ExcludePattern p : distributionGlobs) {
            if (p.matches(path)) {
                return true;
            }
        }
        return false;
    }

    public static final ExcludeRules NONE = new ExcludeRules(List.of(), List.of(), List.of());

    /**
     * These rules, then the distribution's own (a package rule's excludes, the folders of other packages), which
     * come last and so win: what the distribution leaves out stays out.
     */
    public ExcludeRules withDistributionExcludes(List<String> rules) {
        List<ExcludePattern> extra = new ArrayList<>(distribution);
        rules.forEach(r -> extra.add(ExcludePattern.compile(r)));
        return new ExcludeRules(gitAttributes, archiveExclude, extra);
    }

    /**
     * @param gitAttributes content of the package root's .gitattributes, or null
     * @param archiveExclude the {@code archive.exclude} list of composer.json
     */
    public static ExcludeRules of(String gitAttributes, List<String> archiveExclude) {
        List<ExcludePattern> git = new ArrayList<>();
        if (gitAttributes != null) {
            for (String line : gitAttributes.split("\n", -1)) {
                // BaseExcludeFilter::parseLines: trimmed; empty lines, PHP-falsy "0" and comments are skipped
                line = phpTrim(line);
                if (line.isEmpty() || line.equals("0") || line.startsWith("#")) {
                    continue;
                }
                ExcludePattern p = parseGitAttributesLine(line);
                if (p != null) {
                    git.add(p);
                }
            }
        }
        List<ExcludePattern> composer = new ArrayList<>();
        for (String rule : archiveExclude) {
            composer.add(ExcludePattern.compile(rule));
        }
        return new ExcludeRules(git, composer, List.of());
    }

    /** PHP's {@code trim()}: strips spaces, tabs, newlines, carriage returns, NUL and vertical tabs. */
    static String phpTrim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && " \t\n\r\0\u000B".indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && " \t\n\r\0\u000B".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Composer's {@code GitExcludeFilter::parseGitAttributesLine}: exactly two whitespace-separated tokens. */
    static ExcludePattern parseGitAttributesLine(String line) {
        String[] parts = line.split("\\s+", -1);
        if (parts.length == 2 && parts[1].equals("export-ignore")) {
            return ExcludePattern.compile(parts[0]);
        }
        if (parts.length == 2 && parts[1].equals("-export-ignore")) {
            return ExcludePattern.compile("!" + parts[0]);
        }
        return null;
    }

    /**
     * Whether every file below a folder is left out, so that its tree need not be walked: the last rule matching
     * the folder (which then matches all below it) excludes, and no later rule re-includes ({@code !}).
     *
     * @param relativeFolder path of the folder inside the package, without leading or trailing slash
     */
    public boolean excludesAllBelow(String relativeFolder) {
        String path = "/" + relativeFolder;
        if (distributionOnlyExcludes && distributionMatches(path)) {
            return true;
        }
        List<ExcludePattern> all = new ArrayList<>(gitAttributes);
        all.addAll(archiveExclude);
        all.addAll(distribution);
        int last = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).matches(path)) {
                last = i;
            }
        }
        if (last < 0 || all.get(last).isNegated()) {
            return false;
        }
        for (int i = last + 1; i < all.size(); i++) {
            if (all.get(i).isNegated()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the distribution's own rules leave out every file below a folder: such a folder need not be walked at all
     * (Composer's rules do not stop the walk: a link in a folder they leave out is judged by its target).
     */
    public boolean distributionExcludesAllBelow(String relativeFolder) {
        return distributionOnlyExcludes && !distribution.isEmpty() && distributionMatches("/" + relativeFolder);
    }

    /**
     * Whether a file is left out.
     *
     * @param relativePath path inside the package, with '/' separators and no leading slash
     */
    public boolean excludes(String relativePath) {
        int start = 0;
        while (true) {
            int slash = relativePath.indexOf('/', start);
            if (slash < 0) {
                break;
            }
            if (VCS_FOLDERS.contains(relativePath.substring(start, slash))) {
                return true;
            }
            start = slash + 1;
        }
        String path = "/" + relativePath;
        if (distributionOnlyExcludes && !distribution.isEmpty()) {
            // the distribution's rules come last: one that matches wins
            if (distributionMatches(path)) {
                return true;
            }
        }
        boolean exclude = false;
        for (ExcludePattern p : gitAttributes) {
            if (p.matches(path)) {
                exclude = !p.isNegated();
            }
        }
        for (ExcludePattern p : archiveExclude) {
            if (p.matches(path)) {
                exclude = !p.isNegated();
            }
        }
        if (!distributionOnlyExcludes) {
            for (ExcludePattern p : distribution) {
                if (p.matches(path)) {
                    exclude = !p.isNegated();
                }
            }
        }
        return exclude;
    }
}
