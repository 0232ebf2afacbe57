package org.mageos.distribution.core.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.Distribution;
import org.mageos.distribution.core.php.CodeRequirements;
import org.mageos.distribution.core.php.PhpReferences;

/**
 * {@code <requireFromCode>}: a package's composer.json with the require its code needs (see {@link CodeRequirements}),
 * names mapped to the packages of the same release or night.
 */
final class RequireFromCode {

    private final DistributionLog log;
    /** The cached repository of each source, by name; code is read from it. */
    private final Map<String, Repository> repositories;
    private final PackageCode code = new PackageCode();

    RequireFromCode(DistributionLog log, Map<String, Repository> repositories) {
        this.log = log;
        this.repositories = repositories;
    }

    /**
     * The packages of one release or night, as {@code <requireFromCode>} maps names to them: read (their autoload
     * files) only when a package of that release or night needs them.
     */
    final class Siblings {
        private final Collection<FoundPackage> content;
        private final Map<String, String> renamed;
        private final Function<String, String> versionOf;
        private final Distribution distribution;
        private CodeRequirements requirements;

        Siblings(Collection<FoundPackage> content, Map<String, String> renamed, Function<String, String> versionOf,
                Distribution distribution) {
            this.content = content;
            this.renamed = renamed;
            this.versionOf = versionOf;
            this.distribution = distribution;
        }

        CodeRequirements requirements() throws IOException {
            if (requirements == null) {
                List<CodeRequirements.Sibling> siblings = new ArrayList<>();
                for (FoundPackage f : content) {
                    try (ObjectReader reader = repositories.get(f.scan.source.getName()).newObjectReader()) {
                        siblings.add(new CodeRequirements.Sibling(renamed.getOrDefault(f.name, f.name), versionOf.apply(f.name), f.json,
                                code.autoloadFiles(reader, f.tree, f.json)));
                    }
                }
                requirements = new CodeRequirements(siblings, distribution.getNamespaces());
            }
            return requirements;
        }
    }

    /** {@code <requireFromCode>}: the package's composer.json with the require its code needs (see {@link CodeRequirements}). */
    ObjectNode apply(FoundPackage f, ObjectNode json, Map<String, byte[]> replaced, Siblings siblings, String in) {
        try (ObjectReader reader = repositories.get(f.scan.source.getName()).newObjectReader()) {
            Map<String, PhpReferences> files = code.files(reader, f.tree, json, f.excludes, replaced,
                    message -> log.warn(f.origin().replace("composer.json", "") + ": " + message));
            CodeRequirements.Result result = siblings.requirements().compute(json, files, in + ", " + f.origin());
            result.problems.forEach(problem -> log.warn(in + ", " + f.origin() + ", " + problem + " (what could be read was used)"));
            log.info(in + ": " + json.path("name").asText() + " requires what its code uses (" + result.files + " files): "
                    + (result.added.isEmpty() ? "nothing added" : "added " + String.join(", ", result.added)) + ", "
                    + (result.dropped.isEmpty() ? "nothing dropped" : "dropped " + String.join(", ", result.dropped)));
            return result.composerJson;
        } catch (IOException e) {
            throw new DistributionException(in + ", " + f.origin() + ": cannot read the code for <requireFromCode>: " + e.getMessage(), e);
        }
    }
}
