package org.mageos.distribution.core.version;

import java.util.ArrayList;
import java.util.List;

/**
 * PHP's {@code version_compare()}, which Composer applies to normalized versions. Ported from
 * php-src ext/standard/versioning.c: canonicalize, split on '.', compare part by part with the
 * special forms {@code dev < alpha = a < beta = b < RC = rc < # (number) < pl = p}.
 */
public final class PhpVersionCompare {

    private PhpVersionCompare() {
    }

    /** Returns a negative number, zero or a positive number as {@code a} is lower than, equal to or higher than {@code b}. */
    public static int compare(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            if (a.isEmpty() && b.isEmpty()) {
                return 0;
            }
            return a.isEmpty() ? -1 : 1;
        }
        List<String> pa = parts(canonicalize(a));
        List<String> pb = parts(canonicalize(b));
        int i = 0;
        int compare = 0;
        while (i < pa.size() && i < pb.size() && compare == 0) {
            String p1 = pa.get(i);
            String p2 = pb.get(i);
            boolean d1 = !p1.isEmpty() && isDigit(p1.charAt(0));
            boolean d2 = !p2.isEmpty() && isDigit(p2.charAt(0));
            if (d1 && d2) {
                compare = Long.signum(strtol(p1) - strtol(p2));
            } else if (!d1 && !d2) {
                compare = compareSpecial(p1, p2);
            } else if (d1) {
                compare = compareSpecial("#N#", p2);
            } else {
                compare = compareSpecial(p1, "#N#");
            }
            i++;
        }
        if (compare == 0) {
            if (i < pb.size()) {
                String p2 = pb.get(i);
                compare = !p2.isEmpty() && isDigit(p2.charAt(0)) ? -1 : compare("#N#", String.join(".", pb.subList(i, pb.size())));
            } else if (i < pa.size()) {
                String p1 = pa.get(i);
                compare = !p1.isEmpty() && isDigit(p1.charAt(0)) ? 1 : compare(String.join(".", pa.subList(i, pa.size())), "#N#");
            }
        }
        return compare;
    }

    /** {@code version_compare($a, $b, $operator)} for the operators Composer's constraints use. */
    public static boolean compare(String a, String b, String operator) {
        int c = compare(a, b);
        switch (operator) {
            case "<":
            case "lt":
                return c < 0;
            case "<=":
            case "le":
                return c <= 0;
            case ">":
            case "gt":
                return c > 0;
            case ">=":
            case "ge":
                return c >= 0;
            case "==":
            case "=":
            case "eq":
                return c == 0;
            case "!=":
            case "<>":
            case "ne":
                return c != 0;
            default:
                throw new IllegalArgumentException("Unknown operator " + operator);
        }
    }

    private static long strtol(String s) {
        long value = 0;
        for (int i = 0; i < s.length() && isDigit(s.charAt(i)); i++) {
            value = value * 10 + (s.charAt(i) - '0');
            if (value > Long.MAX_VALUE / 10) {
                return Long.MAX_VALUE;
            }
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNonDigit(char c) {
        return !isDigit(c) && c != '.';
    }

    private static boolean isSpecial(char c) {
        return c == '-' || c == '_' || c == '+';
    }

    static String canonicalize(String version) {
        StringBuilder q = new StringBuilder(version.length() * 2);
        char lp = version.charAt(0);
        q.append(lp);
        for (int i = 1; i < version.length(); i++) {
            char p = version.charAt(i);
            char last = q.charAt(q.length() - 1);
            if (isSpecial(p)) {
                if (last != '.') {
                    q.append('.');
                }
            } else if ((isNonDigit(lp) && isDigit(p)) || (isDigit(lp) && isNonDigit(p))) {
                if (last != '.') {
                    q.append('.');
                }
                q.append(p);
            } else if (!Character.isLetterOrDigit(p) || p > 127) {
                if (last != '.') {
                    q.append('.');
                }
            } else {
                q.append(p);
            }
            lp = p;
        }
        return q.toString();
    }

    private static List<String> parts(String canonical) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= canonical.length(); i++) {
            if (i == canonical.length() || canonical.charAt(i) == '.') {
                // php uses strtok, which skips empty tokens
                if (i > start) {
                    parts.add(canonical.substring(start, i));
                }
                start = i + 1;
            }
        }
        return parts;
    }

    private static final String[][] SPECIAL_FORMS = {
        {"dev", "0"}, {"alpha", "1"}, {"a", "1"}, {"beta", "2"}, {"b", "2"},
        {"RC", "3"}, {"rc", "3"}, {"#", "4"}, {"pl", "5"}, {"p", "5"},
    };

    private static int specialOrder(String form) {
        for (String[] special : SPECIAL_FORMS) {
            if (form.startsWith(special[0])) {
                return Integer.parseInt(special[1]);
            }
        }
        return -6;
    }

    private static int compareSpecial(String form1, String form2) {
        return Integer.signum(specialOrder(form1) - specialOrder(form2));
    }
}
