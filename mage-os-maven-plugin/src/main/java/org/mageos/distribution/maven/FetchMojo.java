package org.mageos.distribution.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.mageos.distribution.core.git.FetchOptions;
import org.mageos.distribution.core.git.FetchStep;

/** Clones or updates the source repositories in the shared cache, transferring only the selected tags that are new. */
@Mojo(name = "fetch", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class FetchMojo extends AbstractDistributionMojo {

    /** Skips the {@code fetch} goal; {@code mage-os.skip} skips every goal of the plugin. */
    @Parameter(property = "mage-os.fetch.skip", defaultValue = "false")
    private boolean skip;

    /**
     * How many times a network error that may pass (connection refused or reset, time-out, HTTP 5xx) is retried,
     * after 2, 4, 8... seconds. Errors that cannot pass (no such repository, authentication refused, unknown host)
     * fail at once.
     */
    @Parameter(property = "mage-os.fetch.retries", defaultValue = "3")
    private int retries;

    /**
     * Seconds a fetch of one source may take in all, retries included: a server that sends a byte now and then passes
     * the per-read time-out (120 s) for ever.
     */
    @Parameter(property = "mage-os.fetch.timeout", defaultValue = "3600")
    private int timeout = 3600;

    /**
     * Where SSH reads {@code config}, {@code known_hosts} and default keys, as OpenSSH does. A host whose key is not
     * in known_hosts is refused (unless the config says {@code StrictHostKeyChecking accept-new}).
     */
    @Parameter(property = "mage-os.sshDirectory", defaultValue = "${user.home}/.ssh")
    private File sshDirectory;

    /** Sources fetched at the same time. */
    @Parameter(property = "mage-os.fetch.threads", defaultValue = "4")
    private int fetchThreads = 4;

    /**
     * Whether a source on a git server whose cache is empty gets only its selected tags' commits (depth 1), without the
     * history behind them, which no rule of the build reads: a fresh CI runner transfers what the tags hold, not the
     * history. A cache fetched so stays shallow. {@code false} fetches whole histories and deepens a shallow cache.
     */
    @Parameter(property = "mage-os.fetch.shallow", defaultValue = "true")
    private boolean shallow = true;

    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings settings;

    @Component
    private SettingsDecrypter settingsDecrypter;

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
        ServerCredentials servers = new ServerCredentials(settings, settingsDecrypter);
        new FetchStep(distributionLog()).run(settings(), new FetchOptions().retries(retries).timeout(timeout).threads(fetchThreads)
                .shallow(shallow).sshDirectory(sshDirectory == null ? null : sshDirectory.toPath())
                .credentials(source -> servers.decrypt(source.getServerId().trim(), "<source> '" + source.getName() + "': ", "serverId")));
    }
}
