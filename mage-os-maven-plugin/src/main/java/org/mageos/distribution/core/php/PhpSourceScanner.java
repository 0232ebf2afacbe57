package org.mageos.distribution.core.php;

import java.nio.charset.StandardCharsets;

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
        PhpTokens tokens = new PhpTokenizer(text).run();
        PhpReferences refs = new PhpReferences();
        refs.problems.addAll(tokens.problems);
        new PhpParser(text, tokens, refs, latin1).run();
        // Magento's ids are strings (and the HTML of templates): never PHP code or comments
        for (int i = 0; i < tokens.size; i++) {
            if (tokens.kind[i] == PhpTokens.LITERAL && tokens.end[i] - tokens.start[i] > 6) {
                char c = text.charAt(tokens.start[i]);
                if (c == '\'' || c == '"' || c == '<') {
                    MagentoModules.references(text, tokens.start[i], tokens.end[i], refs.modules);
                }
            }
        }
        for (int[] html : tokens.html) {
            MagentoModules.references(text, html[0], html[1], refs.modules);
        }
        if (text.contains("ComponentRegistrar")) {
            MagentoModules.registered(text, refs.declaredModules);
        }
        return refs;
    }

}
