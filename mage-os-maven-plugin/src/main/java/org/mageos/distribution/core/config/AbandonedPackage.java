package org.mageos.distribution.core.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.composer.PackageName;

/**
 * {@code <abandonedPackages><abandonedPackage>}: a package the repository marks abandoned (Composer's {@code abandoned}
 * on every version of it, which {@code composer install} warns about), with the package to use instead when
 * {@code <replacement>} names one. {@code <abandoned>false</abandoned>} takes the mark back from versions an earlier
 * build published with it.
 */
public class AbandonedPackage {

    private String name;
    private String replacement;
    private boolean abandoned = true;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getReplacement() {
        return replacement;
    }

    public void setReplacement(String replacement) {
        this.replacement = replacement;
    }

    public boolean isAbandoned() {
        return abandoned;
    }

    public void setAbandoned(boolean abandoned) {
        this.abandoned = abandoned;
    }

    /**
     * The packages' {@code abandoned} by name: {@code true}, the replacement's name, or {@code false}; an error naming the
     * element for a name that is not a package name, a name given twice, or a replacement of a package not abandoned.
     */
    public static Map<String, String> byName(List<AbandonedPackage> packages) {
        Map<String, String> result = new TreeMap<>();
        if (packages == null) {
            return result;
        }
        for (AbandonedPackage p : packages) {
            String name = p.name == null ? "" : p.name.trim();
            String at = "<abandonedPackage><name>" + name + "</name>";
            if (!PackageName.isValid(name)) {
                throw new DistributionException(at + " is not a package name (vendor/name, lower case)");
            }
            String replacement = p.replacement == null || p.replacement.trim().isEmpty() ? null : p.replacement.trim();
            if (replacement != null && !PackageName.isValid(replacement)) {
                throw new DistributionException(at + "<replacement>" + replacement + "</replacement> is not a package name (vendor/name, lower case)");
            }
            if (replacement != null && !p.abandoned) {
                throw new DistributionException(at + " has a <replacement> but <abandoned>false</abandoned>");
            }
            if (result.put(name, !p.abandoned ? "false" : replacement != null ? replacement : "true") != null) {
                throw new DistributionException(at + " is listed twice in <abandonedPackages>");
            }
        }
        return result;
    }
}
