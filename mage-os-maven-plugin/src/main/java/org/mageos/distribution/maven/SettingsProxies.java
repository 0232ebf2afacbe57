package org.mageos.distribution.maven;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.NetworkProxy;
import org.mageos.distribution.core.config.Proxies;

/** The settings.xml {@code <proxies>}: the first active one of each protocol, its password decrypted by Maven. */
final class SettingsProxies {

    private SettingsProxies() {
    }

    static Proxies of(Settings settings, SettingsDecrypter decrypter) {
        if (settings == null || settings.getProxies() == null) {
            return Proxies.NONE;
        }
        List<NetworkProxy> active = new ArrayList<>();
        Set<String> protocols = new HashSet<>();
        for (Proxy proxy : settings.getProxies()) {
            String protocol = proxy.getProtocol() == null ? "http" : proxy.getProtocol().trim().toLowerCase(Locale.ROOT);
            if (!proxy.isActive() || !protocols.add(protocol)) {
                continue;
            }
            Proxy decrypted = proxy;
            if (decrypter != null && proxy.getPassword() != null) {
                SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(proxy));
                for (SettingsProblem problem : result.getProblems()) {
                    if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                        throw new DistributionException("cannot decrypt the password of <proxy> '" + proxy.getId() + "' in settings.xml: "
                                + problem.getMessage());
                    }
                }
                decrypted = result.getProxy();
            }
            String user = decrypted.getUsername() == null || decrypted.getUsername().isEmpty() ? null : decrypted.getUsername();
            active.add(new NetworkProxy(proxy.getId(), protocol, decrypted.getHost(), decrypted.getPort(), user, decrypted.getPassword(),
                    decrypted.getNonProxyHosts()));
        }
        return Proxies.of(active);
    }
}
