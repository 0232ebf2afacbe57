package org.mageos.distribution.core.git;

import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Credentials for one source, taken from a settings.xml {@code <server>} (already decrypted). Never printed:
 * {@link #toString()} names only the server.
 */
public final class GitCredentials {

    private final String serverId;
    private final String username;
    private final String password;

    public GitCredentials(String serverId, String username, String password) {
        this.serverId = serverId;
        this.username = username;
        this.password = password;
    }

    public String serverId() {
        return serverId;
    }

    /** For HTTPS: username and password, or a token as the password (the username then defaults to "token"). */
    CredentialsProvider provider() {
        String user = username == null || username.isEmpty() ? "token" : username;
        return new UsernamePasswordCredentialsProvider(user, password == null ? "" : password);
    }

    @Override
    public String toString() {
        return "credentials of server '" + serverId + "'";
    }
}
