package org.mageos.distribution.maven;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.Source;
import org.mageos.distribution.core.git.GitCache;
import org.mageos.distribution.core.git.GitCredentials;
import org.mageos.distribution.core.git.RetryPolicy;

/** Clones or updates the source repositories in the shared cache, transferring only the selected tags that are new. */
@Mojo(name = "fetch", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class FetchMojo extends AbstractDistributionMojo {

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

    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings settings;

    @Component
    private SettingsDecrypter settingsDecrypter;

    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

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
        if (retries < 0) {
            throw new DistributionException("mage-os.fetch.retries must be 0 or more, not " + retries);
        }
        if (timeout <= 0) {
            throw new DistributionException("mage-os.fetch.timeout must be more than 0 seconds, not " + timeout);
        }
        GitCache cache = new GitCache(cache(), buildLog(), new RetryPolicy(retries, RETRY_DELAY),
                sshDirectory == null ? null : sshDirectory.toPath()).withDeadline(Duration.ofSeconds(timeout));
        for (Source source : resolvedSources()) {
            cache.fetch(source, offline(), credentials(source));
        }
    }

    /** The decrypted {@code <server>} that {@code <serverId>} names, as git credentials. */
    private GitCredentials credentials(Source source) {
        String id = source.getServerId();
        if (id == null || id.trim().isEmpty()) {
            return null;
        }
        Server server = settings == null ? null : settings.getServer(id.trim());
        if (server == null) {
            throw new DistributionException("<source> '" + source.getName() + "': <serverId>" + id
                    + "</serverId> has no <server> with that <id> in settings.xml");
        }
        SettingsDecryptionResult result = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new DistributionException("<source> '" + source.getName() + "': cannot decrypt the password or passphrase of <server> '" + id
                        + "' in settings.xml: " + problem.getMessage());
            }
        }
        Server decrypted = result.getServer();
        String key = decrypted.getPrivateKey();
        Path privateKey = key == null || key.trim().isEmpty() ? null : Path.of(key.trim()).toAbsolutePath();
        return new GitCredentials(id, decrypted.getUsername(), decrypted.getPassword(), privateKey, decrypted.getPassphrase());
    }
}
