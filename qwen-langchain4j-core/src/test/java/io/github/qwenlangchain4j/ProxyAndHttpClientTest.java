package io.github.qwenlangchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.langchain4j.exception.AuthenticationException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Proxies (with Basic authentication) and a user's own OkHttp client, through a real forwarding proxy on a loopback
 * port ({@link LocalHttpProxy}) in front of WireMock: the API key reaches Qwen (and, over HTTPS, never the proxy),
 * the proxy credentials reach the proxy only, the library's logs (at TRACE in this module's tests,
 * see simplelogger.properties) show neither, and a user's client keeps its interceptors without losing the
 * library's timeouts, retries and daemon dispatcher. The answers are Qwen's documented non-streaming and streaming
 * chat bodies (fixtures/chat, from the Model Studio "OpenAI compatible - Chat" reference).
 */
@Isolated // reads everything the library logs to System.err
class ProxyAndHttpClientTest extends QwenWireMockSupport {

    private static final String PROXY_USER = "corp-user";
    private static final String PROXY_PASSWORD = "proxy-SECRET-pass-42";
    private static final String PROXY_CREDENTIAL = Base64.getEncoder()
            .encodeToString((PROXY_USER + ":" + PROXY_PASSWORD).getBytes(StandardCharsets.ISO_8859_1));

    @RegisterExtension
    final CapturedLogs captured = new CapturedLogs();

    private String logs() {
        return captured.text();
    }

    private void assertNoCredentialIn(String text) {
        assertThat(text).doesNotContain(API_KEY).doesNotContain(PROXY_PASSWORD).doesNotContain(PROXY_CREDENTIAL);
    }

    @Nested
    class Through_an_http_proxy {

        @Test
        void should_send_the_key_to_the_target_and_the_proxy_credentials_to_the_proxy_only() throws Exception {
            stubBasicAnswer();
            try (LocalHttpProxy proxy = new LocalHttpProxy(PROXY_USER, PROXY_PASSWORD)) {
                QwenChatModel model = model().proxy(proxy.proxy())
                        .proxyAuthentication(PROXY_USER, PROXY_PASSWORD)
                        .logRequests(true)
                        .logResponses(true)
                        .build();

                String answer = model.chat("hello");

                assertThat(answer).isNotBlank();
                List<String> heads = proxy.heads();
                assertThat(heads).hasSize(2); // challenged once, then let through
                assertThat(heads.get(0)).startsWith("POST http://localhost:").doesNotContain("Proxy-Authorization");
                assertThat(heads.get(1)).contains("Proxy-Authorization: Basic " + PROXY_CREDENTIAL);
                LoggedRequest atTarget =
                        server.findAll(anyRequestedFor(anyUrl())).get(0);
                assertThat(atTarget.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
                assertThat(atTarget.containsHeader("Proxy-Authorization")).isFalse();
                assertThat(logs()).contains("Request:").contains("Authorization: Bearer ***");
                assertNoCredentialIn(logs());
            }
        }

        @Test
        void should_fail_once_with_an_authentication_error_when_the_proxy_refuses_the_credentials() throws Exception {
            stubBasicAnswer();
            try (LocalHttpProxy proxy = new LocalHttpProxy(PROXY_USER, PROXY_PASSWORD)) {
                QwenChatModel model = model().proxy(proxy.proxy())
                        .proxyAuthentication(PROXY_USER, "wrong-password")
                        .maxRetries(2)
                        .logRequests(true)
                        .logResponses(true)
                        .build();

                Throwable thrown = catchThrowable(() -> model.chat("hello"));

                assertThat(thrown)
                        .isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("proxy")
                        .hasMessageContaining("407")
                        .hasMessageNotContaining("wrong-password");
                assertThat(proxy.heads())
                        .as("one challenge, one refused answer, no retries")
                        .hasSize(2);
                assertThat(requestCount()).isZero();
                assertThat(logs()).doesNotContain("wrong-password");
            }
        }

        @Test
        void should_ask_for_credentials_when_the_proxy_wants_some_and_none_are_set() throws Exception {
            stubBasicAnswer();
            try (LocalHttpProxy proxy = new LocalHttpProxy(PROXY_USER, PROXY_PASSWORD)) {
                QwenChatModel model = model().proxy(proxy.proxy()).build();

                assertThatThrownBy(() -> model.chat("hello"))
                        .isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("langchain4j.qwen.proxy.username");
                assertThat(proxy.heads()).hasSize(1);
            }
        }
    }

    /** HTTPS goes through a CONNECT tunnel: the proxy sees the host and the proxy credentials, nothing else. */
    @Nested
    class Through_an_https_tunnel {

        private WireMockServer https;

        @BeforeEach
        void startHttps() {
            https = new WireMockServer(
                    WireMockConfiguration.options().dynamicPort().dynamicHttpsPort());
            https.start();
        }

        @AfterEach
        void stopHttps() {
            https.stop();
        }

        @Test
        void should_show_the_proxy_neither_the_key_nor_the_conversation() throws Exception {
            https.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(CHAT_PATH)
                    .willReturn(sse(Fixtures.sseFromJsonLines("chat/stream_basic.sse.jsonl"))));
            try (LocalHttpProxy proxy = new LocalHttpProxy(PROXY_USER, PROXY_PASSWORD)) {
                RecordingHandler handler = new RecordingHandler();
                QwenStreamingChatModel model = QwenStreamingChatModel.builder()
                        .apiKey(API_KEY)
                        .baseUrl("https://localhost:" + https.httpsPort() + "/compatible-mode/v1")
                        .httpClient(trustingWireMocksCertificate())
                        .proxy(proxy.proxy())
                        .proxyAuthentication(PROXY_USER, PROXY_PASSWORD)
                        .logRequests(true)
                        .logResponses(true)
                        .build();

                model.chat("a secret question", handler);

                assertThat(handler.awaitResponse().aiMessage().text()).isNotBlank();
                assertThat(proxy.heads())
                        .singleElement()
                        .satisfies(head -> assertThat(head)
                                .startsWith("CONNECT localhost:" + https.httpsPort())
                                // OkHttp offers the credentials with the first CONNECT: no 407 round trip
                                .contains("Proxy-Authorization: Basic " + PROXY_CREDENTIAL)
                                .doesNotContain(API_KEY));
                assertThat(proxy.tunnelledBytes())
                        .isNotEmpty()
                        .doesNotContain(API_KEY)
                        .doesNotContain("Bearer")
                        .doesNotContain("a secret question");
                LoggedRequest atTarget =
                        https.findAll(anyRequestedFor(anyUrl())).get(0);
                assertThat(atTarget.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
                assertThat(atTarget.containsHeader("Proxy-Authorization")).isFalse();
                assertNoCredentialIn(logs());
            }
        }

        @Test
        void should_fail_with_an_authentication_error_when_the_proxy_refuses_the_tunnel() throws Exception {
            try (LocalHttpProxy proxy = new LocalHttpProxy(PROXY_USER, PROXY_PASSWORD)) {
                QwenChatModel model = QwenChatModel.builder()
                        .apiKey(API_KEY)
                        .baseUrl("https://localhost:" + https.httpsPort() + "/compatible-mode/v1")
                        .httpClient(trustingWireMocksCertificate())
                        .maxRetries(2)
                        .proxy(proxy.proxy())
                        .proxyAuthentication(PROXY_USER, "wrong-password")
                        .build();

                Throwable thrown = catchThrowable(() -> model.chat("hello"));

                assertThat(thrown)
                        .isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("proxy")
                        .hasMessageNotContaining("wrong-password");
                assertThat(proxy.heads())
                        .as("the preemptive CONNECT, refused; no retries")
                        .hasSize(1);
                assertThat(https.getAllServeEvents()).isEmpty();
            }
        }
    }

    @Nested
    class Proxy_settings_validation {

        @Test
        void should_refuse_credentials_without_a_proxy() {
            assertThatThrownBy(() -> model().proxyAuthentication(PROXY_USER, PROXY_PASSWORD)
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("proxyAuthentication is set but no proxy is");
        }

        @Test
        void should_refuse_credentials_for_a_socks_proxy() {
            Proxy socks = new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", 1080));

            assertThatThrownBy(() -> model().proxy(socks)
                            .proxyAuthentication(PROXY_USER, PROXY_PASSWORD)
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("HTTP proxies only")
                    .hasMessageNotContaining(PROXY_PASSWORD);
        }

        @Test
        void should_refuse_a_blank_username_or_a_null_password() {
            Proxy proxy = new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", 3128));

            assertThatThrownBy(() -> model().proxy(proxy)
                            .proxyAuthentication(" ", PROXY_PASSWORD)
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("needs a username");
            assertThatThrownBy(() -> model().proxy(proxy)
                            .proxyAuthentication(PROXY_USER, null)
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("needs a password");
        }

        @Test
        void should_accept_credentials_for_the_proxy_of_the_users_client() {
            OkHttpClient theirs = new OkHttpClient.Builder()
                    .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", 3128)))
                    .build();

            assertThat(model().httpClient(theirs)
                            .proxyAuthentication(PROXY_USER, PROXY_PASSWORD)
                            .build())
                    .isNotNull();
        }
    }

    @Nested
    class With_the_users_own_client {

        @Test
        void should_keep_their_interceptors_and_use_the_proxy_of_their_client() throws Exception {
            stubBasicAnswer();
            try (LocalHttpProxy proxy = new LocalHttpProxy(null, null)) {
                OkHttpClient theirs = new OkHttpClient.Builder()
                        .proxy(proxy.proxy())
                        .addInterceptor(chain -> chain.proceed(chain.request()
                                .newBuilder()
                                .header("X-Corp-Trace", "trace-1")
                                .build()))
                        .build();

                model().httpClient(theirs).build().chat("hello");

                assertThat(proxy.heads()).singleElement().asString().contains("X-Corp-Trace: trace-1");
                assertThat(server.findAll(anyRequestedFor(anyUrl())).get(0).getHeader("Authorization"))
                        .isEqualTo("Bearer " + API_KEY);
            }
        }

        @Test
        void should_still_drop_the_key_on_a_redirect_to_another_host() {
            WireMockServer other =
                    new WireMockServer(WireMockConfiguration.options().dynamicPort());
            other.start();
            try {
                other.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(CHAT_PATH)
                        .willReturn(json(Fixtures.read("chat/chat_response_nonstream_basic.json"))));
                // "127.0.0.1" vs the base URL's "localhost": another host for OkHttp, the same machine for the test
                stubChat(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(307)
                        .withHeader("Location", "http://127.0.0.1:" + other.port() + CHAT_PATH));
                OkHttpClient theirs = new OkHttpClient.Builder()
                        .followRedirects(true)
                        .followSslRedirects(true)
                        .build();

                catchThrowable(
                        () -> model().httpClient(theirs).maxRetries(0).build().chat("hello"));

                assertThat(other.findAll(anyRequestedFor(anyUrl())))
                        .singleElement()
                        .satisfies(followed -> assertThat(followed.containsHeader("Authorization"))
                                .isFalse());
            } finally {
                other.stop();
            }
        }

        @Test
        void should_apply_our_timeout_over_theirs() {
            stubChat(json(Fixtures.read("chat/chat_response_nonstream_basic.json"))
                    .withFixedDelay(300));
            OkHttpClient theirs =
                    new OkHttpClient.Builder().readTimeout(Duration.ofMillis(1)).build();

            String answer = model().httpClient(theirs)
                    .timeout(Duration.ofSeconds(30))
                    .build()
                    .chat("hello");

            assertThat(answer).isNotBlank();
            assertThat(theirs.readTimeoutMillis())
                    .as("their client is left as it was")
                    .isEqualTo(1);
        }

        @Test
        void should_retry_per_our_policy_only() {
            // OkHttp itself would repeat a 503 that says Retry-After: 0, whatever its retryOnConnectionFailure says.
            stubChat(error(503, openAiError("ServiceUnavailable", "busy")).withHeader("Retry-After", "0"));
            OkHttpClient theirs =
                    new OkHttpClient.Builder().retryOnConnectionFailure(true).build();

            catchThrowable(
                    () -> model().httpClient(theirs).maxRetries(0).build().chat("hello"));

            assertThat(requestCount()).isEqualTo(1);
        }

        @Test
        void should_run_streams_on_our_daemon_dispatcher() throws Exception {
            stubChat(sse(Fixtures.sseFromJsonLines("chat/stream_basic.sse.jsonl")));
            List<Thread> threads = new CopyOnWriteArrayList<>();
            OkHttpClient theirs = new OkHttpClient.Builder()
                    .addInterceptor(chain -> {
                        threads.add(Thread.currentThread());
                        return chain.proceed(chain.request());
                    })
                    .build();
            RecordingHandler handler = new RecordingHandler();

            QwenStreamingChatModel.builder()
                    .apiKey(API_KEY)
                    .baseUrl(baseUrl())
                    .httpClient(theirs)
                    .build()
                    .chat("hello", handler);
            handler.awaitResponse();

            // OkHttp's own dispatcher, which their client has, runs calls on threads that are not daemons
            assertThat(theirs.dispatcher()
                            .executorService()
                            .submit(() -> Thread.currentThread().isDaemon())
                            .get())
                    .isFalse();
            assertThat(threads).singleElement().extracting(Thread::isDaemon).isEqualTo(true);
        }
    }

    /**
     * A client that trusts WireMock's self-signed certificate, as a user's client trusts a corporate CA: test-only
     * trust of anything, over loopback.
     */
    private static OkHttpClient trustingWireMocksCertificate() throws Exception {
        X509TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, null);
        return new OkHttpClient.Builder()
                .sslSocketFactory(context.getSocketFactory(), trustAll)
                .hostnameVerifier((host, session) -> true)
                .build();
    }
}
