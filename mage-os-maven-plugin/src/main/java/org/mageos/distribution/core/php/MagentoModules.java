package org.mageos.distribution.core.php;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Magento's references by module name: RequireJS and JS module ids ({@code Magento_Ui/js/core/app}), template,
 * asset and ACL ids ({@code Magento_Catalog::product/view.phtml}, {@code Magento_Backend::admin}), found in
 * JavaScript, HTML, templates, XML and PHP strings; and the module names a package registers
 * ({@code ComponentRegistrar::register(ComponentRegistrar::MODULE, 'Magento_Catalog', __DIR__)} in
 * registration.php, {@code <module name="Magento_Catalog">} in etc/module.xml).
 */
public final class MagentoModules {

    /** {@code Vendor_Module} followed by {@code ::} or {@code /}, and the path after it (kept as the example). */
    private static final Pattern REFERENCE = Pattern.compile(
            "(?<![\\w\\\\$.-])([A-Z][A-Za-z0-9]*_[A-Z][A-Za-z0-9]*)(::|/)([\\w.\\-/]{0,80})");
    private static final Pattern REGISTERED = Pattern.compile(
            "ComponentRegistrar::MODULE\\s*,\\s*['\"]([A-Za-z0-9]+_[A-Za-z0-9]+)['\"]");
    private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z0-9]+_[A-Za-z0-9]+");

    private MagentoModules() {
    }

    /** Adds the module references in text[start, end) to {@code into}, each as written (module, separator, path). */
    public static void references(CharSequence text, int start, int end, Set<String> into) {
        Matcher m = REFERENCE.matcher(text).region(start, end);
        m.useTransparentBounds(true).useAnchoringBounds(false);
        while (m.find()) {
            String path = m.group(3);
            if (m.group(2).equals("/") && path.isEmpty()) {
                continue; // "Foo_Bar/" alone is no module id
            }
            into.add(m.group(1) + m.group(2) + path);
        }
    }

    /** What a JavaScript, HTML or LESS file references by module name; JavaScript and LESS comments do not count. */
    public static PhpReferences scan(byte[] content, boolean cComments) {
        PhpReferences refs = new PhpReferences();
        String text = new String(content, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!cComments) {
            references(text, refs.modules);
            return refs;
        }
        // the code between comments: // and /* */ outside strings (a regular expression with a quote may end this early)
        int n = text.length();
        int from = 0;
        char quote = 0;
        for (int k = 0; k < n; k++) {
            char c = text.charAt(k);
            if (quote != 0) {
                if (c == '\\') {
                    k++;
                } else if (c == quote || (c == '\n' && quote != '`')) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '/' && k + 1 < n && (text.charAt(k + 1) == '/' || text.charAt(k + 1) == '*')) {
                references(text, from, k, refs.modules);
                int end = text.charAt(k + 1) == '/' ? text.indexOf('\n', k) : text.indexOf("*/", k + 2);
                k = end < 0 ? n : text.charAt(k + 1) == '/' ? end : end + 1;
                from = Math.min(n, k + 1);
            }
        }
        if (from < n) {
            references(text, from, n, refs.modules);
        }
        return refs;
    }

    public static void references(CharSequence text, Set<String> into) {
        references(text, 0, text.length(), into);
    }

    /** The modules a registration.php registers. */
    public static void registered(CharSequence text, Set<String> into) {
        Matcher m = REGISTERED.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    /** The module a reference names: {@code Magento_Ui} of {@code Magento_Ui/js/core/app}. */
    public static String moduleOf(String reference) {
        int colon = reference.indexOf("::");
        int slash = reference.indexOf('/');
        int end = colon < 0 ? slash : slash < 0 ? colon : Math.min(colon, slash);
        return end < 0 ? reference : reference.substring(0, end);
    }

    static boolean isModuleName(String name) {
        return MODULE_NAME.matcher(name).matches();
    }

    /**
     * Magento's package name for one of its own modules or namespaces: the CamelCase name in kebab case, a word
     * starting at each capital after a lower-case letter or digit and at each digit after a lower-case letter
     * ({@code CatalogUrlRewriteGraphQl} -> {@code catalog-url-rewrite-graph-ql}, {@code Elasticsearch7} ->
     * {@code elasticsearch-7}, {@code AwsS3} -> {@code aws-s3}), as magento2's app/code/Magento/* composer.json
     * files name them.
     */
    public static String kebab(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 8);
        for (int k = 0; k < camel.length(); k++) {
            char c = camel.charAt(k);
            char prev = k > 0 ? camel.charAt(k - 1) : 0;
            boolean lowerBefore = prev >= 'a' && prev <= 'z';
            boolean digitBefore = prev >= '0' && prev <= '9';
            if (k > 0 && ((Character.isUpperCase(c) && (lowerBefore || digitBefore)) || (Character.isDigit(c) && lowerBefore))) {
                out.append('-');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
