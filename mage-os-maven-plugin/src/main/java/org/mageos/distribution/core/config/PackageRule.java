package org.mageos.distribution.core.config;

/** {@code <packages><package>}: which folders of a source are packages. */
public class PackageRule {

    /**
     * A glob over folder paths relative to the repository root ({@code *}, {@code app/code/Magento/*}); each
     * matching folder that has a composer.json is a package. {@code *} and {@code ?} never cross a {@code /}.
     */
    private String path;

    public PackageRule() {
    }

    public PackageRule(String path) {
        this.path = path;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }
}
