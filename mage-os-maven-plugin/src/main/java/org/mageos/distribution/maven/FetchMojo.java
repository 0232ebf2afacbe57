package org.mageos.distribution.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.GitCache;

/** Clones or updates the source repositories in the shared cache, transferring only the selected tags that are new. */
@Mojo(name = "fetch", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class FetchMojo extends AbstractDistributionMojo {

    @Parameter(property = "mage-os.fetch.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean isSkipped() {
        return skip;
    }

    @Override
    protected String skipProperty() {
        return "mage-os.fetch.skip";
    }

    @Override
    protected void run() {
        GitCache cache = new GitCache(cache(), buildLog());
        for (Source source : resolvedSources()) {
            cache.fetch(source, offline());
        }
    }
}
