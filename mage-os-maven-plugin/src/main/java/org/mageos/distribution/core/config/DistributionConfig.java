package org.mageos.distribution.core.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.version.InvalidVersionException;
import org.mageos.distribution.core.version.VersionParser;

/** Validates the POM configuration once, with errors that name the element at fault. */
public final class DistributionConfig {

    private DistributionConfig() {
    }

    public static void validate(List<Source> sources) {
        if (sources == null || sources.isEmpty()) {
            throw new DistributionException("<sources> is empty: declare at least one <source> with a <name> and a <url>");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            Source source = sources.get(i);
            String where = "<sources><source> #" + (i + 1);
            if (isBlank(source.getName())) {
                throw new DistributionException(where + " has no <name>");
            }
            where = "<source> '" + source.getName() + "'";
            if (!source.getName().matches("[A-Za-z0-9._-]+")) {
                throw new DistributionException(where + ": <name> may only contain letters, digits, '.', '_' and '-'");
            }
            if (!names.add(source.getName())) {
                throw new DistributionException(where + " is declared twice: every <source> needs its own <name>");
            }
            if (isBlank(source.getUrl())) {
                throw new DistributionException(where + " has no <url>");
            }
            if (source.getTags() != null) {
                try {
                    VersionParser.parseConstraints(source.getTags());
                } catch (InvalidVersionException e) {
                    throw new DistributionException(where + ": <tags>" + source.getTags() + "</tags> is not a Composer constraint: "
                            + e.getMessage());
                }
            }
            for (String branch : source.getBranches()) {
                if (!BranchPattern.isValid(branch)) {
                    throw new DistributionException(where + ": <branches><branch>" + branch + "</branch> is not a branch name"
                            + " or pattern (a name as git allows it, without refs/heads/, where * stands for any characters but /)");
                }
            }
            List<PackageRule> rules = source.getPackages();
            for (int r = 0; r < rules.size(); r++) {
                String path = rules.get(r).getPath();
                if (isBlank(path)) {
                    throw new DistributionException(where + ": <packages><package> #" + (r + 1) + " has no <path>");
                }
                if (path.startsWith("/") || path.contains("..") || path.contains("\\")) {
                    throw new DistributionException(where + ": <package><path>" + path
                            + "</path> must be a relative path inside the repository, with '/' separators");
                }
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.trim().isEmpty();
    }
}
