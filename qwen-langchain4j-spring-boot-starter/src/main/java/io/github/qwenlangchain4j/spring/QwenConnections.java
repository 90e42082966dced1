package io.github.qwenlangchain4j.spring;

import static io.github.qwenlangchain4j.spring.PropertyChecks.require;

import io.github.qwenlangchain4j.QwenConnectionBuilder;
import io.github.qwenlangchain4j.QwenRegion;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.Map;
import okhttp3.HttpUrl;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The connection wiring every Qwen bean shares, in one place: the top-level {@code langchain4j.qwen.*} properties
 * (or a named model's overrides of them), {@code proxy.*} and the client of the {@link QwenHttpClientCustomizer}
 * beans, applied to a builder. Each value is checked under the property that set it before it reaches the builder.
 *
 * <p>These rules are written here rather than asked of the library: it applies them only while creating its HTTP
 * client, which also registers the call limit and may log a warning, so it cannot be asked about one value alone.
 * Their wording follows the library's.
 */
final class QwenConnections {

    private static final String PREFIX = QwenProperties.PREFIX + ".";

    private QwenConnections() {}

    /** Applies the shared connection properties: for the beans that have no named variants. */
    static <B extends QwenConnectionBuilder<?, B>> B apply(B builder, QwenProperties properties, QwenHttpClient http) {
        return apply(builder, properties, ConnectionOverrides.NONE, http);
    }

    /**
     * Applies the shared connection properties, a named model's {@code overrides} on top, the proxy and the
     * customized client ({@code http}). A named model that sets a region without a base URL calls that region,
     * whatever the shared base URL.
     */
    static <B extends QwenConnectionBuilder<?, B>> B apply(
            B builder, QwenProperties properties, ConnectionOverrides overrides, QwenHttpClient http) {
        boolean ownRegion = overrides.region() != null && overrides.baseUrl() == null;
        // offline, the key is the mock's: an empty one, as ${DASHSCOPE_API_KEY:} gives, is no mistake then
        builder.apiKey(http.offline() != null ? http.offline().apiKey() : apiKey(properties, overrides))
                .region(firstSet(overrides.region(), properties.region()))
                .workspace(ownRegion || overrides.baseUrl() != null ? null : workspace(properties))
                .baseUrl(
                        ownRegion
                                ? null
                                : require(
                                        overrides.property("base-url", overrides.baseUrl()),
                                        firstSet(overrides.baseUrl(), properties.baseUrl()),
                                        QwenConnections::isHttpUrl,
                                        "baseUrl is not a valid http(s) URL"))
                .timeout(require(
                        overrides.property("timeout", overrides.timeout()),
                        firstSet(overrides.timeout(), properties.timeout()),
                        timeout -> !timeout.isNegative() && !timeout.isZero(),
                        "timeout must be positive"))
                .maxRetries(require(
                        overrides.property("max-retries", overrides.maxRetries()),
                        firstSet(overrides.maxRetries(), properties.maxRetries()),
                        retries -> retries >= 0,
                        "maxRetries must be 0 or more"))
                .maxConcurrentCalls(require(
                        PREFIX + "max-concurrent-calls",
                        properties.maxConcurrentCalls(),
                        limit -> limit >= 1,
                        "maxConcurrentCalls must be 1 or more (or unset for no limit)"))
                .logRequests(firstSet(overrides.logRequests(), properties.logRequests()))
                .logResponses(firstSet(overrides.logResponses(), properties.logResponses()))
                .httpClient(http.client());
        return http.offline() != null ? offline(builder, http.offline()) : proxy(builder, properties.proxy(), http);
    }

    /**
     * Points the builder at the offline server, whatever region, base URL or proxy the properties name: a named
     * model's own region or URL would otherwise call Qwen, and a proxy would be asked for a loopback address.
     */
    private static <B extends QwenConnectionBuilder<?, B>> B offline(B builder, QwenOfflineServer offline) {
        return builder.region(null).baseUrl(offline.baseUrl());
    }

    /**
     * The base URL a model built with {@link #apply(QwenConnectionBuilder, QwenProperties, ConnectionOverrides,
     * QwenHttpClient)} calls, chosen as {@code apply} and the library choose it: the offline mock when there is one, a
     * named model's own region without a
     * base URL wins, then a base URL, then the shared workspace's domain in the region, then a region, then Singapore. The observations report its host and port.
     */
    static String baseUrl(QwenProperties properties, ConnectionOverrides overrides, QwenOfflineServer offline) {
        if (offline != null) {
            return offline.baseUrl(); // offline, every model calls the mock
        }
        boolean ownRegion = overrides.region() != null && overrides.baseUrl() == null;
        String baseUrl = ownRegion ? null : firstSet(overrides.baseUrl(), properties.baseUrl());
        if (baseUrl != null) {
            return baseUrl;
        }
        QwenRegion region = firstSet(overrides.region(), properties.region());
        QwenRegion resolved = region != null ? region : QwenRegion.SINGAPORE;
        String workspace = ownRegion ? null : properties.workspace();
        return workspace != null && !workspace.isBlank()
                ? resolved.workspaceBaseUrl(workspace.strip())
                : resolved.baseUrl();
    }

    /**
     * The key; a named model's override must not be blank (a blank shared key creates no bean at all). Only a blank
     * value can reach the message, never a key.
     */
    private static String apiKey(QwenProperties properties, ConnectionOverrides overrides) {
        return require(
                overrides.property("api-key", overrides.apiKey()),
                firstSet(overrides.apiKey(), properties.apiKey()),
                key -> !key.isBlank(),
                "an API key must not be blank; remove the property to" + " use " + PREFIX + "api-key");
    }

    /**
     * The shared workspace id, checked as the library checks it; not together with a shared base URL, which names a
     * host of its own.
     */
    private static String workspace(QwenProperties properties) {
        String workspace = require(
                PREFIX + "workspace",
                properties.workspace(),
                QwenConnections::isWorkspaceId,
                "workspace must be a workspace id such as ws-a1b2c3d4e5f6 (letters, digits and inner hyphens), not a"
                        + " host or URL; for a URL use " + PREFIX + "base-url");
        if (workspace != null && properties.baseUrl() != null) {
            throw new InvalidConfigurationPropertyValueException(
                    PREFIX + "workspace",
                    workspace,
                    "workspace and " + PREFIX + "base-url both name the host to call; set one");
        }
        return workspace;
    }

    private static boolean isWorkspaceId(String workspace) {
        try {
            QwenRegion.checkWorkspaceId(workspace);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** What the library's client accepts: an http or https URL with a host. */
    private static boolean isHttpUrl(String url) {
        return HttpUrl.parse(url + "/") != null;
    }

    /**
     * Applies {@code proxy.*}: a host gives a proxy of its type (HTTP by default), {@code type=direct} none; then the
     * credentials, which need an HTTP proxy (this one or the customized client's).
     */
    private static <B extends QwenConnectionBuilder<?, B>> B proxy(
            B builder, QwenProperties.Proxy proxy, QwenHttpClient http) {
        Proxy configured = proxyOf(proxy);
        if (configured != null) {
            builder.proxy(configured);
        }
        if (proxy.username() != null || proxy.password() != null) {
            checkCredentials(
                    proxy,
                    configured != null
                            ? configured
                            : http.client() != null ? http.client().proxy() : null);
            builder.proxyAuthentication(proxy.username(), proxy.password());
        }
        return builder;
    }

    /** The proxy {@code proxy.*} describes, or null when it describes none. */
    private static Proxy proxyOf(QwenProperties.Proxy proxy) {
        Proxy.Type type = proxy.type() != null ? proxy.type() : Proxy.Type.HTTP;
        if (type == Proxy.Type.DIRECT) {
            return Proxy.NO_PROXY;
        }
        if (proxy.host() == null || proxy.host().isBlank()) {
            return null;
        }
        if (proxy.port() == null || proxy.port() < 1 || proxy.port() > 65535) {
            throw new InvalidConfigurationPropertyValueException(
                    PREFIX + "proxy.port",
                    proxy.port(),
                    "A proxy needs a port from 1 to 65535 with " + PREFIX + "proxy.host");
        }
        // unresolved: OkHttp resolves the proxy's name on each new connection, so a DNS change is followed
        return new Proxy(type, InetSocketAddress.createUnresolved(proxy.host().strip(), proxy.port()));
    }

    /** Refuses credentials that could not be sent; the password is never part of a message. */
    private static void checkCredentials(QwenProperties.Proxy proxy, Proxy effective) {
        String username = PREFIX + "proxy.username";
        if (proxy.username() == null || proxy.username().isBlank()) {
            throw new InvalidConfigurationPropertyValueException(
                    username, proxy.username(), "proxy credentials need a username");
        }
        if (proxy.password() == null) {
            throw new InvalidConfigurationPropertyValueException(
                    PREFIX + "proxy.password", null, "proxy credentials need a password (it may be empty)");
        }
        if (effective == null || effective.type() == Proxy.Type.DIRECT) {
            throw new InvalidConfigurationPropertyValueException(
                    username,
                    proxy.username(),
                    "proxy credentials are" + " set but no proxy is: set " + PREFIX + "proxy.host and " + PREFIX
                            + "proxy.port too");
        }
        if (effective.type() != Proxy.Type.HTTP) {
            throw new InvalidConfigurationPropertyValueException(
                    username,
                    proxy.username(),
                    "proxy credentials work"
                            + " with HTTP proxies only; the proxy is " + effective.type()
                            + ", whose credentials the JDK"
                            + " reads from java.net.Authenticator.setDefault");
        }
    }

    static <T> T firstSet(T override, T shared) {
        return override != null ? override : shared;
    }

    /** A section's custom headers or parameters, or null for none: unset maps bind as empty ones. */
    static <K, V> Map<K, V> emptyToNull(Map<K, V> map) {
        return map == null || map.isEmpty() ? null : map;
    }
}
