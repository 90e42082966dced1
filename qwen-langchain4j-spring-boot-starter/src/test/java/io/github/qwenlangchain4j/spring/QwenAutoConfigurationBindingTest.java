package io.github.qwenlangchain4j.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.qwenlangchain4j.spring.QwenWireMock.API_KEY;
import static io.github.qwenlangchain4j.spring.QwenWireMock.CHAT_PATH;
import static io.github.qwenlangchain4j.spring.QwenWireMock.EMBEDDINGS_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.matching.MatchesJsonPathPattern;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Every property reaches the request the models send (observed on a WireMock server), or the model's endpoint. */
@ExtendWith(OutputCaptureExtension.class)
@Isolated // captures what the whole process prints
class QwenAutoConfigurationBindingTest {

    private final QwenWireMock qwen = new QwenWireMock();

    private final ApplicationContextRunner runner = QwenAutoConfigurations.runner(API_KEY, qwen.baseUrl());

    /** Every chat-model.* property, as an application would write them in application.properties. */
    /** A second turn after an answer that carried thinking, which send-thinking and preserve-thinking send back. */
    private static final List<ChatMessage> CONVERSATION_WITH_THINKING = List.of(
            UserMessage.from("Hi"),
            AiMessage.builder().text("Hello").thinking("They greeted me.").build(),
            UserMessage.from("Who are you?"));

    private static final String[] CHAT_PROPERTIES = {
        "langchain4j.qwen.chat-model.model-name=qwen-max",
        "langchain4j.qwen.chat-model.temperature=0.3",
        "langchain4j.qwen.chat-model.top-p=0.8",
        "langchain4j.qwen.chat-model.top-k=20",
        "langchain4j.qwen.chat-model.max-tokens=256",
        "langchain4j.qwen.chat-model.stop=END,STOP",
        "langchain4j.qwen.chat-model.seed=42",
        "langchain4j.qwen.chat-model.presence-penalty=0.5",
        "langchain4j.qwen.chat-model.repetition-penalty=1.1",
        "langchain4j.qwen.chat-model.thinking-budget=100",
        "langchain4j.qwen.chat-model.enable-search=true",
        "langchain4j.qwen.chat-model.search-options.forced-search=true",
        "langchain4j.qwen.chat-model.search-options.search-strategy=max",
        "langchain4j.qwen.chat-model.search-options.enable-search-extension=true",
        "langchain4j.qwen.chat-model.search-options.freshness=30",
        "langchain4j.qwen.chat-model.search-options.assigned-site-list=qwen.ai,alibabacloud.com",
        "langchain4j.qwen.chat-model.vl-high-resolution-images=true",
        "langchain4j.qwen.chat-model.enable-code-interpreter=true",
        "langchain4j.qwen.chat-model.parallel-tool-calls=true",
        "langchain4j.qwen.chat-model.send-thinking=true",
        "langchain4j.qwen.chat-model.custom-parameters[result_format]=message",
        "langchain4j.qwen.chat-model.custom-parameters.tag=starter",
        "langchain4j.qwen.chat-model.custom-headers.X-Trace-Id=trace-123",
    };

    @AfterEach
    void stopServer() {
        qwen.close();
    }

    @Test
    void should_send_every_chat_model_property_in_the_request() {
        runner.withPropertyValues(CHAT_PROPERTIES)
                .withPropertyValues("langchain4j.qwen.chat-model.enable-thinking=false")
                .run(context -> {
                    ChatResponse response = context.getBean(QwenChatModel.class).chat(CONVERSATION_WITH_THINKING);

                    assertThat(response.aiMessage().text()).isEqualTo(QwenWireMock.ANSWER);
                    assertEveryChatOption(qwen.onlyBody(CHAT_PATH), false);
                    assertThat(qwen.onlyRequest(CHAT_PATH).getHeader("X-Trace-Id"))
                            .isEqualTo("trace-123");
                    assertThat(qwen.onlyRequest(CHAT_PATH).getHeader("Authorization"))
                            .isEqualTo("Bearer " + API_KEY);
                });
    }

    @Test
    void should_send_every_chat_model_property_in_the_streaming_request() {
        qwen.streamChat();
        runner.withPropertyValues(CHAT_PROPERTIES)
                .withPropertyValues("langchain4j.qwen.chat-model.enable-thinking=true")
                .run(context -> {
                    ChatResponse response = StreamedResponse.of(
                            context.getBean(QwenStreamingChatModel.class), CONVERSATION_WITH_THINKING);

                    assertThat(response.aiMessage().text()).isEqualTo(QwenWireMock.ANSWER);
                    JsonNode body = qwen.onlyBody(CHAT_PATH);
                    assertEveryChatOption(body, true);
                    assertThat(body.get("stream").asBoolean()).isTrue();
                    assertThat(qwen.onlyRequest(CHAT_PATH).getHeader("X-Trace-Id"))
                            .isEqualTo("trace-123");
                });
    }

    private static void assertEveryChatOption(JsonNode body, boolean thinking) {
        assertThat(body.get("model").asText()).isEqualTo("qwen-max");
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.get("top_p").asDouble()).isEqualTo(0.8);
        assertThat(body.get("top_k").asInt()).isEqualTo(20);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(256);
        assertThat(body.get("stop")).extracting(JsonNode::asText).containsExactly("END", "STOP");
        assertThat(body.get("seed").asInt()).isEqualTo(42);
        assertThat(body.get("presence_penalty").asDouble()).isEqualTo(0.5);
        assertThat(body.get("repetition_penalty").asDouble()).isEqualTo(1.1);
        assertThat(body.get("enable_thinking").asBoolean()).isEqualTo(thinking);
        assertThat(body.get("thinking_budget").asInt()).isEqualTo(100);
        assertThat(body.get("enable_search").asBoolean()).isTrue();
        JsonNode search = body.get("search_options");
        assertThat(search.get("forced_search").asBoolean()).isTrue();
        assertThat(search.get("search_strategy").asText()).isEqualTo("max");
        assertThat(search.get("enable_search_extension").asBoolean()).isTrue();
        assertThat(search.get("freshness").asInt()).isEqualTo(30);
        assertThat(search.get("assigned_site_list"))
                .extracting(JsonNode::asText)
                .containsExactly("qwen.ai", "alibabacloud.com");
        assertThat(body.get("vl_high_resolution_images").asBoolean()).isTrue();
        assertThat(body.get("enable_code_interpreter").asBoolean()).isTrue();
        assertThat(body.get("parallel_tool_calls").asBoolean()).isTrue();
        // send-thinking: the earlier assistant message carries its thinking back.
        assertThat(body.get("messages").get(1).get("reasoning_content").asText())
                .isEqualTo("They greeted me.");
        // Custom parameters go top level, keys as written; values from .properties arrive as strings.
        assertThat(body.get("result_format").asText()).isEqualTo("message");
        assertThat(body.get("tag").asText()).isEqualTo("starter");
    }

    /*
     * max-completion-tokens reaches the wire as max_completion_tokens, without max_tokens (Model Studio's notice of
     * April 2026, alibabacloud.com/en/notice/model_studio_notice_of_changes_to_certain_model_fields_724).
     */
    @Test
    void should_send_max_completion_tokens_of_the_properties() {
        qwen.streamChat();
        runner.withPropertyValues("langchain4j.qwen.chat-model.max-completion-tokens=4096")
                .run(context -> {
                    StreamedResponse.of(context.getBean(QwenStreamingChatModel.class), List.of(UserMessage.from("Hi")));

                    JsonNode body = qwen.onlyBody(CHAT_PATH);
                    assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(4096);
                    assertThat(body.has("max_tokens")).isFalse();
                });
    }

    /*
     * reasoning-effort and preserve-thinking reach the wire on a model that takes them: qwen3.8-max's reasoning_effort
     * (none / minimal / low / medium / high / xhigh / max, help.aliyun.com/zh/model-studio/qwen3-8-max as relayed by
     * docs.apiyi.com) and preserve_thinking of Qwen3.5 and later (Qwen3.6 model card).
     */
    @Test
    void should_send_the_thinking_controls_of_the_properties() {
        qwen.streamChat();
        runner.withPropertyValues(
                        "langchain4j.qwen.chat-model.model-name=qwen3.8-max",
                        "langchain4j.qwen.chat-model.reasoning-effort=xhigh",
                        "langchain4j.qwen.chat-model.preserve-thinking=true",
                        "langchain4j.qwen.chat-model.thinking-budget=2048")
                .run(context -> {
                    StreamedResponse.of(context.getBean(QwenStreamingChatModel.class), CONVERSATION_WITH_THINKING);

                    JsonNode body = qwen.onlyBody(CHAT_PATH);
                    assertThat(body.get("reasoning_effort").asText()).isEqualTo("xhigh");
                    assertThat(body.get("preserve_thinking").asBoolean()).isTrue();
                    assertThat(body.get("thinking_budget").asInt()).isEqualTo(2048);
                    assertThat(body.get("messages")
                                    .get(1)
                                    .get("reasoning_content")
                                    .asText())
                            .isEqualTo("They greeted me.");
                });
    }

    @Test
    void should_send_no_qwen_option_that_is_not_configured() {
        runner.run(context -> {
            context.getBean(QwenChatModel.class).chat("Hi");

            JsonNode body = qwen.onlyBody(CHAT_PATH);
            assertThat(body.get("model").asText()).isEqualTo("qwen-plus");
            assertThat(body.has("top_k")).isFalse();
            assertThat(body.has("seed")).isFalse();
            assertThat(body.has("enable_thinking")).isFalse();
            assertThat(body.has("search_options")).isFalse();
            assertThat(body.get("messages").get(0).has("reasoning_content")).isFalse();
        });
    }

    @Test
    void should_send_every_embedding_model_property_in_the_requests() {
        qwen.stubFor(post(urlEqualTo(EMBEDDINGS_PATH))
                .atPriority(1)
                .withRequestBody(new MatchesJsonPathPattern("$.input[1]"))
                .willReturn(okJson("""
                        {"model":"text-embedding-v3","data":[{"index":0,"embedding":[0.1,0.2]},
                         {"index":1,"embedding":[0.3,0.4]}],"usage":{"prompt_tokens":4,"total_tokens":4}}
                        """)));
        runner.withPropertyValues(
                        "langchain4j.qwen.embedding-model.model-name=text-embedding-v3",
                        "langchain4j.qwen.embedding-model.dimensions=768",
                        "langchain4j.qwen.embedding-model.max-segments-per-batch=2",
                        "langchain4j.qwen.embedding-model.max-concurrent-requests=1",
                        "langchain4j.qwen.embedding-model.custom-headers.X-Trace-Id=trace-456")
                .run(context -> {
                    QwenEmbeddingModel model = context.getBean(QwenEmbeddingModel.class);
                    assertThat(model.dimension()).isEqualTo(768);

                    List<Embedding> embeddings = model.embedAll(List.of(
                                    TextSegment.from("one"), TextSegment.from("two"), TextSegment.from("three")))
                            .content();

                    assertThat(embeddings).hasSize(3);
                    // max-segments-per-batch=2 and one request at a time: [one, two] then [three], in order.
                    assertThat(qwen.requests(EMBEDDINGS_PATH)).hasSize(2);
                    List<JsonNode> bodies = qwen.bodies(EMBEDDINGS_PATH);
                    assertThat(bodies).allSatisfy(body -> {
                        assertThat(body.get("model").asText()).isEqualTo("text-embedding-v3");
                        assertThat(body.get("dimensions").asInt()).isEqualTo(768);
                    });
                    assertThat(bodies)
                            .extracting(body -> body.get("input").size())
                            .containsExactly(2, 1);
                    assertThat(qwen.requests(EMBEDDINGS_PATH))
                            .allSatisfy(request ->
                                    assertThat(request.getHeader("X-Trace-Id")).isEqualTo("trace-456"));
                });
    }

    @Test
    void should_bind_the_region_from_its_lowercase_name() {
        new ApplicationContextRunner()
                .withConfiguration(QwenAutoConfigurations.of())
                .withPropertyValues("langchain4j.qwen.api-key=" + API_KEY, "langchain4j.qwen.region=china-beijing")
                .run(context -> {
                    assertThat(context.getBean(QwenProperties.class).region())
                            .isEqualTo(io.github.qwenlangchain4j.QwenRegion.CHINA_BEIJING);
                    assertThat(context.getBean(QwenChatModel.class).toString())
                            .contains("baseUrl=https://dashscope.aliyuncs.com/compatible-mode/v1");
                    assertThat(context.getBean(QwenStreamingChatModel.class).toString())
                            .contains("baseUrl=https://dashscope.aliyuncs.com/compatible-mode/v1");
                    assertThat(context.getBean(QwenEmbeddingModel.class).toString())
                            .contains("baseUrl=https://dashscope.aliyuncs.com/compatible-mode/v1");
                });
        new ApplicationContextRunner()
                .withConfiguration(QwenAutoConfigurations.of())
                .withPropertyValues("langchain4j.qwen.api-key=" + API_KEY, "langchain4j.qwen.region=us-virginia")
                .run(context -> assertThat(context.getBean(QwenChatModel.class).toString())
                        .contains("baseUrl=https://dashscope-us.aliyuncs.com/compatible-mode/v1"));
    }

    @Test
    void should_default_to_singapore_and_let_base_url_win_over_region() {
        new ApplicationContextRunner()
                .withConfiguration(QwenAutoConfigurations.of())
                .withPropertyValues("langchain4j.qwen.api-key=" + API_KEY)
                .run(context -> assertThat(context.getBean(QwenChatModel.class).toString())
                        .contains("baseUrl=https://dashscope-intl.aliyuncs.com/compatible-mode/v1"));
        runner.withPropertyValues("langchain4j.qwen.region=singapore")
                .run(context -> assertThat(context.getBean(QwenChatModel.class).toString())
                        .contains("baseUrl=" + qwen.baseUrl()));
    }

    @Test
    void should_retry_as_often_as_max_retries_says() {
        qwen.stubFor(post(urlEqualTo(CHAT_PATH))
                .willReturn(aResponse()
                        .withStatus(500)
                        .withBody("{\"error\":{\"message\":\"busy\",\"type\":\"internal_error\"}}")));
        runner.withPropertyValues("langchain4j.qwen.max-retries=1").run(context -> {
            Throwable failure =
                    catchThrowable(() -> context.getBean(QwenChatModel.class).chat("Hi"));

            assertThat(failure).isNotNull();
            assertThat(qwen.requests(CHAT_PATH)).hasSize(2);
        });
    }

    @Test
    void should_give_up_after_the_configured_timeout() {
        qwen.stubFor(post(urlEqualTo(CHAT_PATH)).willReturn(okJson("{}").withFixedDelay(3000)));
        runner.withPropertyValues("langchain4j.qwen.timeout=200ms", "langchain4j.qwen.max-retries=0")
                .run(context -> {
                    long start = System.nanoTime();
                    Throwable failure = catchThrowable(
                            () -> context.getBean(QwenChatModel.class).chat("Hi"));

                    assertThat(failure).isNotNull();
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
                });
    }

    @Test
    void should_log_requests_and_responses_when_asked_without_the_api_key(CapturedOutput output) {
        runner.withPropertyValues("langchain4j.qwen.log-requests=true", "langchain4j.qwen.log-responses=true")
                .run(context -> context.getBean(QwenChatModel.class).chat("Ping from the log test"));

        assertThat(output.getAll())
                .contains("Ping from the log test")
                .contains(QwenWireMock.ANSWER)
                .doesNotContain(API_KEY);
    }

    @Test
    void should_not_log_requests_by_default(CapturedOutput output) {
        runner.run(context -> context.getBean(QwenChatModel.class).chat("Ping from the quiet test"));

        assertThat(output.getAll()).doesNotContain("Ping from the quiet test");
    }
}
