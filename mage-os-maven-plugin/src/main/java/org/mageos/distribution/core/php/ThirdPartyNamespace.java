package org.mageos.distribution.core.php;

/**
 * A namespace prefix whose classes come from a package outside the distribution:
 * {@code <namespace><prefix>Psr\Log\</prefix><package>psr/log</package></namespace>}.
 */
public final class ThirdPartyNamespace {

    private String prefix;
    private String packageName;

    public ThirdPartyNamespace() {
    }

    public ThirdPartyNamespace(String prefix, String packageName) {
        this.prefix = prefix;
        this.packageName = packageName;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getPackage() {
        return packageName;
    }

    /** Maven configures {@code <package>} through this setter ({@code package} cannot be a field name). */
    public void setPackage(String packageName) {
        this.packageName = packageName;
    }
}
