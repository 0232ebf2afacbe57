package org.mageos.distribution.maven;

import java.nio.file.Path;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.Credentials;

/** The one place that reads a settings.xml {@code <server>} and has Maven decrypt it, for every goal that authenticates. */
final class ServerCredentials {

    private final Settings settings;
    private final SettingsDecrypter decrypter;

    ServerCredentials(Settings settings, SettingsDecrypter decrypter) {
        this.settings = settings;
        this.decrypter = decrypter;
    }

    /**
     * The decrypted {@code <server>} with this id.
     *
     * @param prefix  what the messages start with ({@code <source> 'name': }), or ""
     * @param element the POM element that names the server ({@code serverId})
     */
    Credentials decrypt(String id, String prefix, String element) {
        Server server = settings == null ? null : settings.getServer(id);
        String named = "<" + element + ">" + id + "</" + element + ">";
        if (server == null) {
            throw new DistributionException(prefix + named + " has no <server> with that <id> in settings.xml");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new DistributionException(prefix + named + ": cannot decrypt the password or passphrase of <server> '" + id
                        + "' in settings.xml: " + problem.getMessage());
            }
        }
        Server decrypted = result.getServer();
        String key = decrypted.getPrivateKey();
        Path privateKey = key == null || key.trim().isEmpty() ? null : Path.of(key.trim()).toAbsolutePath();
        return new Credentials(id, decrypted.getUsername(), decrypted.getPassword(), privateKey, decrypted.getPassphrase());
    }
}
