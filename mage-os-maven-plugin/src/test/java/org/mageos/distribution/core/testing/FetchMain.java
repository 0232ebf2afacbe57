package org.mageos.distribution.core.testing;

import java.nio.file.Path;
import org.mageos.distribution.core.DistributionLog;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.GitCache;

/** One build's fetch in a process of its own: {@code FetchMain CACHE_DIR NAME URL}; prints {@code fetched=N}. */
public final class FetchMain {

    private FetchMain() {
    }

    public static void main(String[] args) {
        GitCache.FetchResult result = new GitCache(Path.of(args[0]), DistributionLog.SILENT).fetch(new Source(args[1], args[2]), false);
        System.out.println("fetched=" + result.fetchedTags);
    }
}
