package org.mageos.distribution.core.config;

import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Repository;

/** A {@code <branch>} of a source: a branch name, or a pattern where {@code *} matches any characters but {@code /}. */
public final class BranchPattern {

    private final Pattern regex;

    private BranchPattern(String pattern) {
        this.regex = Pattern.compile(toRegex(pattern));
    }

    private static String toRegex(String pattern) {
        StringBuilder sb = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append("[^/]*");
            }
            if (!parts[i].isEmpty()) {
                sb.append(Pattern.quote(parts[i]));
            }
        }
        return sb.toString();
    }

    /** Whether git accepts the name, with each {@code *} read as a character. */
    public static boolean isValid(String pattern) {
        return pattern != null && !pattern.startsWith("refs/") && Repository.isValidRefName("refs/heads/" + pattern.replace('*', 'x'));
    }

    /** Whether any of the patterns matches the branch name (without {@code refs/heads/}). */
    public static boolean anyMatches(List<String> patterns, String branch) {
        for (String pattern : patterns) {
            if (new BranchPattern(pattern.trim()).regex.matcher(branch).matches()) {
                return true;
            }
        }
        return false;
    }
}
