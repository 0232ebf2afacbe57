package org.mageos.distribution.core.php;

import static org.mageos.distribution.core.php.PhpTokens.*;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Walks the tokens, tracking namespace, imports, braces and the contexts where a name is a type. */
final class PhpParser {

    /** Names that are types or special classes, never a dependency. */
    private static final Set<String> BUILTIN_TYPES = Set.of("int", "integer", "float", "double", "string", "bool",
            "boolean", "array", "callable", "iterable", "object", "mixed", "void", "null", "never", "false", "true",
            "self", "static", "parent", "resource");

    private static final Pattern DOC_TAG = Pattern.compile("@(?:param|return|var|throws)[ \\t]+(?:\\$\\w+[ \\t]+)?");
    private static final Pattern DOC_TYPE_SEPARATORS = Pattern.compile("[\\s|&<>,(){}\\[\\]?:=*'\"]+");
    private static final Pattern DOC_NAME = Pattern.compile("\\\\?[A-Za-z_\\x80-\\uffff][\\w\\x80-\\uffff]*(\\\\[A-Za-z_\\x80-\\uffff][\\w\\x80-\\uffff]*)*");
    /** Types of PHPDoc, Psalm and PHPStan that are no classes. */
    private static final Set<String> DOC_PSEUDO_TYPES = Set.of("this", "scalar", "numeric", "number", "list", "class-string",
            "array-key", "non-empty-array", "non-empty-list", "non-empty-string", "positive-int", "negative-int", "callable-string",
            "key-of", "value-of", "literal-string", "non-negative-int", "non-positive-int", "numeric-string", "empty", "unknown",
            "traversable", "closure", "generator", "stdclass", "type", "none", "any", "long", "real", "datetime");

    private static final Set<String> MODIFIERS = Set.of("public", "protected", "private", "var", "readonly", "static",
            "abstract", "final");

    private static final int CLASS_BODY = 1;
    private static final int NAMESPACE_BODY = 2;
    private static final int OTHER_BODY = 3;

    private final String s;
    private final PhpTokens t;
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

    PhpParser(String s, PhpTokens t, PhpReferences refs, boolean latin1) {
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
        int doc = 0;
        while (i < t.size) {
            while (doc < t.docComments.size() && t.docComments.get(doc)[2] <= i) {
                docComment(t.docComments.get(doc++));
            }
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
        while (doc < t.docComments.size()) {
            docComment(t.docComments.get(doc++));
        }
        if (braceDepth != 0 && !unbalanced) {
            refs.problems.add(braceDepth + " unclosed brace(s) at the end of the file");
        }
    }

    /**
     * The class names of a doc comment's {@code @param}, {@code @return}, {@code @var} and {@code @throws} types
     * ({@code \Foo\Bar[]|null}, {@code array<string, Baz>}), resolved as the code around it resolves names:
     * Magento's web API reads service contracts' types from them.
     */
    private void docComment(int[] comment) {
        Matcher m = DOC_TAG.matcher(s).region(comment[0], comment[1]);
        while (m.find()) {
            // the type ends at white space outside <>, {} and (): array<string, Foo> is one type
            int end = m.end();
            int depth = 0;
            while (end < comment[1]) {
                char c = s.charAt(end);
                if (c == '<' || c == '{' || c == '(') {
                    depth++;
                } else if ((c == '>' || c == '}' || c == ')') && depth > 0) {
                    depth--;
                } else if (Character.isWhitespace(c) && depth == 0 || c == '$' || c == '\n') {
                    break;
                }
                end++;
            }
            for (String part : DOC_TYPE_SEPARATORS.split(s.substring(m.end(), end))) { // "@var $block Type" (templates) too
                if (part.isEmpty() || !DOC_NAME.matcher(part).matches()) {
                    continue;
                }
                String lower = part.toLowerCase(Locale.ROOT);
                if (BUILTIN_TYPES.contains(lower) || DOC_PSEUDO_TYPES.contains(lower)) {
                    continue;
                }
                addClass(part);
            }
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
