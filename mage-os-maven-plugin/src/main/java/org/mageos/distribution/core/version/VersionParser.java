package org.mageos.distribution.core.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Composer's version rules: a port of composer/semver's {@code VersionParser} (normalize, normalizeBranch,
 * parseStability, parseConstraints), kept line by line close to the PHP so that differences can be found
 * by reading both. Tested against composer/semver's own test vectors.
 */
public final class VersionParser {

    private static final String MODIFIER = "[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*+)?)?([.-]?dev)?";
    private static final String STABILITIES = "stable|RC|beta|alpha|dev";

    private static final Pattern ALIAS = Pattern.compile("^([^,\\s]++) ++as ++([^,\\s]++)$");
    private static final Pattern STABILITY_FLAG = Pattern.compile("@(?:" + STABILITIES + ")$", Pattern.CASE_INSENSITIVE);
    private static final Pattern BUILD_METADATA = Pattern.compile("^([^,\\s+]++)\\+[^\\s]++$");
    private static final Pattern CLASSICAL = Pattern.compile(
            "^v?(\\d{1,5}+)(\\.\\d++)?(\\.\\d++)?(\\.\\d++)?" + MODIFIER + "$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE = Pattern.compile(
            "^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2})" + MODIFIER + "$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DEV_SUFFIX = Pattern.compile("(.*?)[.-]?dev$", Pattern.CASE_INSENSITIVE);
    private static final Pattern BRANCH = Pattern.compile(
            "^v?(\\d++)(\\.(?:\\d++|[xX*]))?(\\.(?:\\d++|[xX*]))?(\\.(?:\\d++|[xX*]))?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern STABILITY_OF = Pattern.compile(MODIFIER + "(?:\\+.*)?$", Pattern.CASE_INSENSITIVE);

    private static final Pattern OR_SPLIT = Pattern.compile("\\s*\\|\\|?\\s*");
    private static final Pattern AND_SPLIT = Pattern.compile("(?<!^|as|[=>< ,]) *(?<!-)[, ](?!-) *(?!,|as|$)");
    private static final Pattern CONSTRAINT_FLAG = Pattern.compile("^([^,\\s]*?)@(" + STABILITIES + ")$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONSTRAINT_REF = Pattern.compile("^(dev-[^,\\s@]+?|[^,\\s@]+?\\.x-dev)#.+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern MATCH_ALL = Pattern.compile("^(v)?[xX*](\\.[xX*])*$", Pattern.CASE_INSENSITIVE);
    private static final String VERSION_REGEX = "v?(\\d++)(?:\\.(\\d++))?(?:\\.(\\d++))?(?:\\.(\\d++))?(?:" + MODIFIER
            + "|\\.([xX*][.-]?dev))(?:\\+[^\\s]+)?";
    private static final Pattern TILDE = Pattern.compile("^~>?" + VERSION_REGEX + "$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CARET = Pattern.compile("^\\^" + VERSION_REGEX + "($)", Pattern.CASE_INSENSITIVE);
    private static final Pattern X_RANGE = Pattern.compile("^v?(\\d++)(?:\\.(\\d++))?(?:\\.(\\d++))?(?:\\.[xX*])++$");
    private static final Pattern HYPHEN = Pattern.compile(
            "^(?<from>" + VERSION_REGEX + ") +- +(?<to>" + VERSION_REGEX + ")($)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BASIC = Pattern.compile("^(<>|!=|>=?|<=?|==?)?\\s*(.*)", Pattern.DOTALL);
    private static final Pattern DEV_RECOVERABLE = Pattern.compile("^[0-9a-zA-Z-./]+$");
    private static final Pattern MODIFIER_AT_END = Pattern.compile("-" + MODIFIER + "$");

    private VersionParser() {
    }

    /** Normalizes a version string, e.g. {@code 2.4.3-p1} to {@code 2.4.3.0-patch1}; throws for non-versions. */
    public static String normalize(String version) {
        String v = phpTrim(version);
        String orig = v;
        Matcher m = ALIAS.matcher(v);
        if (m.find()) {
            v = m.group(1);
        }
        m = STABILITY_FLAG.matcher(v);
        if (m.find()) {
            v = v.substring(0, v.length() - m.group().length());
        }
        if (v.equals("master") || v.equals("trunk") || v.equals("default")) {
            v = "dev-" + v;
        }
        if (v.regionMatches(true, 0, "dev-", 0, 4)) {
            return "dev-" + v.substring(4);
        }
        m = BUILD_METADATA.matcher(v);
        if (m.find()) {
            v = m.group(1);
        }
        Matcher matches = CLASSICAL.matcher(v);
        int index = -1;
        if (matches.find()) {
            v = matches.group(1)
                    + (notEmpty(matches.group(2)) ? matches.group(2) : ".0")
                    + (notEmpty(matches.group(3)) ? matches.group(3) : ".0")
                    + (notEmpty(matches.group(4)) ? matches.group(4) : ".0");
            index = 5;
        } else {
            matches = DATE.matcher(v);
            if (matches.find()) {
                v = matches.group(1).replaceAll("\\D", ".");
                index = 2;
            }
        }
        if (index > 0) {
            String stability = matches.group(index);
            if (notEmpty(stability)) {
                if ("stable".equals(stability)) {
                    return v;
                }
                String number = matches.group(index + 1);
                v += "-" + expandStability(stability) + (number != null && !number.isEmpty() ? ltrim(number, ".-") : "");
            }
            if (notEmpty(matches.group(index + 2))) {
                v += "-dev";
            }
            return v;
        }
        m = DEV_SUFFIX.matcher(v);
        if (m.find()) {
            String normalized = normalizeBranch(m.group(1));
            if (!normalized.contains("dev-")) {
                return normalized;
            }
        }
        throw new InvalidVersionException("Invalid version string \"" + orig + "\"");
    }

    /** The version a git tag names for Composer's VcsRepository, which strips {@code release-} from tag names. */
    public static String tagVersion(String tag) {
        return tag.replace("release-", "");
    }

    /** Whether Composer would accept this string as a version (a tag that does not normalize is not a version). */
    public static boolean isVersion(String version) {
        try {
            normalize(version);
            return true;
        } catch (InvalidVersionException e) {
            return false;
        }
    }

    /** Normalizes a branch name: {@code 2.4.x} to {@code 2.4.9999999.9999999-dev}, {@code main} to {@code dev-main}. */
    public static String normalizeBranch(String name) {
        String n = phpTrim(name);
        Matcher m = BRANCH.matcher(n);
        if (m.find()) {
            StringBuilder version = new StringBuilder();
            for (int i = 1; i < 5; i++) {
                String part = m.group(i);
                version.append(part != null ? part.replace('*', 'x').replace('X', 'x') : ".x");
            }
            return version.toString().replace("x", "9999999") + "-dev";
        }
        return "dev-" + n;
    }

    /** One of {@code dev}, {@code alpha}, {@code beta}, {@code RC}, {@code stable}; {@code patch} counts as stable. */
    public static String parseStability(String version) {
        String v = version.replaceFirst("#.+$", "");
        if (v.startsWith("dev-") || v.endsWith("-dev")) {
            return "dev";
        }
        Matcher m = STABILITY_OF.matcher(v.toLowerCase(Locale.ROOT));
        if (m.find()) {
            if (notEmpty(m.group(3))) {
                return "dev";
            }
            String s = m.group(1);
            if (notEmpty(s)) {
                if ("beta".equals(s) || "b".equals(s)) {
                    return "beta";
                }
                if ("alpha".equals(s) || "a".equals(s)) {
                    return "alpha";
                }
                if ("rc".equals(s)) {
                    return "RC";
                }
            }
        }
        return "stable";
    }

    /** Parses a constraint such as {@code >=1.1.5}, {@code ^2.4 || ~3.0}, {@code 1.0 - 2.0}. */
    public static Constraint parseConstraints(String constraints) {
        String[] orConstraints = phpSplit(OR_SPLIT, phpTrim(constraints));
        List<Constraint> orGroups = new ArrayList<>();
        for (String orConstraint : orConstraints) {
            String[] andConstraints = phpSplit(AND_SPLIT, orConstraint);
            List<Constraint> objects;
            if (andConstraints.length > 1) {
                objects = new ArrayList<>();
                for (String andConstraint : andConstraints) {
                    objects.addAll(parseConstraint(andConstraint));
                }
            } else {
                objects = parseConstraint(andConstraints[0]);
            }
            orGroups.add(objects.size() == 1 ? objects.get(0) : new MultiConstraint(objects, true));
        }
        return MultiConstraint.create(orGroups, false);
    }

    private static List<Constraint> parseConstraint(String input) {
        String constraint = input;
        String stabilityModifier = null;
        Matcher m = ALIAS.matcher(constraint);
        if (m.find()) {
            constraint = m.group(1);
        }
        m = CONSTRAINT_FLAG.matcher(constraint);
        if (m.find()) {
            constraint = !m.group(1).isEmpty() ? m.group(1) : "*";
            if (!"stable".equals(m.group(2))) {
                stabilityModifier = m.group(2);
            }
        }
        m = CONSTRAINT_REF.matcher(constraint);
        if (m.find()) {
            constraint = m.group(1);
        }
        m = MATCH_ALL.matcher(constraint);
        if (m.find()) {
            if (notEmpty(m.group(1)) || notEmpty(m.group(2))) {
                return List.of(new SingleConstraint(">=", "0.0.0.0-dev"));
            }
            return List.of(Constraint.MATCH_ALL);
        }

        Matcher matches = TILDE.matcher(constraint);
        if (matches.find()) {
            if (constraint.startsWith("~>")) {
                throw new InvalidVersionException("Could not parse version constraint " + constraint
                        + ": Invalid operator \"~>\", you probably meant to use the \"~\" operator");
            }
            int position;
            if (notBlank(matches.group(4))) {
                position = 4;
            } else if (notBlank(matches.group(3))) {
                position = 3;
            } else if (notBlank(matches.group(2))) {
                position = 2;
            } else {
                position = 1;
            }
            if (notEmpty(matches.group(8))) {
                position++;
            }
            String stabilitySuffix = "";
            if (!notEmpty(matches.group(5)) && !notEmpty(matches.group(7)) && !notEmpty(matches.group(8))) {
                stabilitySuffix = "-dev";
            }
            String low = normalize((constraint + stabilitySuffix).substring(1));
            String high = manipulateVersionString(groups(matches, 1, 4), Math.max(1, position - 1), 1) + "-dev";
            return List.of(new SingleConstraint(">=", low), new SingleConstraint("<", high));
        }

        matches = CARET.matcher(constraint);
        if (matches.find()) {
            int position;
            if (!"0".equals(matches.group(1)) || !notBlank(matches.group(2))) {
                position = 1;
            } else if (!"0".equals(matches.group(2)) || !notBlank(matches.group(3))) {
                position = 2;
            } else {
                position = 3;
            }
            String stabilitySuffix = "";
            if (!notEmpty(matches.group(5)) && !notEmpty(matches.group(7)) && !notEmpty(matches.group(8))) {
                stabilitySuffix = "-dev";
            }
            String low = normalize((constraint + stabilitySuffix).substring(1));
            String high = manipulateVersionString(groups(matches, 1, 4), position, 1) + "-dev";
            return List.of(new SingleConstraint(">=", low), new SingleConstraint("<", high));
        }

        matches = X_RANGE.matcher(constraint);
        if (matches.find()) {
            int position;
            if (notBlank(matches.group(3))) {
                position = 3;
            } else if (notBlank(matches.group(2))) {
                position = 2;
            } else {
                position = 1;
            }
            String[] parts = groups(matches, 1, 3);
            String low = manipulateVersionString(parts, position, 0) + "-dev";
            String high = manipulateVersionString(parts, position, 1) + "-dev";
            if (low.equals("0.0.0.0-dev")) {
                return List.of(new SingleConstraint("<", high));
            }
            return List.of(new SingleConstraint(">=", low), new SingleConstraint("<", high));
        }

        matches = HYPHEN.matcher(constraint);
        if (matches.find()) {
            String lowSuffix = "";
            if (!notEmpty(matches.group(6)) && !notEmpty(matches.group(8)) && !notEmpty(matches.group(9))) {
                lowSuffix = "-dev";
            }
            String low = normalize(matches.group("from"));
            Constraint lower = new SingleConstraint(">=", low + lowSuffix);
            Constraint upper;
            if ((!emptyButZero(matches.group(12)) && !emptyButZero(matches.group(13))) || notEmpty(matches.group(15))
                    || notEmpty(matches.group(17)) || notEmpty(matches.group(18))) {
                upper = new SingleConstraint("<=", normalize(matches.group("to")));
            } else {
                normalize(matches.group("to"));
                String[] high = groups(matches, 11, 14);
                upper = new SingleConstraint("<", manipulateVersionString(high, emptyButZero(matches.group(12)) ? 1 : 2, 1) + "-dev");
            }
            return List.of(lower, upper);
        }

        matches = BASIC.matcher(constraint);
        InvalidVersionException cause = null;
        if (matches.find()) {
            String operand = matches.group(2);
            try {
                String version;
                try {
                    version = normalize(operand);
                } catch (InvalidVersionException e) {
                    if (operand.endsWith("-dev") && DEV_RECOVERABLE.matcher(operand).find()) {
                        version = normalize("dev-" + operand.substring(0, operand.length() - 4));
                    } else {
                        throw e;
                    }
                }
                String op = notEmpty(matches.group(1)) ? matches.group(1) : "=";
                if (!op.equals("==") && !op.equals("=") && notEmpty(stabilityModifier) && parseStability(version).equals("stable")) {
                    version += "-" + stabilityModifier;
                } else if (op.equals("<") || op.equals(">=")) {
                    if (!MODIFIER_AT_END.matcher(operand.toLowerCase(Locale.ROOT)).find() && !operand.startsWith("dev-")) {
                        version += "-dev";
                    }
                }
                return List.of(new SingleConstraint(op, version));
            } catch (InvalidVersionException e) {
                cause = e;
            }
        }
        throw new InvalidVersionException("Could not parse version constraint " + constraint
                + (cause != null ? ": " + cause.getMessage() : ""));
    }

    /** Groups {@code from..to} of a match as a 1-based array (index 0 unused), unmatched groups as "". */
    private static String[] groups(Matcher m, int from, int to) {
        String[] parts = new String[5];
        parts[0] = "";
        for (int i = 1; i <= 4; i++) {
            int g = from + i - 1;
            parts[i] = g <= to && m.group(g) != null ? m.group(g) : "";
        }
        return parts;
    }

    private static String manipulateVersionString(String[] matches, int position, int increment) {
        String[] parts = matches.clone();
        int pos = position;
        for (int i = 4; i > 0; --i) {
            if (i > pos) {
                parts[i] = "0";
            } else if (i == pos && increment != 0) {
                BigInteger value = parts[i].isEmpty() ? BigInteger.ZERO : new BigInteger(parts[i]);
                value = value.add(BigInteger.valueOf(increment));
                parts[i] = value.toString();
                if (value.signum() < 0) {
                    parts[i] = "0";
                    --pos;
                    if (i == 1) {
                        return null;
                    }
                }
            }
        }
        return parts[1] + "." + parts[2] + "." + parts[3] + "." + parts[4];
    }

    private static String expandStability(String stability) {
        String s = stability.toLowerCase(Locale.ROOT);
        switch (s) {
            case "a":
                return "alpha";
            case "b":
                return "beta";
            case "p":
            case "pl":
                return "patch";
            case "rc":
                return "RC";
            default:
                return s;
        }
    }

    /** PHP's {@code !empty()} on a matched group: null, "" and "0" are empty. */
    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty() && !s.equals("0");
    }

    /** {@code isset($x) && '' !== $x}. */
    private static boolean notBlank(String s) {
        return s != null && !s.isEmpty();
    }

    /** The hyphen range's {@code $empty}: like empty() except that "0" counts as a value. */
    private static boolean emptyButZero(String s) {
        return s == null || s.isEmpty();
    }

    private static String ltrim(String s, String chars) {
        int i = 0;
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return s.substring(i);
    }

    /** PHP's {@code trim()}: strips " \t\n\r\0\x0B" at both ends. */
    public static String phpTrim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isPhpSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isPhpSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isPhpSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0' || c == 0x0B;
    }

    /** {@code preg_split} without limit: keeps empty pieces, including a trailing one. */
    private static String[] phpSplit(Pattern pattern, String s) {
        List<String> pieces = new ArrayList<>();
        Matcher m = pattern.matcher(s);
        int last = 0;
        while (m.find()) {
            if (m.end() == m.start() && m.start() == last && m.start() != 0) {
                // PCRE does not split on an empty match right after the previous one
                continue;
            }
            if (m.end() == 0) {
                continue;
            }
            pieces.add(s.substring(last, m.start()));
            last = m.end();
        }
        pieces.add(s.substring(last));
        return pieces.toArray(new String[0]);
    }
}
