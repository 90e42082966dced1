package io.github.qwenlangchain4j.spring;

import io.github.qwenlangchain4j.testkit.QwenMockServer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Offline without code: with {@code langchain4j.qwen.offline=true} the starter starts a {@code QwenMockServer} (one
 * per application context, on a free loopback port, stopped with the context) and every Qwen bean calls it with its
 * key: chat, streaming, embeddings, Responses, Conversations, rerank, files and batches, the named models too. No API
 * key is needed; {@code api-key}, {@code region}, {@code base-url} and {@code proxy.*} are not used. It says so at
 * WARN at startup, with the mock's URL. Runs before {@link QwenConnectionAutoConfiguration}, which hands the server
 * to every bean.
 *
 * <p>The mock is {@code qwen-langchain4j-testkit}; without it on the classpath the application refuses to start,
 * and {@link QwenOfflineFailureAnalyzer} says which dependency to add.
 */
@AutoConfiguration(before = QwenConnectionAutoConfiguration.class)
@ConditionalOnBooleanProperty(QwenOfflineProperties.PROPERTY)
@EnableConfigurationProperties(QwenOfflineProperties.class)
public class QwenOfflineAutoConfiguration {

    /** The Maven coordinates of the module that holds the offline server. */
    static final String TESTKIT = "io.github.qwenlangchain4j:qwen-langchain4j-testkit";

    private static final String MOCK_SERVER = "io.github.qwenlangchain4j.testkit.QwenMockServer";

    private static final Logger log = LoggerFactory.getLogger(QwenOfflineAutoConfiguration.class);

    /** Creates the auto-configuration; Spring Boot instantiates it from its {@code AutoConfiguration.imports}. */
    public QwenOfflineAutoConfiguration() {}

    /** The testkit is there: the mock starts with the context. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = MOCK_SERVER)
    static class MockServerConfiguration {

        @Bean
        QwenOfflineServer qwenOfflineServer(Environment environment) {
            QwenMockServer server = QwenMockServer.start();
            log.warn(
                    "OFFLINE: {}=true, every Qwen bean calls QwenMockServer at {}: canned answers, nothing reaches"
                            + " Qwen.{}",
                    QwenOfflineProperties.PROPERTY,
                    server.baseUrl(),
                    ignored(environment));
            return new QwenOfflineServer(server.baseUrl(), server.apiKey(), server::close);
        }

        /** Names the connection properties that are set but not used offline, so that no one wonders. */
        private static String ignored(Environment environment) {
            List<String> set = new ArrayList<>();
            for (String name : List.of("api-key", "region", "base-url", "proxy.host")) {
                String property = QwenProperties.PREFIX + "." + name;
                String value =
                        Binder.get(environment).bind(property, String.class).orElse("");
                if (!value.isBlank()) {
                    set.add(property);
                }
            }
            return set.isEmpty() ? "" : " Not used offline: " + String.join(", ", set) + ".";
        }
    }

    /** The testkit is missing: refuse to start rather than call Qwen (or nothing) when offline was asked for. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass(MOCK_SERVER)
    static class MissingTestkitConfiguration {

        @Bean
        QwenOfflineServer qwenOfflineServer() {
            throw new QwenOfflineUnavailableException();
        }
    }
}
