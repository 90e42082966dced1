package io.github.qwenlangchain4j.internal.client;

import java.net.Proxy;
import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Answers an HTTP proxy's {@code 407 Proxy Authentication Required} with Basic credentials. OkHttp asks a proxy
 * authenticator only for the proxy's own challenges (never for a 401 of the server), so the credentials go to the
 * proxy only: in the {@code CONNECT} of an HTTPS tunnel (preemptively, saving a round trip), or on a plain-HTTP
 * request to the proxy. They are never logged: the library logs the request before OkHttp adds the header, and
 * masks {@code Proxy-Authorization} anyway.
 */
final class ProxyCredentials implements Authenticator {

    private final String username;
    private final String credential;

    private ProxyCredentials(String username, String password) {
        this.username = username;
        this.credential = Credentials.basic(username, password);
    }

    /**
     * Validates the proxy settings and applies them to {@code builder}: {@code proxy} (when not null) replaces the
     * client's, the credentials (when a username is set) answer its challenges.
     *
     * @param base the client the builder was derived from, whose proxy the credentials may be meant for
     */
    static void apply(OkHttpClient.Builder builder, OkHttpClient base, Proxy proxy, String username, String password) {
        if (proxy != null) {
            builder.proxy(proxy);
        }
        if (username == null && password == null) {
            return;
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException(
                    "proxyAuthentication needs a username; it was " + (username == null ? "null" : "blank"));
        }
        if (password == null) {
            throw new IllegalArgumentException("proxyAuthentication needs a password (it may be empty); it was null");
        }
        Proxy effective = proxy != null ? proxy : base.proxy();
        if (effective == null || effective.type() == Proxy.Type.DIRECT) {
            throw new IllegalArgumentException("proxyAuthentication is set but no proxy is: set proxy(new Proxy("
                    + "Proxy.Type.HTTP, new InetSocketAddress(host, port))) too");
        }
        if (effective.type() != Proxy.Type.HTTP) {
            throw new IllegalArgumentException("proxyAuthentication works with HTTP proxies only; the proxy is "
                    + effective.type() + ", whose credentials the JDK reads from java.net.Authenticator.setDefault");
        }
        builder.proxyAuthenticator(new ProxyCredentials(username, password));
    }

    @Override
    public Request authenticate(Route route, Response response) {
        if (response.request().header("Proxy-Authorization") != null) {
            return null; // these credentials were refused already: sending them again would loop
        }
        return response.request()
                .newBuilder()
                .header("Proxy-Authorization", credential)
                .build();
    }

    @Override
    public String toString() {
        return "ProxyCredentials{username=" + username + ", password=" + Redactor.MASK + "}";
    }
}
