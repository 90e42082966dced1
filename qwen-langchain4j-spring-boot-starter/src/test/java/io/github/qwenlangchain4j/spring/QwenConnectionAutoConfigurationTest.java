package io.github.qwenlangchain4j.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.github.qwenlangchain4j.spring.QwenWireMock.ANSWER;
import static io.github.qwenlangchain4j.spring.QwenWireMock.API_KEY;
import static io.github.qwenlangchain4j.spring.QwenWireMock.CHAT_PATH;
import static io.github.qwenlangchain4j.spring.QwenWireMock.EMBEDDINGS_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.qwenlangchain4j.QwenChatModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.annotation.Order;

/**
 * {@code langchain4j.qwen.proxy.*} and {@link QwenHttpClientCustomizer} beans, applied to every Qwen bean. The proxy
 * is a second WireMock server in forward-proxy mode that asks for Basic credentials (407) and forwards requests
 * that carry them to the WireMock standing in for Qwen. (That the credentials never reach Qwen and never show in
 * logs, through a proxy that strips them and through an HTTPS tunnel, is proven in core's ProxyAndHttpClientTest.)
 */
@ExtendWith(OutputCaptureExtension.class)
@Isolated // captures what the whole process prints
class QwenConnectionAutoConfigurationTest {

    private static final String PROXY_PASSWORD = "proxy-SECRET-pass-7";
    private static final String PROXY_CREDENTIAL =
            Base64.getEncoder().encodeToString(("corp-user:" + PROXY_PASSWORD).getBytes(StandardCharsets.ISO_8859_1));

    private final QwenWireMock qwen = new QwenWireMock();
    private final WireMockServer proxy =
            new WireMockServer(WireMockConfiguration.options().dynamicPort().enableBrowserProxying(true));

    private final ApplicationContextRunner runner = QwenAutoConfigurations.runner(API_KEY, qwen.baseUrl());

    QwenConnectionAutoConfigurationTest() {
        proxy.start();
        // Requests without credentials are challenged; the others match no stub and are forwarded.
        proxy.stubFor(any(anyUrl())
                .withHeader("Proxy-Authorization", absent())
                .willReturn(aResponse().withStatus(407).withHeader("Proxy-Authenticate", "Basic realm=\"corp\"")));
    }

    @AfterEach
    void stop() {
        proxy.stop();
        qwen.close();
    }

    private List<ServeEvent> proxied() {
        List<ServeEvent> events = new ArrayList<>(proxy.getAllServeEvents());
        java.util.Collections.reverse(events); // WireMock lists the newest first
        return events;
    }

    @Test
    void should_send_every_bean_through_the_proxy_with_its_credentials(CapturedOutput output) {
        runner.withPropertyValues(
                        "langchain4j.qwen.proxy.host=127.0.0.1",
                        "langchain4j.qwen.proxy.port=" + proxy.port(),
                        "langchain4j.qwen.proxy.username=corp-user",
                        "langchain4j.qwen.proxy.password=" + PROXY_PASSWORD,
                        "langchain4j.qwen.chat-models.router.model-name=qwen-flash",
                        "langchain4j.qwen.log-requests=true",
                        "langchain4j.qwen.log-responses=true")
                .run(context -> {
                    assertThat(context.getBean(ChatModel.class).chat("hello")).isEqualTo(ANSWER);
                    assertThat(context.getBean("routerChatModel", ChatModel.class)
                                    .chat("hello"))
                            .isEqualTo(ANSWER);
                    context.getBean(EmbeddingModel.class).embed("hello");

                    List<ServeEvent> events = proxied();
                    assertThat(events).hasSize(6); // each challenged once, then forwarded
                    for (int i = 0; i < events.size(); i += 2) {
                        assertThat(events.get(i).getResponse().getStatus()).isEqualTo(407);
                        assertThat(events.get(i + 1).getRequest().getHeader("Proxy-Authorization"))
                                .isEqualTo("Basic " + PROXY_CREDENTIAL);
                    }
                    assertThat(events.get(1).getRequest().getAbsoluteUrl())
                            .isEqualTo(qwen.baseUrl() + "/chat/completions");
                    assertThat(events.get(5).getRequest().getAbsoluteUrl()).endsWith(EMBEDDINGS_PATH);
                    assertThat(qwen.requests(CHAT_PATH))
                            .hasSize(2)
                            .allSatisfy(request -> assertThat(request.getHeader("Authorization"))
                                    .isEqualTo("Bearer " + API_KEY));
                    assertThat(qwen.requests(EMBEDDINGS_PATH)).hasSize(1);
                    assertThat(output.getAll())
                            .contains("Request:")
                            .doesNotContain(PROXY_PASSWORD)
                            .doesNotContain(PROXY_CREDENTIAL)
                            .doesNotContain(API_KEY);
                    assertThat(context.getBean(QwenProperties.class).toString()).doesNotContain(PROXY_PASSWORD);
                });
    }

    @Test
    void should_apply_the_customizers_in_order_to_one_client_shared_by_every_bean() {
        runner.withUserConfiguration(Customizers.class)
                .withPropertyValues("langchain4j.qwen.chat-models.router.model-name=qwen-flash")
                .run(context -> {
                    context.getBean(ChatModel.class).chat("hello");
                    context.getBean("routerChatModel", ChatModel.class).chat("hello");
                    context.getBean(EmbeddingModel.class).embed("hello");

                    assertThat(Customizers.CALLS).as("one client for all beans").hasValue(2);
                    assertThat(qwen.requests(CHAT_PATH))
                            .hasSize(2)
                            .allSatisfy(request -> assertThat(request.getHeader("X-Corp-Trace"))
                                    .isEqualTo("first,second"));
                    assertThat(qwen.onlyRequest(EMBEDDINGS_PATH).getHeader("X-Corp-Trace"))
                            .isEqualTo("first,second");
                });
    }

    @Test
    void should_refuse_a_proxy_host_without_a_port() {
        runner.withPropertyValues("langchain4j.qwen.proxy.host=proxy.corp").run(context -> {
            assertThat(context).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("langchain4j.qwen.proxy.port");
        });
    }

    @Test
    void should_refuse_proxy_credentials_without_a_proxy_and_never_show_the_password() {
        runner.withPropertyValues(
                        "langchain4j.qwen.proxy.username=corp-user",
                        "langchain4j.qwen.proxy.password=" + PROXY_PASSWORD)
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable cause = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
                    assertThat(cause)
                            .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                            .hasMessageContaining("langchain4j.qwen.proxy.username")
                            .hasMessageContaining("no proxy is")
                            .hasMessageNotContaining(PROXY_PASSWORD);
                });
    }

    @Test
    void should_name_the_password_property_when_the_credentials_have_no_password() {
        runner.withPropertyValues(
                        "langchain4j.qwen.proxy.host=127.0.0.1",
                        "langchain4j.qwen.proxy.port=" + proxy.port(),
                        "langchain4j.qwen.proxy.username=corp-user")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable cause = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
                    assertThat(cause).isInstanceOf(InvalidConfigurationPropertyValueException.class);
                    assertThat(((InvalidConfigurationPropertyValueException) cause).getName())
                            .isEqualTo("langchain4j.qwen.proxy.password");
                    assertThat(cause).hasMessageContaining("need a password");
                });
    }

    @Test
    void should_accept_credentials_for_the_proxy_of_a_customizer() {
        runner.withBean(
                        QwenHttpClientCustomizer.class,
                        () -> builder -> builder.proxy(new java.net.Proxy(
                                java.net.Proxy.Type.HTTP, new java.net.InetSocketAddress("127.0.0.1", proxy.port()))))
                .withPropertyValues(
                        "langchain4j.qwen.proxy.username=corp-user",
                        "langchain4j.qwen.proxy.password=" + PROXY_PASSWORD)
                .run(context -> {
                    assertThat(context.getBean(QwenChatModel.class).chat("hello"))
                            .isEqualTo(ANSWER);
                    assertThat(proxied())
                            .extracting(event -> event.getRequest().getHeader("Proxy-Authorization"))
                            .contains("Basic " + PROXY_CREDENTIAL);
                });
    }

    @Test
    void should_go_direct_with_type_direct() {
        runner.withPropertyValues(
                        "langchain4j.qwen.proxy.type=direct",
                        "langchain4j.qwen.proxy.host=127.0.0.1",
                        "langchain4j.qwen.proxy.port=" + proxy.port())
                .run(context -> {
                    assertThat(context.getBean(QwenChatModel.class).chat("hello"))
                            .isEqualTo(ANSWER);
                    assertThat(proxy.getAllServeEvents()).isEmpty();
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {

        static final AtomicInteger CALLS = new AtomicInteger();

        Customizers() {
            CALLS.set(0);
        }

        @Bean
        @Order(2)
        QwenHttpClientCustomizer second() {
            return builder -> {
                CALLS.incrementAndGet();
                builder.addInterceptor(chain -> chain.proceed(chain.request()
                        .newBuilder()
                        .header("X-Corp-Trace", chain.request().header("X-Corp-Trace") + ",second")
                        .build()));
            };
        }

        @Bean
        @Order(1)
        QwenHttpClientCustomizer first() {
            return builder -> {
                CALLS.incrementAndGet();
                builder.addInterceptor(chain -> chain.proceed(chain.request()
                        .newBuilder()
                        .header("X-Corp-Trace", "first")
                        .build()));
            };
        }
    }
}
