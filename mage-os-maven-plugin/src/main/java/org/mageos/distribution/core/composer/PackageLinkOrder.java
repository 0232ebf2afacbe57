package org.mageos.distribution.core.composer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The order of {@code composer config sort-packages true} (Composer's {@code JsonManipulator::sortPackages}): platform
 * packages first ({@code php}, then {@code hhvm}, {@code ext-*}, {@code lib-*}, then {@code composer-plugin-api} and
 * the like), then packages, each group in PHP's {@code strnatcmp} order (digit runs compare as numbers).
 */
public final class PackageLinkOrder implements Comparator<String> {

    public static final PackageLinkOrder INSTANCE = new PackageLinkOrder();

    /** Composer's {@code PlatformRepository::PLATFORM_PACKAGE_REGEX}. */
    private static final Pattern PLATFORM = Pattern.compile(
            "^(?:php(?:-64bit|-ipv6|-zts|-debug)?|hhvm|(?:ext|lib)-[a-z0-9](?:[_.-]?[a-z0-9]+)*|composer(?:-(?:plugin|runtime)-api)?)$",
            Pattern.CASE_INSENSITIVE);

    private PackageLinkOrder() {
    }

    /** Whether Composer reads the name as a platform package (PHP, an extension, a system library, Composer's APIs). */
    public static boolean isPlatform(String name) {
        return PLATFORM.matcher(name).matches();
    }

    /** The links in this order; each name's group prefix is computed once (a base package may require hundreds). */
    public static <V> Map<String, V> sorted(Map<String, V> links) {
        List<String[]> keys = new ArrayList<>();
        links.keySet().forEach(k -> keys.add(new String[] {prefixed(k), k}));
        keys.sort((a, b) -> strnatcmp(a[0], b[0]));
        Map<String, V> sorted = new LinkedHashMap<>();
        keys.forEach(k -> sorted.put(k[1], links.get(k[1])));
        return sorted;
    }

    @Override
    public int compare(String a, String b) {
        return strnatcmp(prefixed(a), prefixed(b));
    }

    /** The prefix {@code sortPackages} puts before a name: its group, then the name. */
    static String prefixed(String name) {
        if (!isPlatform(name)) {
            return "5-" + name;
        }
        // preg_replace with these patterns in turn; once one matched, the name starts with a digit and no later one does
        if (name.startsWith("php")) {
            return "0-" + name;
        }
        if (name.startsWith("hhvm")) {
            return "1-" + name;
        }
        if (name.startsWith("ext")) {
            return "2-" + name;
        }
        if (name.startsWith("lib")) {
            return "3-" + name;
        }
        return Character.isDigit(name.charAt(0)) ? name : "4-" + name;
    }

    /** PHP's {@code strnatcmp} (ext/standard/strnatcmp.c), case-sensitive, on the characters of ASCII names. */
    static int strnatcmp(String a, String b) {
        int aLen = a.length();
        int bLen = b.length();
        if (aLen == 0 || bLen == 0) {
            return Integer.compare(aLen, bLen);
        }
        int ai = 0;
        int bi = 0;
        boolean leading = true;
        while (true) {
            char ca = a.charAt(ai);
            char cb = b.charAt(bi);
            // leading zeros of the whole string are skipped
            while (leading && ca == '0' && ai + 1 < aLen && isDigit(a.charAt(ai + 1))) {
                ca = a.charAt(++ai);
            }
            while (leading && cb == '0' && bi + 1 < bLen && isDigit(b.charAt(bi + 1))) {
                cb = b.charAt(++bi);
            }
            leading = false;
            while (isSpace(ca) && ai + 1 < aLen) {
                ca = a.charAt(++ai);
            }
            while (isSpace(cb) && bi + 1 < bLen) {
                cb = b.charAt(++bi);
            }
            if (isDigit(ca) && isDigit(cb)) {
                int[] pos = {ai, bi};
                int result = ca == '0' || cb == '0' ? compareLeft(a, b, pos) : compareRight(a, b, pos);
                if (result != 0) {
                    return result;
                }
                ai = pos[0];
                bi = pos[1];
                if (ai == aLen && bi == bLen) {
                    return 0;
                } else if (ai == aLen) {
                    return -1;
                } else if (bi == bLen) {
                    return 1;
                }
                ca = a.charAt(ai);
                cb = b.charAt(bi);
            }
            if (ca != cb) {
                return ca < cb ? -1 : 1;
            }
            ai++;
            bi++;
            if (ai >= aLen && bi >= bLen) {
                return 0;
            } else if (ai >= aLen) {
                return -1;
            } else if (bi >= bLen) {
                return 1;
            }
        }
    }

    /** Right-aligned numbers: the longer run wins, else the first differing digit. */
    private static int compareRight(String a, String b, int[] pos) {
        int bias = 0;
        for (;; pos[0]++, pos[1]++) {
            boolean aEnd = pos[0] == a.length() || !isDigit(a.charAt(pos[0]));
            boolean bEnd = pos[1] == b.length() || !isDigit(b.charAt(pos[1]));
            if (aEnd && bEnd) {
                return bias;
            } else if (aEnd) {
                return -1;
            } else if (bEnd) {
                return 1;
            } else if (bias == 0) {
                bias = Character.compare(a.charAt(pos[0]), b.charAt(pos[1]));
                bias = Integer.signum(bias);
            }
        }
    }

    /** Left-aligned (fractional) numbers: the first differing digit wins. */
    private static int compareLeft(String a, String b, int[] pos) {
        for (;; pos[0]++, pos[1]++) {
            boolean aEnd = pos[0] == a.length() || !isDigit(a.charAt(pos[0]));
            boolean bEnd = pos[1] == b.length() || !isDigit(b.charAt(pos[1]));
            if (aEnd && bEnd) {
                return 0;
            } else if (aEnd) {
                return -1;
            } else if (bEnd) {
                return 1;
            } else if (a.charAt(pos[0]) != b.charAt(pos[1])) {
                return a.charAt(pos[0]) < b.charAt(pos[1]) ? -1 : 1;
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
    }
}
