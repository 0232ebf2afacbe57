package org.mageos.distribution.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.composer.ComposerJsonReader;
import org.mageos.distribution.core.config.Source;

/**
 * The package name of a single-package source as Composer's VcsRepository takes it: from the composer.json of the
 * repository's default branch (its "root identifier"; the cache's HEAD follows the remote's, see GitCache), given
 * to every tag, so that a package renamed once keeps all its versions under the new name.
 */
final class RootPackageName {

    private RootPackageName() {
    }

    /** The name, or null when the default branch is unknown or its composer.json names none (each tag then has its own). */
    static String read(Repository repository, Source source, DistributionLog log) throws IOException {
        Ref head = repository.exactRef(Constants.HEAD);
        if (head == null || head.getObjectId() == null) {
            log.debug(source.getName() + ": the cache knows no default branch; each tag keeps the name in its composer.json");
            return null;
        }
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            try (TreeWalk tree = TreeWalk.forPath(reader, "composer.json", walk.parseCommit(head.getObjectId()).getTree())) {
                if (tree == null) {
                    return null;
                }
                ComposerJsonReader.Result read = ComposerJsonReader.read(reader.open(tree.getObjectId(0)).getBytes());
                JsonNode name = read.json == null ? null : read.json.get("name");
                // PHP's empty(): "" and "0" name nothing
                if (name == null || !name.isTextual() || name.textValue().isEmpty() || name.textValue().equals("0")) {
                    return null;
                }
                String branch = head.isSymbolic() ? Repository.shortenRefName(head.getTarget().getName()) : "HEAD";
                log.debug(source.getName() + ": every version is named " + name.textValue() + ", as in the composer.json of the default branch "
                        + branch);
                return name.textValue();
            }
        }
    }
}
