package org.mageos.distribution.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A settings.xml {@code <proxy>}, active and decrypted by Maven: the HTTP proxy for URLs of {@code protocol}
 * ({@code http} or {@code https}), except to the hosts {@code nonProxyHosts} names. Messages name {@code id}, never the
 * password.
 *
 * @param nonProxyHosts host names that bypass the proxy, separated by {@code |} (or {@code ,}); {@code *} stands for
 *                      any characters ({@code localhost|*.example.org|10.*}), as in Maven and the JDK; null for none
 * @param username      null when the proxy asks for no credentials
 */
public record NetworkProxy(String id, String protocol, String host, int port, String username, String password, String nonProxyHosts) {

    public NetworkProxy {
        if (host == null || host.trim().isEmpty()) {
            throw new org.mageos.distribution.core.DistributionException("<proxy> '" + id + "' in settings.xml has no <host>");
        }
        host = host.trim();
        protocol = protocol == null || protocol.trim().isEmpty() ? "http" : protocol.trim().toLowerCase(Locale.ROOT);
        if (port <= 0 || port > 65535) {
            throw new org.mageos.distribution.core.DistributionException("<proxy> '" + id + "' in settings.xml: <port>" + port
                    + "</port> is not a port");
        }
    }

    /** Whether a request to {@code requestHost} goes around the proxy. */
    public boolean bypasses(String requestHost) {
        String h = requestHost == null ? "" : requestHost.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        for (Pattern p : nonProxyPatterns()) {
            if (p.matcher(h).matches()) {
                return true;
            }
        }
        return false;
    }

    /** {@code nonProxyHosts} as regular expressions, case-insensitive, one per host pattern. */
    public List<Pattern> nonProxyPatterns() {
        List<Pattern> patterns = new ArrayList<>();
        if (nonProxyHosts == null) {
            return patterns;
        }
        for (String glob : nonProxyHosts.split("[|,]")) {
            String g = glob.trim().toLowerCase(Locale.ROOT).replaceAll("^\\[(.*)]$", "$1"); // [::1] as URI.getHost() gives it, unbracketed
            if (!g.isEmpty()) {
                List<String> parts = new ArrayList<>();
                for (String part : g.split("\\*", -1)) {
                    parts.add(Pattern.quote(part));
                }
                patterns.add(Pattern.compile(String.join(".*", parts), Pattern.CASE_INSENSITIVE));
            }
        }
        return patterns;
    }

    @Override
    public String toString() {
        return "NetworkProxy[<proxy> '" + id + "' " + protocol + " " + host + ":" + port + "]";
    }
}
