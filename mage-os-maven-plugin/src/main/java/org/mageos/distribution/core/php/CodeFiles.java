package org.mageos.distribution.core.php;

/**
 * Which files of a package are read for what they use, and with which scanner: PHP code and templates (.php,
 * .phtml), XML (configuration under etc/, layouts and UI components under view/), JavaScript, HTML templates and
 * LESS (for module ids).
 */
public final class CodeFiles {

    /** How a file is read. */
    public enum Kind {
        PHP, XML, SCRIPT, HTML
    }

    private CodeFiles() {
    }

    /** The scanner for the file, or null when it is not read. */
    public static Kind kind(String path) {
        if (path.endsWith(".php") || path.endsWith(".phtml")) {
            return Kind.PHP;
        }
        if (path.endsWith(".xml")) {
            return Kind.XML;
        }
        if (path.endsWith(".js") || path.endsWith(".less")) {
            return Kind.SCRIPT;
        }
        if (path.endsWith(".html")) {
            return Kind.HTML;
        }
        return null;
    }

    public static PhpReferences scan(Kind kind, byte[] content) {
        switch (kind) {
            case PHP:
                return PhpSourceScanner.scan(content);
            case XML:
                return XmlClassNames.scan(content);
            case SCRIPT:
                return MagentoModules.scan(content, true);
            default:
                return MagentoModules.scan(content, false);
        }
    }
}
