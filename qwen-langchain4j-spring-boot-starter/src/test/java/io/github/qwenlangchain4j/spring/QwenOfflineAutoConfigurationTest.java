package io.github.qwenlangchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.scoring.ScoringModel;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.batch.QwenBatches;
import io.github.qwenlangchain4j.files.QwenFiles;
import io.github.qwenlangchain4j.responses.QwenConversations;
import io.github.qwenlangchain4j.responses.QwenResponsesChatModel;
import io.github.qwenlangchain4j.testkit.QwenMockServer;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code langchain4j.qwen.offline=true}: the starter starts a QwenMockServer and every Qwen bean calls it, without a
 * key; without the testkit on the classpath the application refuses to start and says which dependency to add.
 */
@ExtendWith(OutputCaptureExtension.class)
@Isolated // captures what the whole process prints
class QwenOfflineAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(QwenAutoConfigurations.of())
            .withPropertyValues(QwenOfflineProperties.PROPERTY + "=true");

    @Nested
    class WithTheTestkit {

        @Test
        void should_answer_every_kind_of_bean_from_the_mock_without_an_api_key() {
            runner.withPropertyValues(
                            "langchain4j.qwen.responses-model.enabled=true",
                            "langchain4j.qwen.chat-models.router.model-name=qwen-flash")
                    .run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(QwenOfflineServer.class);

                        assertThat(context.getBean(ChatModel.class).chat("Where am I?"))
                                .contains("offline")
                                .contains("Where am I?");
                        assertThat(StreamedResponse.of(
                                                context.getBean(StreamingChatModel.class),
                                                List.of(UserMessage.from("Stream to me")))
                                        .aiMessage()
                                        .text())
                                .contains("Stream to me");
                        assertThat(context.getBean("routerChatModel", QwenChatModel.class)
                                        .chat("Route me"))
                                .contains("Route me");
                        assertThat(context.getBean(QwenResponsesChatModel.class).chat("Respond"))
                                .contains("Respond");
                        assertThat(context.getBean(QwenConversations.class)
                                        .create(List.of(UserMessage.from("Remember me")), Map.of())
                                        .id())
                                .startsWith("conv_");
                        assertThat(context.getBean(EmbeddingModel.class)
                                        .embed("offline vectors")
                                        .content()
                                        .dimension())
                                .isPositive();
                        assertThat(context.getBean(ScoringModel.class)
                                        .scoreAll(
                                                List.of(TextSegment.from("cats purr"), TextSegment.from("dogs bark")),
                                                "why do cats purr")
                                        .content())
                                .hasSize(2);
                        String fileId = context.getBean(QwenFiles.class)
                                .upload("lines.jsonl", "{}\n".getBytes(StandardCharsets.UTF_8))
                                .id();
                        assertThat(context.getBean(QwenFiles.class)
                                        .retrieve(fileId)
                                        .id())
                                .isEqualTo(fileId);
                        assertThat(context.getBean(QwenBatches.class).list().data())
                                .isEmpty();
                    });
        }

        @Test
        void should_ignore_the_keys_region_base_url_and_proxy_that_would_call_qwen_even_blank_keys() {
            runner.withPropertyValues(
                            "langchain4j.qwen.api-key=sk-real-key-SECRET",
                            "langchain4j.qwen.base-url=https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
                            "langchain4j.qwen.proxy.host=proxy.invalid",
                            "langchain4j.qwen.proxy.port=3128",
                            "langchain4j.qwen.chat-models.beijing.region=china-beijing",
                            "langchain4j.qwen.chat-models.beijing.api-key=sk-beijing-key-SECRET",
                            "langchain4j.qwen.chat-models.blank.api-key=")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean(ChatModel.class).chat("Hi")).contains("offline");
                        assertThat(context.getBean("beijingChatModel", QwenChatModel.class)
                                        .chat("Hi from Beijing"))
                                .contains("Hi from Beijing");
                        assertThat(context.getBean("blankChatModel", QwenChatModel.class)
                                        .chat("Blank key"))
                                .contains("Blank key");
                    });
        }

        @Test
        void should_announce_offline_at_warn_with_the_url_and_what_it_does_not_use(CapturedOutput output) {
            runner.withPropertyValues("langchain4j.qwen.api-key=sk-real-key-SECRET")
                    .run(context -> {
                        String baseUrl =
                                context.getBean(QwenOfflineServer.class).baseUrl();
                        assertThat(output.getAll())
                                .contains("WARN")
                                .contains("OFFLINE: langchain4j.qwen.offline=true, every Qwen bean calls"
                                        + " QwenMockServer at " + baseUrl)
                                .contains("Not used offline: langchain4j.qwen.api-key.")
                                .doesNotContain("sk-real-key-SECRET");
                    });
        }

        @Test
        void should_stop_the_mock_with_the_application_context() throws Exception {
            AtomicReference<URI> baseUrl = new AtomicReference<>();

            runner.run(context -> {
                baseUrl.set(URI.create(context.getBean(QwenOfflineServer.class).baseUrl()));
                assertThat(reachable(baseUrl.get())).isTrue();
            });

            assertThat(reachable(baseUrl.get())).as("closed with the context").isFalse();
        }

        @Test
        void should_start_one_mock_per_application_context() {
            AtomicReference<String> first = new AtomicReference<>();
            runner.run(context ->
                    first.set(context.getBean(QwenOfflineServer.class).baseUrl()));

            runner.run(context -> assertThat(
                            context.getBean(QwenOfflineServer.class).baseUrl())
                    .isNotEqualTo(first.get()));
        }

        @Test
        void should_stay_online_without_the_property_or_with_false() {
            new ApplicationContextRunner()
                    .withConfiguration(QwenAutoConfigurations.of())
                    .run(context -> assertThat(context)
                            .hasNotFailed()
                            .doesNotHaveBean(QwenOfflineServer.class)
                            .doesNotHaveBean(ChatModel.class));
            runner.withPropertyValues(QwenOfflineProperties.PROPERTY + "=false")
                    .run(context -> assertThat(context)
                            .hasNotFailed()
                            .doesNotHaveBean(QwenOfflineServer.class)
                            .doesNotHaveBean(ChatModel.class));
        }

        private static boolean reachable(URI uri) {
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                return socket.isConnected();
            } catch (IOException e) {
                return false;
            }
        }
    }

    @Nested
    class WithoutTheTestkit {

        private final ApplicationContextRunner withoutTestkit =
                runner.withClassLoader(new FilteredClassLoader(QwenMockServer.class));

        @Test
        void should_refuse_to_start_and_name_the_dependency_to_add() {
            withoutTestkit.run(context -> {
                assertThat(context).hasFailed();
                Throwable failure = context.getStartupFailure();
                assertThat(failure)
                        .rootCause()
                        .isInstanceOf(QwenOfflineUnavailableException.class)
                        .hasMessage("langchain4j.qwen.offline=true, but"
                                + " io.github.qwenlangchain4j:qwen-langchain4j-testkit, which holds the offline server"
                                + " (QwenMockServer), is not on the classpath");

                FailureAnalysis analysis = new QwenOfflineFailureAnalyzer().analyze(failure);

                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("qwen-langchain4j-testkit");
                assertThat(analysis.getAction())
                        .contains("Add the dependency io.github.qwenlangchain4j:qwen-langchain4j-testkit")
                        .contains("<artifactId>qwen-langchain4j-testkit</artifactId>")
                        .contains("or remove langchain4j.qwen.offline");
            });
        }

        @Test
        void should_refuse_even_when_an_api_key_is_set() {
            withoutTestkit
                    .withPropertyValues("langchain4j.qwen.api-key=sk-real-key")
                    .run(context -> assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(QwenOfflineUnavailableException.class));
        }

        @Test
        void should_start_as_usual_when_offline_is_not_asked_for() {
            new ApplicationContextRunner()
                    .withConfiguration(QwenAutoConfigurations.of())
                    .withClassLoader(new FilteredClassLoader(QwenMockServer.class))
                    .withPropertyValues("langchain4j.qwen.api-key=sk-real-key")
                    .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ChatModel.class));
        }

        @Test
        void should_leave_other_failures_to_other_analyzers() {
            assertThat(new QwenOfflineFailureAnalyzer().analyze(new IllegalStateException("something else")))
                    .isNull();
        }
    }

    @Test
    void should_not_let_the_missing_key_analyzer_blame_the_key_offline() {
        runner.run(context -> assertThat(new QwenMissingApiKeyFailureAnalyzer(context.getEnvironment())
                        .analyze(new org.springframework.beans.factory.NoSuchBeanDefinitionException(ChatModel.class)))
                .isNull());
    }
}
