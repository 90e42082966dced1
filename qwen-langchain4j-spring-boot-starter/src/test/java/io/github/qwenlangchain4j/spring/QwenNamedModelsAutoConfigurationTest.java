package io.github.qwenlangchain4j.spring;

import static io.github.qwenlangchain4j.spring.QwenWireMock.ANSWER;
import static io.github.qwenlangchain4j.spring.QwenWireMock.API_KEY;
import static io.github.qwenlangchain4j.spring.QwenWireMock.CHAT_PATH;
import static io.github.qwenlangchain4j.spring.QwenWireMock.EMBEDDINGS_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

/**
 * Named models ({@code chat-models.NAME.*}, {@code embedding-models.NAME.*}): a bean per name, the default ones
 * staying primary, the shared connection inherited or overridden, and each bean sending its own options (observed on
 * WireMock servers standing in for two regions).
 */
class QwenNamedModelsAutoConfigurationTest {

    private static final String OTHER_KEY = "sk-other-region-SECRET-55aa";

    private final QwenWireMock qwen = new QwenWireMock();
    private final QwenWireMock otherRegion = new QwenWireMock();

    private final ApplicationContextRunner runner = QwenAutoConfigurations.runner(API_KEY, qwen.baseUrl())
            .withPropertyValues("langchain4j.qwen.chat-model.model-name=qwen-max");

    @AfterEach
    void stop() {
        qwen.close();
        otherRegion.close();
    }

    @Test
    void should_register_a_bean_per_name_and_keep_the_default_ones_primary() {
        runner.withPropertyValues(
                        "langchain4j.qwen.chat-models.router.model-name=qwen-flash",
                        "langchain4j.qwen.chat-models.fast-router.model-name=qwen-turbo",
                        "langchain4j.qwen.embedding-models.docs.dimensions=512")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(QwenChatModel.class))
                            .containsOnlyKeys("qwenChatModel", "routerChatModel", "fastRouterChatModel");
                    assertThat(context.getBeansOfType(QwenStreamingChatModel.class))
                            .containsOnlyKeys(
                                    "qwenStreamingChatModel",
                                    "routerStreamingChatModel",
                                    "fastRouterStreamingChatModel");
                    assertThat(context.getBeansOfType(QwenEmbeddingModel.class))
                            .containsOnlyKeys("qwenEmbeddingModel", "docsEmbeddingModel");
                    assertThat(context.getBean(ChatModel.class)).isSameAs(context.getBean("qwenChatModel"));
                    assertThat(context.getBean(StreamingChatModel.class))
                            .isSameAs(context.getBean("qwenStreamingChatModel"));
                    assertThat(context.getBean(EmbeddingModel.class)).isSameAs(context.getBean("qwenEmbeddingModel"));
                });
    }

    @Test
    void should_inject_by_name_and_send_each_models_own_options() {
        runner.withUserConfiguration(TwoModels.class)
                .withPropertyValues(
                        "langchain4j.qwen.chat-models.router.model-name=qwen-flash",
                        "langchain4j.qwen.chat-models.router.temperature=0.1",
                        "langchain4j.qwen.embedding-models.docs.model-name=text-embedding-v3",
                        "langchain4j.qwen.embedding-models.docs.dimensions=512")
                .run(context -> {
                    TwoModels models = context.getBean(TwoModels.class);

                    assertThat(models.answers.chat("a question")).isEqualTo(ANSWER);
                    assertThat(models.router.chat("route this")).isEqualTo(ANSWER);
                    models.docs.embed("a document");

                    List<JsonNode> bodies = qwen.bodies(CHAT_PATH);
                    assertThat(bodies.get(0).get("model").asText()).isEqualTo("qwen-max");
                    assertThat(bodies.get(0).has("temperature")).isFalse();
                    assertThat(bodies.get(1).get("model").asText()).isEqualTo("qwen-flash");
                    assertThat(bodies.get(1).get("temperature").asDouble()).isEqualTo(0.1);
                    JsonNode embedding = qwen.onlyBody(EMBEDDINGS_PATH);
                    assertThat(embedding.get("model").asText()).isEqualTo("text-embedding-v3");
                    assertThat(embedding.get("dimensions").asInt()).isEqualTo(512);
                });
    }

    @Test
    void should_stream_with_the_named_streaming_model() {
        qwen.streamChat();
        runner.withPropertyValues("langchain4j.qwen.chat-models.router.model-name=qwen-flash")
                .run(context -> {
                    ChatResponse response = StreamedResponse.of(
                            context.getBean("routerStreamingChatModel", StreamingChatModel.class),
                            List.of(UserMessage.from("route this")));

                    assertThat(response.aiMessage().text()).isEqualTo(ANSWER);
                    assertThat(qwen.onlyBody(CHAT_PATH).get("model").asText()).isEqualTo("qwen-flash");
                });
    }

    @Test
    void should_let_a_named_model_override_the_shared_connection() {
        runner.withPropertyValues(
                        "langchain4j.qwen.chat-models.eu.base-url=" + otherRegion.baseUrl(),
                        "langchain4j.qwen.chat-models.eu.api-key=" + OTHER_KEY,
                        "langchain4j.qwen.chat-models.eu.max-retries=0",
                        "langchain4j.qwen.chat-models.local.model-name=qwen-flash")
                .run(context -> {
                    context.getBean("euChatModel", ChatModel.class).chat("hello");
                    context.getBean("localChatModel", ChatModel.class).chat("hello");

                    assertThat(otherRegion.onlyRequest(CHAT_PATH).getHeader("Authorization"))
                            .isEqualTo("Bearer " + OTHER_KEY);
                    assertThat(qwen.onlyRequest(CHAT_PATH).getHeader("Authorization"))
                            .as("inherited")
                            .isEqualTo("Bearer " + API_KEY);
                    assertThat(context.getBean("euChatModel").toString()).doesNotContain(OTHER_KEY);
                });
    }

    @Test
    void should_report_an_invalid_named_option_under_its_own_property() {
        runner.withPropertyValues("langchain4j.qwen.chat-models.router.temperature=5")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                            .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                            .hasMessageContaining("langchain4j.qwen.chat-models.router.temperature");
                });
        runner.withPropertyValues("langchain4j.qwen.chat-models.eu.timeout=-1s")
                .run(context -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                        .hasMessageContaining("langchain4j.qwen.chat-models.eu.timeout"));
        runner.withPropertyValues("langchain4j.qwen.embedding-models.docs.dimensions=100")
                .run(context -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("langchain4j.qwen.embedding-models.docs.dimensions")
                        .hasMessageContaining("dimensions 100 is not supported by text-embedding-v4"));
    }

    @Test
    void should_refuse_a_blank_api_key_override_under_its_own_property_without_falling_back() {
        runner.withPropertyValues("langchain4j.qwen.chat-models.eu.api-key=").run(context -> {
            assertThat(context).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("langchain4j.qwen.chat-models.eu.api-key")
                    .hasMessageNotContaining(API_KEY);
        });
    }

    @Test
    void should_refuse_a_name_that_cannot_be_a_bean_name() {
        runner.withPropertyValues("langchain4j.qwen.chat-models.[9lives].model-name=qwen-flash")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                            .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                            .hasMessageContaining("langchain4j.qwen.chat-models.9lives")
                            .hasMessageContaining("bean name");
                });
    }

    @Test
    void should_skip_disabled_named_models_and_keep_the_applications_bean_of_the_same_name() {
        runner.withUserConfiguration(OwnRouter.class)
                .withPropertyValues(
                        "langchain4j.qwen.chat-models.router.model-name=qwen-flash",
                        "langchain4j.qwen.chat-models.off.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean("offChatModel");
                    assertThat(context.getBean("routerChatModel")).isSameAs(OwnRouter.MODEL);
                });
    }

    @Test
    void should_register_no_named_embedding_model_without_the_embeddings_module() {
        runner.withClassLoader(new FilteredClassLoader(QwenEmbeddingModel.class))
                .withPropertyValues(
                        "langchain4j.qwen.embedding-models.docs.dimensions=512",
                        "langchain4j.qwen.chat-models.router.model-name=qwen-flash")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean("docsEmbeddingModel")
                        .hasBean("routerChatModel"));
    }

    /** Injection by name, as the README shows it. */
    @Configuration(proxyBeanMethods = false)
    static class TwoModels {

        final ChatModel answers;
        final ChatModel router;
        final EmbeddingModel docs;

        TwoModels(
                ChatModel answers,
                @Qualifier("routerChatModel") ChatModel router,
                @Qualifier("docsEmbeddingModel") EmbeddingModel docs) {
            this.answers = answers;
            this.router = router;
            this.docs = docs;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRouter {

        static final QwenChatModel MODEL =
                QwenChatModel.builder().apiKey("sk-own").build();

        @Bean
        QwenChatModel routerChatModel() {
            return MODEL;
        }
    }
}
