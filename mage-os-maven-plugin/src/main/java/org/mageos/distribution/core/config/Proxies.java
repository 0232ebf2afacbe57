package org.mageos.distribution.core.config;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The settings.xml proxies of a build, for every request the plugin makes over HTTP(S): git (JGit follows the JVM's
 * {@link ProxySelector}), published repositories (their HTTP client follows it too) and S3 (its SDK gets the proxy of
 * its endpoint, see the deploy target). A URL of {@code https} goes through the proxy of protocol {@code https}, else
 * through the one of protocol {@code http} (Maven's guide declares a single {@code http} proxy for every repository);
 * a URL of {@code http} only through the one of protocol {@code http}. Proxy credentials are given when the proxy asks
 * (HTTP 407), by the JVM's {@link Authenticator}.
 */
public final class Proxies {

    /** No proxy configured: the JVM's own defaults (system properties {@code http.proxyHost} and the like) apply. */
    public static final Proxies NONE = new Proxies(List.of());

    /** The JVM's selector and authenticator before any build installed its own, restored by {@link #NONE}. */
    private static final ProxySelector JVM_SELECTOR = ProxySelector.getDefault();
    private static final Authenticator JVM_AUTHENTICATOR = Authenticator.getDefault();

    private final List<NetworkProxy> proxies;

    private Proxies(List<NetworkProxy> proxies) {
        this.proxies = List.copyOf(proxies);
    }

    /** @param proxies the active proxies, the first of each protocol used */
    public static Proxies of(List<NetworkProxy> proxies) {
        return proxies == null || proxies.isEmpty() ? NONE : new Proxies(proxies);
    }

    public boolean isEmpty() {
        return proxies.isEmpty();
    }

    /** The proxy a request to {@code uri} goes through; null to go direct (another scheme, or a host that bypasses it). */
    public NetworkProxy forUri(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        NetworkProxy proxy = first(scheme);
        if (proxy == null && scheme.equals("https")) {
            proxy = first("http");
        }
        return proxy == null || proxy.bypasses(uri.getHost()) ? null : proxy;
    }

    private NetworkProxy first(String protocol) {
        for (NetworkProxy p : proxies) {
            if (p.protocol().equals(protocol)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Makes these proxies the JVM's for the rest of the build: its default {@link ProxySelector} (URLs these proxies
     * do not cover go as the JVM's own selector says) and {@link Authenticator} (proxy credentials; other requests go
     * to the JVM's own). {@link #NONE} puts the JVM's own back. When a proxy has credentials, Basic authentication is
     * allowed for HTTPS tunnels ({@code jdk.http.auth.tunneling.disabledSchemes}, unless set), which the JDK disables
     * by default; the JDK reads that property once, when its HTTP client first connects.
     */
    public void install() {
        if (proxies.isEmpty()) {
            ProxySelector.setDefault(JVM_SELECTOR);
            Authenticator.setDefault(JVM_AUTHENTICATOR);
            return;
        }
        ProxySelector.setDefault(new Selector(this));
        Authenticator.setDefault(new Credentials(this));
        if (proxies.stream().anyMatch(p -> p.username() != null) && System.getProperty("jdk.http.auth.tunneling.disabledSchemes") == null) {
            System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
        }
    }

    @Override
    public String toString() {
        return "Proxies" + proxies;
    }

    /** HTTP(S) URLs through the proxy that covers them; any other URL as the JVM's own selector says. */
    private static final class Selector extends ProxySelector {
        private final Proxies proxies;

        Selector(Proxies proxies) {
            this.proxies = proxies;
        }

        @Override
        public List<Proxy> select(URI uri) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return JVM_SELECTOR != null ? JVM_SELECTOR.select(uri) : List.of(Proxy.NO_PROXY);
            }
            NetworkProxy p = proxies.forUri(uri);
            return List.of(p == null ? Proxy.NO_PROXY : new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.host(), p.port())));
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            // the request fails with its own error, which names the URL
        }
    }

    /** The credentials of the proxy that asks for them; anything else asked of the JVM's own authenticator. */
    private static final class Credentials extends Authenticator {
        private final Proxies proxies;

        Credentials(Proxies proxies) {
            this.proxies = proxies;
        }

        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
            if (getRequestorType() == RequestorType.PROXY) {
                for (NetworkProxy p : proxies.proxies) {
                    if (p.username() != null && p.host().equalsIgnoreCase(getRequestingHost()) && p.port() == getRequestingPort()) {
                        return new PasswordAuthentication(p.username(), p.password() == null ? new char[0] : p.password().toCharArray());
                    }
                }
                return null;
            }
            return JVM_AUTHENTICATOR == null ? null : JVM_AUTHENTICATOR.requestPasswordAuthenticationInstance(getRequestingHost(),
                    getRequestingSite(), getRequestingPort(), getRequestingProtocol(), getRequestingPrompt(), getRequestingScheme(),
                    getRequestingURL(), getRequestorType());
        }
    }
}
