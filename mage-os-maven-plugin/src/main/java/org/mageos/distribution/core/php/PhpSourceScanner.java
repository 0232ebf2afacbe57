package org.mageos.distribution.core.php;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the classes, functions and constants a PHP file (.php, .phtml) uses and declares, with a tolerant
 * tokenizer and a small state machine instead of a full parser. Comments, strings, heredoc and nowdoc bodies and
 * inline HTML are skipped; names are resolved against the file's namespace and imports as PHP does. Code it cannot
 * read (an unterminated string, unbalanced braces) never throws: it is noted in {@link PhpReferences#problems}
 * and what was read is kept.
 *
 * <p>A name counts as a class where PHP's grammar makes it one: {@code use} imports, {@code new}, {@code extends},
 * {@code implements}, {@code instanceof}, {@code insteadof}, trait {@code use}, {@code catch}, {@code Name::},
 * parameter, return and property types, attributes. Strings that look like class names do not count.
 */
public final class PhpSourceScanner {

    // token kinds besides single punctuation characters (which are their own char code)
    private static final int NAME = 1;
    private static final int VARIABLE = 2;
    private static final int LITERAL = 3;
    private static final int ARROW = 4;        // -> ?->
    private static final int DOUBLE_COLON = 5; // ::
    private static final int ATTRIBUTE = 6;    // #[
    private static final int DOUBLE_ARROW = 7; // =>
    private static final int OPERATOR = 8;     // || && ?? == and the like: never part of a type

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

    /** Names that are types or special classes, never a dependency. */
    private static final Set<String> BUILTIN_TYPES = Set.of("int", "integer", "float", "double", "string", "bool",
            "boolean", "array", "callable", "iterable", "object", "mixed", "void", "null", "never", "false", "true",
            "self", "static", "parent", "resource");

    private static final Set<String> MODIFIERS = Set.of("public", "protected", "private", "var", "readonly", "static",
            "abstract", "final");

    private static final int CLASS_BODY = 1;
    private static final int NAMESPACE_BODY = 2;
    private static final int OTHER_BODY = 3;

    private PhpSourceScanner() {
    }

    /**
     * Scans a file's bytes. They are read as ISO-8859-1, which never fails and keeps PHP's syntax (all ASCII)
     * intact; names with non-ASCII characters are turned back into UTF-8 when recorded.
     */
    public static PhpReferences scan(byte[] content) {
        return scan(new String(content, StandardCharsets.ISO_8859_1), true);
    }

    public static PhpReferences scan(String text) {
        return scan(text, false);
    }

    private static PhpReferences scan(String text, boolean latin1) {
        Tokens tokens = new Tokenizer(text).run();
        PhpReferences refs = new PhpReferences();
        refs.problems.addAll(tokens.problems);
        new Parser(text, tokens, refs, latin1).run();
        return refs;
    }

    /** Token kinds and their [start, end) offsets. */
    static final class Tokens {
        int[] kind;
        int[] start;
        int[] end;
        int size;

        Tokens(int capacity) {
            kind = new int[capacity];
            start = new int[capacity];
            end = new int[capacity];
        }
        final java.util.List<String> problems = new java.util.ArrayList<>(0);

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
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }

    /** Splits PHP code into the tokens the parser needs; skips inline HTML, comments and string contents. */
    private static final class Tokenizer {
        private final String s;
        private final int n;
        private int p;
        private final Tokens t;

        Tokenizer(String s) {
            this.s = s;
            this.n = s.length();
            this.t = new Tokens(Math.max(64, n / 6));
        }

        Tokens run() {
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

    /** Walks the tokens, tracking namespace, imports, braces and the contexts where a name is a type. */
    private static final class Parser {
        private final String s;
        private final Tokens t;
        private final PhpReferences refs;
        private final boolean latin1;

        private String namespace = "";
        private final Map<String, String> classImports = new HashMap<>();
        private final Map<String, String> functionImports = new HashMap<>();
        private final Map<String, String> constImports = new HashMap<>();

        private int[] braces = new int[32];
        private int braceDepth;
        private int parenDepth;
        private int bracketDepth;
        private boolean unbalanced;

        private boolean pendingClassBody;
        private boolean pendingNamespaceBody;
        private boolean pendingParams;
        private int paramDepth = -1;
        private int catchDepth = -1;
        private boolean catchPending;
        private boolean afterParams;
        private boolean typeContext;
        private boolean expectClass;
        private boolean classList;
        private int attributeDepth = -1;
        private int attributeParen;
        private boolean attributeName;

        Parser(String s, Tokens t, PhpReferences refs, boolean latin1) {
            this.s = s;
            this.t = t;
            this.refs = refs;
            this.latin1 = latin1;
        }

        private int kind(int i) {
            return i < t.size ? t.kind[i] : 0;
        }

        private String text(int i) {
            return s.substring(t.start[i], t.end[i]);
        }

        private boolean isKeyword(int i, String keyword) {
            return kind(i) == NAME && t.end[i] - t.start[i] == keyword.length()
                    && s.regionMatches(true, t.start[i], keyword, 0, keyword.length());
        }

        private int topBrace() {
            return braceDepth == 0 ? 0 : braces[braceDepth - 1];
        }

        private String recorded(String name) {
            if (latin1) {
                for (int k = 0; k < name.length(); k++) {
                    if (name.charAt(k) >= 0x80) {
                        return new String(name.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                    }
                }
            }
            return name;
        }

        void run() {
            int i = 0;
            while (i < t.size) {
                int k = t.kind[i];
                if (afterParams) {
                    afterParams = false;
                    if (k == ':') {
                        typeContext = true;
                        i++;
                        continue;
                    }
                    if (isKeyword(i, "use") && kind(i + 1) == '(') {
                        i = skipParens(i + 1);
                        afterParams = true;
                        continue;
                    }
                }
                if (k == NAME) {
                    i = name(i);
                    continue;
                }
                punctuation(k);
                i++;
            }
            if (braceDepth != 0 && !unbalanced) {
                refs.problems.add(braceDepth + " unclosed brace(s) at the end of the file");
            }
        }

        private int skipParens(int open) {
            int depth = 0;
            int i = open;
            while (i < t.size) {
                if (t.kind[i] == '(') {
                    depth++;
                } else if (t.kind[i] == ')' && --depth == 0) {
                    return i + 1;
                }
                i++;
            }
            return i;
        }

        private void punctuation(int k) {
            switch (k) {
                case '(':
                    parenDepth++;
                    if (pendingParams) {
                        pendingParams = false;
                        paramDepth = parenDepth;
                        typeContext = true;
                    } else if (catchPending) {
                        catchPending = false;
                        catchDepth = parenDepth;
                        typeContext = true;
                    }
                    break;
                case ')':
                    if (parenDepth == paramDepth) {
                        paramDepth = -1;
                        typeContext = false;
                        afterParams = true;
                    } else if (parenDepth == catchDepth) {
                        catchDepth = -1;
                        typeContext = false;
                    }
                    parenDepth = Math.max(0, parenDepth - 1);
                    break;
                case ',':
                    if (parenDepth == paramDepth) {
                        typeContext = true;
                    }
                    if (attributeDepth > 0 && bracketDepth == attributeDepth && parenDepth == attributeParen) {
                        attributeName = true;
                    }
                    break;
                case '{':
                    pushBrace(pendingClassBody ? CLASS_BODY : pendingNamespaceBody ? NAMESPACE_BODY : OTHER_BODY);
                    pendingClassBody = false;
                    pendingNamespaceBody = false;
                    typeContext = false;
                    classList = false;
                    expectClass = false;
                    pendingParams = false;
                    break;
                case '}':
                    if (braceDepth == 0) {
                        if (!unbalanced) {
                            refs.problems.add("unbalanced closing brace");
                            unbalanced = true;
                        }
                    } else if (braces[--braceDepth] == NAMESPACE_BODY) {
                        namespace = "";
                        clearImports();
                    }
                    typeContext = false;
                    break;
                case ';':
                    typeContext = false;
                    classList = false;
                    expectClass = false;
                    pendingParams = false;
                    catchPending = false;
                    pendingNamespaceBody = false;
                    if (parenDepth == 0) {
                        paramDepth = -1;
                    }
                    break;
                case '=':
                case DOUBLE_ARROW:
                case VARIABLE:
                case OPERATOR:
                    typeContext = false;
                    expectClass = false;
                    break;
                case '[':
                    bracketDepth++;
                    break;
                case ATTRIBUTE:
                    bracketDepth++;
                    attributeDepth = bracketDepth;
                    attributeParen = parenDepth;
                    attributeName = true;
                    break;
                case ']':
                    if (bracketDepth == attributeDepth) {
                        attributeDepth = -1;
                        attributeName = false;
                    }
                    bracketDepth = Math.max(0, bracketDepth - 1);
                    break;
                case '?':
                case '|':
                case '&':
                    break;
                default:
                    expectClass = false;
                    break;
            }
        }

        private void pushBrace(int type) {
            if (braceDepth == braces.length) {
                braces = java.util.Arrays.copyOf(braces, braceDepth * 2);
            }
            braces[braceDepth++] = type;
        }

        private void clearImports() {
            classImports.clear();
            functionImports.clear();
            constImports.clear();
        }

        /** Handles the name at i; returns the index of the next token to look at. */
        private int name(int i) {
            int prev = i > 0 ? t.kind[i - 1] : 0;
            int next = kind(i + 1);
            if (prev == ARROW || prev == DOUBLE_COLON) {
                return i + 1; // a member: ->name, ::name, ::class
            }
            String keyword = keywordAt(s, t.start[i], t.end[i]);
            if (keyword != null) {
                return keyword(i, keyword, next);
            }
            if (t.end[i] - t.start[i] == 4 && s.regionMatches(true, t.start[i], "enum", 0, 4) && next == NAME
                    && (kind(i + 2) == '{' || kind(i + 2) == ':' || isKeyword(i + 2, "implements"))) {
                declareClass(text(i + 1));
                return i + 2;
            }
            if (attributeName) {
                attributeName = false;
                addClass(text(i));
            } else if (expectClass) {
                expectClass = false;
                addClass(text(i));
            } else if ((classList || typeContext) && attributeDepth < 0) {
                addClass(text(i));
            } else if (next == DOUBLE_COLON) {
                addClass(text(i));
            } else if (next == '(') {
                addFunction(text(i));
            } else if (next == ':' && (prev == '(' || prev == ',')) {
                return i + 1; // a named argument
            } else if (!constImports.isEmpty() || hasBackslash(i)) {
                String resolved = resolveConstant(text(i));
                if (resolved != null) {
                    refs.constants.add(recorded(resolved));
                }
            }
            return i + 1;
        }

        private boolean hasBackslash(int i) {
            for (int c = t.start[i]; c < t.end[i]; c++) {
                if (s.charAt(c) == '\\') {
                    return true;
                }
            }
            return false;
        }

        private int keyword(int i, String keyword, int next) {
            expectClass = false;
            switch (keyword) {
                case "namespace":
                    if (next == NAME) {
                        namespace = stripLeadingBackslash(text(i + 1));
                        clearImports();
                        pendingNamespaceBody = kind(i + 2) == '{';
                        return i + 2;
                    }
                    if (next == '{') {
                        namespace = "";
                        clearImports();
                        pendingNamespaceBody = true;
                    }
                    return i + 1;
                case "use":
                    if (topBrace() == CLASS_BODY) {
                        classList = true; // trait use
                        return i + 1;
                    }
                    if (next == '(') {
                        return i + 1; // closure use outside a signature; harmless
                    }
                    if (parenDepth == 0) {
                        return imports(i + 1);
                    }
                    return i + 1;
                case "class":
                case "interface":
                case "trait":
                    pendingClassBody = true;
                    if (next == NAME && !isKeyword(i + 1, "extends") && !isKeyword(i + 1, "implements")) {
                        declareClass(text(i + 1));
                        return i + 2;
                    }
                    return i + 1;
                case "extends":
                case "implements":
                    classList = true;
                    return i + 1;
                case "new":
                case "instanceof":
                case "insteadof":
                    expectClass = true;
                    return i + 1;
                case "function":
                case "fn":
                    pendingParams = true;
                    typeContext = false;
                    int j = i + 1;
                    if (kind(j) == '&') {
                        j++;
                    }
                    if (kind(j) == NAME && kind(j + 1) == '(') {
                        if (keyword.equals("function") && topBrace() != CLASS_BODY) {
                            refs.declaredFunctions.add(recorded(qualify(text(j))));
                        }
                        return j + 1;
                    }
                    return i + 1;
                case "catch":
                    catchPending = true;
                    return i + 1;
                case "const":
                    typeContext = false;
                    return i + 1;
                default:
                    if (MODIFIERS.contains(keyword) && topBrace() == CLASS_BODY && parenDepth == 0) {
                        typeContext = true; // a property type may follow
                    }
                    return i + 1;
            }
        }

        /** Reads a top-level use statement (plain, function, const, grouped); returns the index after it. */
        private int imports(int i) {
            int kindOfImport = importKind(i);
            if (kindOfImport != 0) {
                i++;
            }
            while (i < t.size) {
                if (kind(i) != NAME) {
                    return i;
                }
                String name = stripLeadingBackslash(text(i));
                i++;
                if (kind(i) == '\\' && kind(i + 1) == '{') {
                    i += 2;
                    while (i < t.size && kind(i) != '}') {
                        int itemKind = importKind(i);
                        if (itemKind != 0) {
                            i++;
                        }
                        if (kind(i) != NAME) {
                            return i;
                        }
                        String item = text(i);
                        i++;
                        i = importOne(i, name + "\\" + item, itemKind != 0 ? itemKind : kindOfImport);
                        if (kind(i) == ',') {
                            i++;
                        }
                    }
                    i++;
                } else {
                    i = importOne(i, name, kindOfImport);
                }
                if (kind(i) == ',') {
                    i++;
                } else {
                    return i;
                }
            }
            return i;
        }

        /** 0 for classes, 1 for {@code function}, 2 for {@code const}, when followed by a name. */
        private int importKind(int i) {
            if (kind(i + 1) == NAME) {
                if (isKeyword(i, "function")) {
                    return 1;
                }
                if (isKeyword(i, "const")) {
                    return 2;
                }
            }
            return 0;
        }

        private int importOne(int i, String fullName, int importKind) {
            String alias = fullName.substring(fullName.lastIndexOf('\\') + 1);
            if (isKeyword(i, "as") && kind(i + 1) == NAME) {
                alias = text(i + 1);
                i += 2;
            }
            String recorded = recorded(fullName);
            if (importKind == 1) {
                functionImports.put(alias.toLowerCase(Locale.ROOT), fullName);
                refs.functions.add(recorded);
            } else if (importKind == 2) {
                constImports.put(alias, fullName);
                refs.constants.add(recorded);
            } else {
                classImports.put(alias.toLowerCase(Locale.ROOT), fullName);
                refs.classes.add(recorded);
            }
            return i;
        }

        private void declareClass(String name) {
            refs.declaredClasses.add(recorded(qualify(name)));
        }

        private String qualify(String name) {
            return namespace.isEmpty() ? name : namespace + "\\" + name;
        }

        private void addClass(String name) {
            if (name.length() <= 8 && name.indexOf('\\') < 0 && BUILTIN_TYPES.contains(name.toLowerCase(Locale.ROOT))) {
                return;
            }
            refs.classes.add(recorded(resolveClass(name)));
        }

        /** PHP's rules for class names: fully qualified, namespace-relative, imported alias, else current namespace. */
        private String resolveClass(String name) {
            if (name.charAt(0) == '\\') {
                return name.substring(1);
            }
            int slash = name.indexOf('\\');
            String first = slash < 0 ? name : name.substring(0, slash);
            if (slash > 0 && first.equalsIgnoreCase("namespace")) {
                return qualify(name.substring(slash + 1));
            }
            String imported = classImports.get(first.toLowerCase(Locale.ROOT));
            if (imported != null) {
                return slash < 0 ? imported : imported + name.substring(slash);
            }
            return qualify(name);
        }

        private void addFunction(String name) {
            if (name.charAt(0) == '\\' || name.indexOf('\\') > 0) {
                refs.functions.add(recorded(resolveClass(name)));
                return;
            }
            String imported = functionImports.get(name.toLowerCase(Locale.ROOT));
            if (imported != null) {
                refs.functions.add(recorded(imported));
            } else if (namespace.isEmpty()) {
                refs.functions.add(recorded(name));
            } else {
                refs.fallbackFunctions.add(recorded(qualify(name)));
            }
        }

        private String resolveConstant(String name) {
            if (name.charAt(0) != '\\' && name.indexOf('\\') < 0) {
                return constImports.get(name);
            }
            return resolveClass(name);
        }

        private static String stripLeadingBackslash(String name) {
            return name.charAt(0) == '\\' ? name.substring(1) : name;
        }
    }
}
