package org.mageos.distribution.core.php;

import java.util.Set;

/** A PHP file as tokens: their kinds and [start, end) offsets, and what the tokenizer could not read. */
final class PhpTokens {

    // token kinds besides single punctuation characters (which are their own char code)
    static final int NAME = 1;
    static final int VARIABLE = 2;
    static final int LITERAL = 3;
    static final int ARROW = 4;        // -> ?->
    static final int DOUBLE_COLON = 5; // ::
    static final int ATTRIBUTE = 6;    // #[
    static final int DOUBLE_ARROW = 7; // =>
    static final int OPERATOR = 8;     // || && ?? == and the like: never part of a type

    private static final Set<String> KEYWORDS = Set.of("abstract", "and", "array", "as", "break", "callable", "case",
            "catch", "class", "clone", "const", "continue", "declare", "default", "do", "echo", "else", "elseif", "empty",
            "enddeclare", "endfor", "endforeach", "endif", "endswitch", "endwhile", "eval", "exit", "die", "extends",
            "final", "finally", "fn", "for", "foreach", "function", "global", "goto", "if", "implements", "include",
            "include_once", "instanceof", "insteadof", "interface", "isset", "list", "match", "namespace", "new", "or",
            "print", "private", "protected", "public", "readonly", "require", "require_once", "return", "static",
            "switch", "throw", "trait", "try", "unset", "use", "var", "while", "xor", "yield", "__halt_compiler");

    /** {@link #KEYWORDS} by a hash of their lower-cased text: finds a keyword in the source without copying it. */
    private static final String[][] KEYWORD_TABLE = new String[256][];

    static {
        for (String keyword : KEYWORDS) {
            int h = keywordHash(keyword, 0, keyword.length());
            String[] bucket = KEYWORD_TABLE[h];
            bucket = bucket == null ? new String[1] : java.util.Arrays.copyOf(bucket, bucket.length + 1);
            bucket[bucket.length - 1] = keyword;
            KEYWORD_TABLE[h] = bucket;
        }
    }

    private static int keywordHash(String s, int start, int end) {
        return ((end - start) * 31 + (s.charAt(start) | 0x20) * 7 + (s.charAt(end - 1) | 0x20)) & 255;
    }

    /** The keyword the source has at [start, end), in lower case, or null when it is no keyword. */
    static String keywordAt(String s, int start, int end) {
        if (end - start < 2 || end - start > 15) {
            return null;
        }
        String[] bucket = KEYWORD_TABLE[keywordHash(s, start, end)];
        if (bucket != null) {
            for (String keyword : bucket) {
                if (keyword.length() == end - start && s.regionMatches(true, start, keyword, 0, keyword.length())) {
                    return keyword;
                }
            }
        }
        return null;
    }

    int[] kind;
    int[] start;
    int[] end;
    int size;

    PhpTokens(int capacity) {
        kind = new int[capacity];
        start = new int[capacity];
        end = new int[capacity];
    }
    final java.util.List<String> problems = new java.util.ArrayList<>(0);
    /** Doc comments ({@code /** ... *}{@code /}): start, end, and the index of the token that follows them. */
    final java.util.List<int[]> docComments = new java.util.ArrayList<>();
    /** Inline HTML around the PHP code: [start, end). */
    final java.util.List<int[]> html = new java.util.ArrayList<>();

    void add(int k, int s, int e) {
        if (size == kind.length) {
            kind = java.util.Arrays.copyOf(kind, size * 2);
            start = java.util.Arrays.copyOf(start, size * 2);
            end = java.util.Arrays.copyOf(end, size * 2);
        }
        kind[size] = k;
        start[size] = s;
        end[size] = e;
        size++;
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }
}
