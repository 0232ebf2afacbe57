package org.mageos.distribution.core.publish;

import org.mageos.distribution.core.io.RetryPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.io.Json;
import org.mageos.distribution.core.published.RepositoryReader;

/**
 * Deletes from a target the dists that no version of the target's own index references any more (deploy never
 * deletes: lock files point to old dists). What is referenced is read from the target's metadata under its deploy
 * lock, never from a build: the target's index also lists the versions a deploy merged in (other release jobs,
 * versions a later build lacks), and their dists stay.
 */
public final class Purger {

    private final DistributionLog log;
    private final DeployOptions options;

    public Purger(DistributionLog log, DeployOptions options) {
        this.log = log;
        this.options = options;
    }

    /** Returns the dists deleted, or that would be in a dry run. */
    public List<String> purge(DeployTarget target) {
        RetryPolicy retry = options.retry;
        List<String> unreferenced = new ArrayList<>();
        // under the deploy lock: a deploy running meanwhile could publish metadata pointing to a dist deleted here
        try (DeployLock lock = options.dryRun ? null : target.lock(DeployLock.Owner.thisProcess(), options, log)) {
            Map<String, DeployTarget.RemoteFile> remote = retry.call(log, "list " + target.describe(), target::list);
            if (!remote.containsKey("packages.json")) {
                throw new DistributionException("Nothing to purge: " + target.describe() + " has no packages.json (deploy first)");
            }
            RepositoryReader theirs = TargetIndex.reader(target, remote, retry, log);
            Set<String> referenced = referencedDists(theirs, target.describe());
            for (String path : remote.keySet()) {
                if (path.startsWith("dist/") && !referenced.contains(path)) {
                    unreferenced.add(path);
                }
            }
            for (String path : unreferenced) {
                if (options.dryRun) {
                    log.info("would delete " + path + " (no version references it)");
                } else {
                    if (lock != null) {
                        lock.check();
                    }
                    retry.call(log, "delete " + path, () -> {
                        target.delete(path);
                        return null;
                    });
                    log.info("deleted " + path + " (no version references it)");
                }
            }
        } catch (IOException e) {
            throw new DistributionException("Purge of " + target.describe() + " failed: " + e.getMessage(), e);
        }
        log.info((options.dryRun ? "Dry run, nothing deleted on " : "Purged ") + target.describe() + ": " + unreferenced.size()
                + " unreferenced dist(s)" + (options.dryRun ? " to delete" : " deleted"));
        return unreferenced;
    }

    /**
     * The dists, as paths under the repository, that the versions a repository serves point to: every
     * {@code dist.url} under the repository's URL, which packages.json's {@code metadata-url} gives. A version whose
     * dist is elsewhere makes the purge refuse: what it references cannot be told from the paths on the target.
     */
    static Set<String> referencedDists(RepositoryReader repository, String where) {
        String metadataUrl;
        try {
            metadataUrl = Json.parseObject(repository.get("packages.json")).path("metadata-url").asText("");
        } catch (IOException e) {
            throw new DistributionException("Purge of " + where + " refused: its packages.json is not valid JSON (" + e.getMessage() + ")");
        }
        int p2 = metadataUrl.lastIndexOf("p2/%package%.json");
        if (p2 < 0) {
            throw new DistributionException("Purge refused: packages.json of " + where + " has no metadata-url ending in p2/%package%.json");
        }
        String base = metadataUrl.substring(0, p2);
        Set<String> referenced = new HashSet<>();
        List<String> elsewhere = new ArrayList<>();
        repository.read().forEach((name, versions) -> versions.forEach(v -> {
            String url = v.path("dist").path("url").asText("");
            if (url.startsWith(base)) {
                referenced.add(url.substring(base.length()));
            } else if (!url.isEmpty()) {
                elsewhere.add(name + " " + v.path("version").asText() + ": " + url);
            }
        }));
        if (!elsewhere.isEmpty()) {
            throw new DistributionException("Purge of " + where + " refused, nothing was deleted: " + elsewhere.size() + " version(s) have a dist outside "
                    + base + ", so which dists are referenced cannot be told:\n  " + String.join("\n  ", elsewhere.subList(0, Math.min(10, elsewhere.size()))));
        }
        return referenced;
    }
}
