package org.mageos.distribution.core.archive;

import java.util.regex.Pattern;

/**
 * One exclude rule as Composer's {@code BaseExcludeFilter::generatePattern} compiles it: a leading {@code /}
 * anchors at the package root, a rule without a slash (or with only a trailing one) matches at any depth,
 * {@code !} negates, and the glob becomes a regex by Symfony's {@code Glob::toRegex} (where {@code *} never
 * matches a leading dot nor crosses {@code /}). The compiled regex is searched in the package-relative path
 * with a leading slash, like {@code /Test/Unit/FooTest.php}; {@code (?=$|/)} makes a directory match
 * everything below it.
 */
public final class ExcludePattern {

    private final String rule;
    private final Pattern pattern;
    private final boolean negate;
    /** An anchored rule without glob characters ({@code /app/code/Magento/Catalog}): matched without the regex. */
    private final String literal;

    private ExcludePattern(String rule, Pattern pattern, boolean negate, String literal) {
        this.rule = rule;
        this.pattern = pattern;
        this.negate = negate;
        this.literal = literal;
    }

    public static ExcludePattern compile(String rule) {
        boolean negate = false;
        String r = rule;
        if (!r.isEmpty() && r.charAt(0) == '!') {
            negate = true;
            r = ltrim(r, '!');
        }
        int firstSlash = r.indexOf('/');
        String prefix = "";
        if (firstSlash == 0) {
            prefix = "^/";
        } else if (firstSlash < 0 || firstSlash == r.length() - 1) {
            prefix = "/";
        }
        r = trim(r, '/');
        String regex = globToRegex(r);
        boolean isLiteral = prefix.equals("^/") && !r.isEmpty() && r.chars().noneMatch(c -> "*?{}[]\\".indexOf(c) >= 0);
        return new ExcludePattern(rule, Pattern.compile(prefix + regex + "(?=$|/)"), negate, isLiteral ? "/" + r : null);
    }

    /** Whether this rule matches; {@code path} is package-relative and starts with '/'. */
    public boolean matches(String path) {
        if (literal != null) {
            // the regex would say the same: ^/literal(?=$|/); the base package has one such rule per other package
            return path.startsWith(literal) && (path.length() == literal.length() || path.charAt(literal.length()) == '/');
        }
        return pattern.matcher(path).find();
    }

    /** {@code /app/code} for an anchored rule without glob characters (it matches that path and all below); else null. */
    String literal() {
        return literal;
    }

    public boolean isNegated() {
        return negate;
    }

    public String rule() {
        return rule;
    }

    /** Symfony Finder's {@code Glob::toRegex($glob, true, true)}, without the delimiters and anchors. */
    static String globToRegex(String glob) {
        boolean firstByte = true;
        boolean escaping = false;
        int inCurlies = 0;
        StringBuilder regex = new StringBuilder();
        int size = glob.length();
        for (int i = 0; i < size; ++i) {
            String car = String.valueOf(glob.charAt(i));
            if (firstByte && !".".equals(car)) {
                regex.append("(?=[^\\.])");
            }
            firstByte = "/".equals(car);
            if (firstByte && i + 2 < size && glob.charAt(i + 1) == '*' && glob.charAt(i + 2) == '*'
                    && (i + 3 >= size || glob.charAt(i + 3) == '/')) {
                String c = "[^/]++/";
                if (i + 3 >= size) {
                    c += "?";
                }
                c = "(?=[^\\.])" + c;
                car = "/(?:" + c + ")*";
                i += 2 + (i + 3 < size ? 1 : 0);
                regex.append(car);
                escaping = false;
                continue;
            }
            char ch = car.charAt(0);
            if (car.length() == 1 && (ch == '#' || ch == '.' || ch == '(' || ch == ')' || ch == '|' || ch == '+' || ch == '^'
                    || ch == '$')) {
                regex.append('\\').append(ch);
            } else if (ch == '*') {
                regex.append(escaping ? "\\*" : "[^/]*");
            } else if (ch == '?') {
                regex.append(escaping ? "\\?" : "[^/]");
            } else if (ch == '{') {
                regex.append(escaping ? "\\{" : "(");
                if (!escaping) {
                    ++inCurlies;
                }
            } else if (ch == '}' && inCurlies > 0) {
                regex.append(escaping ? "}" : ")");
                if (!escaping) {
                    --inCurlies;
                }
            } else if (ch == ',' && inCurlies > 0) {
                regex.append(escaping ? "," : "|");
            } else if (ch == '\\') {
                if (escaping) {
                    regex.append("\\\\");
                    escaping = false;
                } else {
                    escaping = true;
                }
                continue;
            } else if (ch == '}') {
                // a lone '}' is literal in PCRE; escape it for Java
                regex.append("\\}");
            } else {
                regex.append(ch);
            }
            escaping = false;
        }
        return regex.toString();
    }

    private static String ltrim(String s, char c) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == c) {
            i++;
        }
        return s.substring(i);
    }

    private static String trim(String s, char c) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == c) {
            start++;
        }
        while (end > start && s.charAt(end - 1) == c) {
            end--;
        }
        return s.substring(start, end);
    }

    @Override
    public String toString() {
        return rule + " -> " + pattern.pattern();
    }
}
