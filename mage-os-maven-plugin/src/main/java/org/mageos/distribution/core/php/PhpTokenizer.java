package org.mageos.distribution.core.php;

import static org.mageos.distribution.core.php.PhpTokens.*;

/** Splits PHP code into the tokens the parser needs; skips inline HTML, comments and string contents. */
final class PhpTokenizer {
    private final String s;
    private final int n;
    private int p;
    private final PhpTokens t;

    PhpTokenizer(String s) {
        this.s = s;
        this.n = s.length();
        this.t = new PhpTokens(Math.max(64, n / 6));
    }

    PhpTokens run() {
        while (p < n) {
            inlineHtml();
            if (p >= n) {
                break;
            }
            if (php()) {
                break; // __halt_compiler
            }
        }
        return t;
    }

    /** Skips to after the next open tag. */
    private void inlineHtml() {
        while (p < n) {
            int lt = s.indexOf("<?", p);
            t.html.add(new int[] {p, lt < 0 ? n : lt});
            if (lt < 0) {
                p = n;
                return;
            }
            p = lt + 2;
            if (s.regionMatches(true, p, "php", 0, 3) && (p + 3 >= n || !isIdentPart(s.charAt(p + 3)))) {
                p += 3;
                return;
            }
            if (p < n && s.charAt(p) == '=') {
                p++;
                return;
            }
            if (p >= n || Character.isWhitespace(s.charAt(p))) {
                return; // short open tag
            }
        }
    }

    /** Reads PHP code up to a close tag or the end; true when __halt_compiler ends the file. */
    private boolean php() {
        while (p < n) {
            char c = s.charAt(p);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                p++;
            } else if (isIdentStart(c) || (c == '\\' && p + 1 < n && isIdentStart(s.charAt(p + 1)))) {
                int start = p;
                p++;
                while (p < n) {
                    char d = s.charAt(p);
                    if (isIdentPart(d)) {
                        p++;
                    } else if (d == '\\' && p + 1 < n && isIdentStart(s.charAt(p + 1))) {
                        p += 2;
                    } else {
                        break;
                    }
                }
                if (p - start == 15 && s.regionMatches(true, start, "__halt_compiler", 0, 15)) {
                    return true;
                }
                t.add(NAME, start, p);
            } else if (c == '$') {
                int start = p++;
                if (p < n && isIdentStart(s.charAt(p))) {
                    while (p < n && isIdentPart(s.charAt(p))) {
                        p++;
                    }
                    t.add(VARIABLE, start, p);
                } else {
                    t.add('$', start, p);
                }
            } else if (c >= '0' && c <= '9') {
                int start = p;
                while (p < n && (isIdentPart(s.charAt(p)) || s.charAt(p) == '.')) {
                    p++;
                }
                t.add(LITERAL, start, p);
            } else if (c == '\'' || c == '"' || c == '`') {
                int start = p;
                quoted(c);
                t.add(LITERAL, start, p);
            } else if (c == '/' && p + 1 < n && s.charAt(p + 1) == '*') {
                int close = s.indexOf("*/", p + 2);
                if (close < 0) {
                    t.problems.add("unterminated comment at offset " + p);
                    p = n;
                } else {
                    if (s.startsWith("/**", p) && close > p + 2) {
                        t.docComments.add(new int[] {p, close + 2, t.size});
                    }
                    p = close + 2;
                }
            } else if ((c == '/' && p + 1 < n && s.charAt(p + 1) == '/') || (c == '#' && (p + 1 >= n || s.charAt(p + 1) != '['))) {
                if (lineComment()) {
                    return false;
                }
            } else if (c == '#') {
                t.add(ATTRIBUTE, p, p + 2);
                p += 2;
            } else if (c == '?' && p + 1 < n && s.charAt(p + 1) == '>') {
                t.add(';', p, p + 2);
                p += 2;
                return false;
            } else if (c == '<' && s.startsWith("<<<", p)) {
                int start = p;
                heredoc();
                t.add(LITERAL, start, p);
            } else {
                punctuation(c);
            }
        }
        return false;
    }

    private void punctuation(char c) {
        char d = p + 1 < n ? s.charAt(p + 1) : 0;
        int start = p;
        if (c == '-' && d == '>') {
            p += 2;
            t.add(ARROW, start, p);
        } else if (c == '?' && d == '-' && p + 2 < n && s.charAt(p + 2) == '>') {
            p += 3;
            t.add(ARROW, start, p);
        } else if (c == ':' && d == ':') {
            p += 2;
            t.add(DOUBLE_COLON, start, p);
        } else if (c == '=' && d == '>') {
            p += 2;
            t.add(DOUBLE_ARROW, start, p);
        } else if ((c == '|' && d == '|') || (c == '&' && d == '&') || (c == '?' && d == '?') || (c == '=' && d == '=')) {
            p += 2;
            t.add(OPERATOR, start, p);
        } else if (c == '.' && d == '.' && p + 2 < n && s.charAt(p + 2) == '.') {
            p += 3;
            t.add(LITERAL, start, p);
        } else {
            p++;
            t.add(c, start, p);
        }
    }

    private void quoted(char q) {
        int start = p++;
        while (p < n) {
            char c = s.charAt(p);
            if (c == '\\') {
                p += 2;
            } else if (c == q) {
                p++;
                return;
            } else {
                p++;
            }
        }
        p = n;
        t.problems.add("unterminated string at offset " + start);
    }

    /** Skips a // or # comment; true when it ends with a close tag (back to inline HTML). */
    private boolean lineComment() {
        while (p < n) {
            char c = s.charAt(p);
            if (c == '\n') {
                p++;
                return false;
            }
            if (c == '?' && p + 1 < n && s.charAt(p + 1) == '>') {
                p += 2;
                return true;
            }
            p++;
        }
        return false;
    }

    private void heredoc() {
        int start = p;
        p += 3;
        while (p < n && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
            p++;
        }
        if (p < n && (s.charAt(p) == '"' || s.charAt(p) == '\'')) {
            p++;
        }
        int labelStart = p;
        while (p < n && isIdentPart(s.charAt(p))) {
            p++;
        }
        String label = s.substring(labelStart, p);
        if (label.isEmpty()) {
            p = start + 3; // a shift operator after all
            return;
        }
        int lineStart = s.indexOf('\n', p);
        while (lineStart >= 0) {
            int q = lineStart + 1;
            while (q < n && (s.charAt(q) == ' ' || s.charAt(q) == '\t')) {
                q++;
            }
            if (s.startsWith(label, q) && (q + label.length() >= n || !isIdentPart(s.charAt(q + label.length())))) {
                p = q + label.length();
                return;
            }
            lineStart = s.indexOf('\n', q);
        }
        t.problems.add("unterminated heredoc " + label + " at offset " + start);
        p = n;
    }
}
