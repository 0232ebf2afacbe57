package org.mageos.distribution.core.git;

import java.nio.file.Path;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * Credentials for one source, taken from a settings.xml {@code <server>} (already decrypted): a username and
 * password or token for HTTPS, a private key and its passphrase for SSH. Never printed: {@link #toString()} names
 * only the server.
 */
public final class GitCredentials {

    private final String serverId;
    private final String username;
    private final String password;
    private final Path privateKey;
    private final String passphrase;

    public GitCredentials(String serverId, String username, String password) {
        this(serverId, username, password, null, null);
    }

    /**
     * @param privateKey an OpenSSH or PEM private key file for SSH; null for the keys of the SSH directory
     * @param passphrase the passphrase of that key, if it is encrypted
     */
    public GitCredentials(String serverId, String username, String password, Path privateKey, String passphrase) {
        this.serverId = serverId;
        this.username = username;
        this.password = password;
        this.privateKey = privateKey;
        this.passphrase = passphrase;
    }

    public String serverId() {
        return serverId;
    }

    Path privateKey() {
        return privateKey;
    }

    /**
     * Answers JGit's questions: for HTTPS the username (default "token", for a token given as the password) and
     * password; for SSH the key's passphrase. It says no to every yes/no question, which is how a host key that
     * known_hosts does not vouch for gets refused instead of accepted.
     */
    CredentialsProvider provider() {
        return new CredentialsProvider() {
            @Override
            public boolean isInteractive() {
                return false;
            }

            @Override
            public boolean supports(CredentialItem... items) {
                return true;
            }

            @Override
            public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
                boolean http = uri != null && uri.getScheme() != null && uri.getScheme().startsWith("http");
                for (CredentialItem item : items) {
                    if (item instanceof CredentialItem.Username u) {
                        u.setValue(username == null || username.isEmpty() ? "token" : username);
                    } else if (item instanceof CredentialItem.Password p) {
                        String secret = http || passphrase == null ? password : passphrase;
                        if (secret == null) {
                            return false;
                        }
                        p.setValue(secret.toCharArray());
                    } else if (item instanceof CredentialItem.YesNoType yesNo) {
                        yesNo.setValue(false);
                    } else if (!(item instanceof CredentialItem.InformationalMessage)) {
                        return false;
                    }
                }
                return true;
            }
        };
    }

    @Override
    public String toString() {
        return "credentials of server '" + serverId + "'";
    }
}
