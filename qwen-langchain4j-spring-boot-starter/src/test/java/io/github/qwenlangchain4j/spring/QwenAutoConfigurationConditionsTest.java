package io.github.qwenlangchain4j.spring;

import static io.github.qwenlangchain4j.spring.QwenWireMock.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import io.github.qwenlangchain4j.batch.QwenBatchChat;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import io.github.qwenlangchain4j.files.QwenFiles;
import io.github.qwenlangchain4j.rerank.QwenScoringModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** When the models exist: an API key, no bean of the user's, not switched off, the embeddings module present. */
class QwenAutoConfigurationConditionsTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(QwenAutoConfigurations.of());

    @Test
    void should_create_the_three_models_when_an_api_key_is_set() {
        runner.withPropertyValues("langchain4j.qwen.api-key=" + API_KEY).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(QwenChatModel.class).hasSingleBean(ChatModel.class);
            assertThat(context).hasSingleBean(QwenStreamingChatModel.class).hasSingleBean(StreamingChatModel.class);
            assertThat(context).hasSingleBean(QwenEmbeddingModel.class).hasSingleBean(EmbeddingModel.class);
            assertThat(context)
                    .hasBean("qwenChatModel")
                    .hasBean("qwenStreamingChatModel")
                    .hasBean("qwenEmbeddingModel");
        });
    }

    @Test
    void should_create_no_model_and_not_fail_without_an_api_key() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(QwenChatModel.class);
            assertThat(context).doesNotHaveBean(QwenStreamingChatModel.class);
            assertThat(context).doesNotHaveBean(QwenEmbeddingModel.class);
            assertThat(context).doesNotHaveBean(QwenProperties.class);
        });
    }

    @Test
    void should_treat_an_empty_or_blank_api_key_as_no_key() {
        // What "api-key: ${DASHSCOPE_API_KEY:}" gives when the variable is unset.
        runner.withPropertyValues("langchain4j.qwen.api-key=", "langchain4j.qwen.chat-model.model-name=qwen-max")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(QwenChatModel.class));
        runner.withPropertyValues("langchain4j.qwen.api-key=   ")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(QwenChatModel.class));
    }

    @Test
    void should_read_the_api_key_from_a_relaxed_name_such_as_an_environment_variable() {
        runner.withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .replace(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                new SystemEnvironmentPropertySource(
                                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                        Map.of("LANGCHAIN4J_QWEN_APIKEY", API_KEY))))
                .run(context -> {
                    assertThat(context).hasSingleBean(QwenChatModel.class);
                    assertThat(context.getBean(QwenProperties.class).apiKey()).isEqualTo(API_KEY);
                });
        runner.withPropertyValues("langchain4j.qwen.apiKey=" + API_KEY)
                .run(context -> assertThat(context).hasSingleBean(QwenChatModel.class));
    }

    @Test
    void should_explain_the_api_key_condition_without_showing_the_key() {
        runner.withPropertyValues("langchain4j.qwen.api-key=" + API_KEY)
                .run(context -> assertThat(conditionMessages(context))
                        .contains("Qwen API key found property langchain4j.qwen.api-key")
                        .doesNotContain(API_KEY));
        runner.run(context -> assertThat(conditionMessages(context))
                .contains("Qwen API key did not find non-empty property langchain4j.qwen.api-key"));
    }

    /** The condition evaluation report, as --debug logs it. */
    private static String conditionMessages(ConfigurableApplicationContext context) {
        StringBuilder messages = new StringBuilder();
        ConditionEvaluationReport.get(context.getBeanFactory())
                .getConditionAndOutcomesBySource()
                .forEach((source, outcomes) -> outcomes.forEach(outcome -> messages.append(source)
                        .append(": ")
                        .append(outcome.getOutcome().getMessage())
                        .append('\n')));
        return messages.toString();
    }

    @Test
    void should_back_off_when_the_application_defines_its_own_models() {
        runner.withPropertyValues("langchain4j.qwen.api-key=" + API_KEY)
                .withUserConfiguration(OwnModels.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(QwenChatModel.class);
                    assertThat(context).getBean(QwenChatModel.class).isSameAs(OwnModels.CHAT);
                    assertThat(context).hasSingleBean(QwenStreamingChatModel.class);
                    assertThat(context).getBean(QwenStreamingChatModel.class).isSameAs(OwnModels.STREAMING);
                    assertThat(context).hasSingleBean(QwenEmbeddingModel.class);
                    assertThat(context).getBean(QwenEmbeddingModel.class).isSameAs(OwnModels.EMBEDDING);
                    assertThat(context).doesNotHaveBean("qwenChatModel");
                });
    }

    @Test
    void should_switch_the_chat_models_off() {
        runner.withPropertyValues("langchain4j.qwen.api-key=" + API_KEY, "langchain4j.qwen.chat-model.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(QwenChatModel.class);
                    assertThat(context).doesNotHaveBean(QwenStreamingChatModel.class);
                    assertThat(context).hasSingleBean(QwenEmbeddingModel.class);
                });
    }

    @Test
    void should_switch_the_embedding_model_off() {
        runner.withPropertyValues(
                        "langchain4j.qwen.api-key=" + API_KEY, "langchain4j.qwen.embedding-model.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(QwenEmbeddingModel.class);
                    assertThat(context).hasSingleBean(QwenChatModel.class);
                    assertThat(context).hasSingleBean(QwenStreamingChatModel.class);
                });
    }

    @Test
    void should_skip_the_embedding_model_when_the_embeddings_module_is_absent() {
        runner.withPropertyValues("langchain4j.qwen.api-key=" + API_KEY)
                .withClassLoader(new FilteredClassLoader(QwenEmbeddingModel.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean("qwenEmbeddingModel");
                    assertThat(context).hasSingleBean(QwenChatModel.class);
                });
    }

    @Test
    void should_register_every_auto_configuration() throws Exception {
        try (var in = getClass()
                .getResourceAsStream(
                        "/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
            List<String> imports = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
            List<String> expected = new ArrayList<>(QwenAutoConfigurations.CAPABILITIES.stream()
                    .map(Class::getName)
                    .toList());
            expected.add(QwenObservationAutoConfiguration.class.getName());
            assertThat(imports).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void should_order_every_capability_after_the_connection_and_the_offline_switch_before_it() {
        assertThat(QwenAutoConfigurations.CAPABILITIES)
                .filteredOn(type ->
                        type != QwenConnectionAutoConfiguration.class && type != QwenOfflineAutoConfiguration.class)
                .allSatisfy(type -> assertThat(
                                type.getAnnotation(AutoConfiguration.class).after())
                        .contains(QwenConnectionAutoConfiguration.class));
        assertThat(QwenOfflineAutoConfiguration.class
                        .getAnnotation(AutoConfiguration.class)
                        .before())
                .containsExactly(QwenConnectionAutoConfiguration.class);
    }

    @Test
    void should_create_only_the_beans_of_the_auto_configurations_in_use() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(QwenConnectionAutoConfiguration.class, QwenRerankAutoConfiguration.class))
                .withPropertyValues("langchain4j.qwen.api-key=" + API_KEY)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(QwenScoringModel.class);
                    assertThat(context)
                            .doesNotHaveBean(QwenChatModel.class)
                            .doesNotHaveBean(QwenStreamingChatModel.class)
                            .doesNotHaveBean(QwenEmbeddingModel.class)
                            .doesNotHaveBean(QwenFiles.class);
                });
    }

    @Test
    void should_leave_the_other_capabilities_when_the_application_excludes_one() {
        // What spring.autoconfigure.exclude does: the excluded class is simply not among the auto-configurations.
        List<Class<?>> withoutChat = new ArrayList<>(QwenAutoConfigurations.CAPABILITIES);
        withoutChat.remove(QwenChatAutoConfiguration.class);
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(withoutChat.toArray(Class<?>[]::new)))
                .withPropertyValues("langchain4j.qwen.api-key=" + API_KEY)
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(QwenChatModel.class)
                        .hasSingleBean(QwenStreamingChatModel.class)
                        .hasSingleBean(QwenEmbeddingModel.class)
                        .hasSingleBean(QwenScoringModel.class)
                        .hasSingleBean(QwenBatchChat.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnModels {

        static final QwenChatModel CHAT =
                QwenChatModel.builder().apiKey("sk-own").modelName("qwen-max").build();
        static final QwenStreamingChatModel STREAMING = QwenStreamingChatModel.builder()
                .apiKey("sk-own")
                .modelName("qwen-max")
                .build();
        static final QwenEmbeddingModel EMBEDDING =
                QwenEmbeddingModel.builder().apiKey("sk-own").dimensions(512).build();

        @Bean
        QwenChatModel myChatModel() {
            return CHAT;
        }

        @Bean
        QwenStreamingChatModel myStreamingChatModel() {
            return STREAMING;
        }

        @Bean
        QwenEmbeddingModel myEmbeddingModel() {
            return EMBEDDING;
        }
    }
}
