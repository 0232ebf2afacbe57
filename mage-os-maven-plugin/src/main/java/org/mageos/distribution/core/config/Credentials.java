package org.mageos.distribution.core.config;

import java.nio.file.Path;

/**
 * A settings.xml {@code <server>}, decrypted by Maven: what a fetch or a deploy authenticates with. Messages name
 * {@code serverId}, never the secrets.
 *
 * @param privateKey an OpenSSH or PEM private key file (SSH, SFTP); null for none
 * @param passphrase the passphrase of that key, if it is encrypted
 */
public record Credentials(String serverId, String username, String password, Path privateKey, String passphrase) {

    @Override
    public String toString() {
        return "Credentials[<server> '" + serverId + "']";
    }
}
