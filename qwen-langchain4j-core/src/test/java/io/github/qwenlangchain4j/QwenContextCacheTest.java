package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Qwen's explicit context cache (Model Studio, "Context cache",
 * https://www.alibabacloud.com/help/en/model-studio/context-cache): {@code "cache_control": {"type": "ephemeral"}}
 * on a content block of the {@code messages} ends a cache block; "A single request supports a maximum of four cache
 * markers"; "A cache block must contain at least 1024 tokens"; usage reports {@code cached_tokens},
 * {@code cache_creation_input_tokens} and {@code cache_type: "ephemeral"}. Markers sit on text blocks of system,
 * user, assistant and tool messages, as in the request example there:
 * {@code {"role": "system", "content": [{"type": "text", "text": "<long prompt>", "cache_control": {"type":
 * "ephemeral"}}]}}. Run against QwenMockServer, which keeps cache blocks the same way.
 */
class QwenContextCacheTest extends QwenMockServerSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** About 1,500 tokens: more than the 1,024 a cache block needs. */
    private static final String LONG_PROMPT = "You are the support agent of a bicycle shop. ".repeat(135);

    private QwenChatModel.Builder model(String modelName) {
        return QwenChatModel.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .modelName(modelName);
    }

    private JsonNode lastRequest() throws Exception {
        return JSON.readTree(server.requests().get(server.requests().size() - 1).body());
    }

    private static JsonNode marker() {
        return JSON.createObjectNode().put("type", "ephemeral");
    }

    @Nested
    class Marking {

        @Test
        void cache_system_messages_on_the_builder_marks_the_instructions_as_a_text_block() throws Exception {
            model("qwen-plus")
                    .cacheSystemMessages(true)
                    .build()
                    .chat(
                            SystemMessage.from("Be brief."),
                            SystemMessage.from("Answer in English."),
                            UserMessage.from("Hi"));

            JsonNode messages = lastRequest().path("messages");
            assertThat(messages.get(0).path("content")).hasSize(1);
            assertThat(messages.get(0).path("content").get(0).path("type").asText())
                    .isEqualTo("text");
            assertThat(messages.get(0).path("content").get(0).path("text").asText())
                    .isEqualTo("Be brief.\n\nAnswer in English.");
            assertThat(messages.get(0).path("content").get(0).path("cache_control"))
                    .isEqualTo(marker());
            assertThat(messages.get(1).path("content").asText()).isEqualTo("Hi");
        }

        @Test
        void a_request_can_switch_the_models_marks_off_and_on() throws Exception {
            QwenChatModel model = model("qwen-plus").cacheSystemMessages(true).build();

            model.chat(ChatRequest.builder()
                    .messages(SystemMessage.from("Be brief."), UserMessage.from("Hi"))
                    .parameters(QwenChatRequestParameters.builder()
                            .cacheSystemMessages(false)
                            .build())
                    .build());
            assertThat(lastRequest().path("messages").get(0).path("content").isTextual())
                    .isTrue();

            model("qwen-plus")
                    .build()
                    .chat(ChatRequest.builder()
                            .messages(SystemMessage.from("Be brief."), UserMessage.from("Hi"))
                            .parameters(QwenChatRequestParameters.builder()
                                    .cacheConversation(true)
                                    .build())
                            .build());
            JsonNode messages = lastRequest().path("messages");
            assertThat(messages.get(0).path("content").isTextual()).isTrue();
            assertThat(messages.get(1).path("content").get(0).path("cache_control"))
                    .isEqualTo(marker());
        }

        @Test
        void cache_conversation_marks_the_last_block_of_the_last_message() throws Exception {
            model("qwen3.6-plus")
                    .cacheConversation(true)
                    .enableThinking(false)
                    .build()
                    .chat(UserMessage.from(
                            TextContent.from("What is in this picture?"),
                            ImageContent.from("https://example.com/bike.png")));

            JsonNode content = lastRequest().path("messages").get(0).path("content");
            assertThat(content.get(0).has("cache_control")).isFalse();
            assertThat(content.get(1).path("type").asText()).isEqualTo("image_url");
            assertThat(content.get(1).path("cache_control")).isEqualTo(marker());
        }

        @Test
        void messages_marked_with_the_cache_control_attribute_carry_the_marker_as_in_the_anthropic_module()
                throws Exception {
            ToolExecutionRequest call = ToolExecutionRequest.builder()
                    .id("call_1")
                    .name("stock")
                    .arguments("{}")
                    .build();
            List<ChatMessage> messages = List.of(
                    QwenContextCache.cached(UserMessage.from("Is the red bike in stock?")),
                    AiMessage.builder()
                            .text("Let me check.")
                            .toolExecutionRequests(List.of(call))
                            .attributes(QwenContextCache.marker())
                            .build(),
                    ToolExecutionResultMessage.builder()
                            .id("call_1")
                            .toolName("stock")
                            .text("3 in stock")
                            .attributes(QwenContextCache.marker())
                            .build());

            model("qwen-plus").build().chat(messages);

            JsonNode sent = lastRequest().path("messages");
            assertThat(sent.get(0).path("content").get(0).path("cache_control")).isEqualTo(marker());
            assertThat(sent.get(1).path("content").get(0).path("text").asText()).isEqualTo("Let me check.");
            assertThat(sent.get(1).path("content").get(0).path("cache_control")).isEqualTo(marker());
            assertThat(sent.get(1).path("tool_calls")).hasSize(1);
            assertThat(sent.get(2).path("role").asText()).isEqualTo("tool");
            assertThat(sent.get(2).path("content").get(0).path("text").asText()).isEqualTo("3 in stock");
            assertThat(sent.get(2).path("content").get(0).path("cache_control")).isEqualTo(marker());
        }

        @Test
        void messages_without_marks_are_sent_as_before() throws Exception {
            model("qwen-plus").build().chat(SystemMessage.from("Be brief."), UserMessage.from("Hi"));

            assertThat(lastRequest().toString()).doesNotContain("cache_control");
        }
    }

    @Nested
    class RefusedBeforeSending {

        @Test
        void more_than_four_markers() {
            List<ChatMessage> messages = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                messages.add(QwenContextCache.cached(UserMessage.from("question " + i)));
            }

            assertThatThrownBy(() -> model("qwen-plus").build().chat(messages))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("5 context-cache markers")
                    .hasMessageContaining("at most 4");
            assertThat(server.requests()).isEmpty();
        }

        @Test
        void markers_on_a_model_without_explicit_cache() {
            QwenChatModel qwenLong =
                    model("qwen-long").cacheSystemMessages(true).build();

            assertThatThrownBy(() -> qwenLong.chat(SystemMessage.from("Be brief."), UserMessage.from("Hi")))
                    .isInstanceOf(UnsupportedFeatureException.class)
                    .hasMessageContaining("qwen-long has no explicit context cache");
            assertThatThrownBy(() -> model("qwen3-omni-flash")
                            .cacheConversation(true)
                            .build()
                            .chat("Hi"))
                    .isInstanceOf(UnsupportedFeatureException.class);
            assertThat(server.requests()).isEmpty();
        }

        @Test
        void a_marker_on_an_ai_message_without_text() {
            ToolExecutionRequest call = ToolExecutionRequest.builder()
                    .id("call_1")
                    .name("stock")
                    .arguments("{}")
                    .build();
            AiMessage toolCallOnly = AiMessage.builder()
                    .toolExecutionRequests(List.of(call))
                    .attributes(QwenContextCache.marker())
                    .build();

            assertThatThrownBy(() -> model("qwen-plus")
                            .build()
                            .chat(UserMessage.from("Stock?"), toolCallOnly, ToolExecutionResultMessage.from(call, "3")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("AiMessage without text cannot carry a context-cache marker");
            assertThat(server.requests()).isEmpty();
        }

        @Test
        void but_model_names_the_library_does_not_know_are_sent() throws Exception {
            model("my-fine-tuned-qwen")
                    .cacheSystemMessages(true)
                    .build()
                    .chat(SystemMessage.from("Be brief."), UserMessage.from("Hi"));

            assertThat(lastRequest()
                            .path("messages")
                            .get(0)
                            .path("content")
                            .get(0)
                            .path("cache_control"))
                    .isEqualTo(marker());
        }
    }

    @Nested
    class Usage {

        @Test
        void the_first_call_creates_the_cache_block_and_the_next_one_reads_it() {
            QwenChatModel model = model("qwen-plus").cacheSystemMessages(true).build();

            QwenTokenUsage first = (QwenTokenUsage)
                    model.chat(SystemMessage.from(LONG_PROMPT), UserMessage.from("Do you repair tyres?"))
                            .tokenUsage();
            QwenTokenUsage second =
                    (QwenTokenUsage) model.chat(SystemMessage.from(LONG_PROMPT), UserMessage.from("When do you open?"))
                            .tokenUsage();

            assertThat(first.cacheCreationTokens()).isGreaterThan(1024);
            assertThat(first.cachedTokens()).isZero();
            assertThat(second.cachedTokens()).isEqualTo(first.cacheCreationTokens());
            assertThat(second.cacheCreationTokens()).isZero();
        }

        @Test
        void a_prefix_under_1024_tokens_creates_no_block() {
            QwenTokenUsage usage = (QwenTokenUsage) model("qwen-plus")
                    .cacheSystemMessages(true)
                    .build()
                    .chat(SystemMessage.from("Be brief."), UserMessage.from("Hi"))
                    .tokenUsage();

            assertThat(usage.cacheCreationTokens()).isZero();
            assertThat(usage.cachedTokens()).isZero();
        }

        @Test
        void streaming_reports_the_cache_tokens_too() throws Exception {
            QwenStreamingChatModel model = QwenStreamingChatModel.builder()
                    .apiKey(server.apiKey())
                    .baseUrl(server.baseUrl())
                    .modelName("qwen-flash")
                    .cacheConversation(true)
                    .build();
            List<ChatMessage> history =
                    List.of(SystemMessage.from(LONG_PROMPT), UserMessage.from("Do you rent bikes?"));

            RecordingHandler first = new RecordingHandler();
            model.chat(history, first);
            ChatResponse firstResponse = first.response.get(10, TimeUnit.SECONDS);
            List<ChatMessage> next = new ArrayList<>(history);
            next.add(firstResponse.aiMessage());
            next.add(UserMessage.from("How much per day?"));
            RecordingHandler second = new RecordingHandler();
            model.chat(next, second);

            QwenTokenUsage created = (QwenTokenUsage) firstResponse.tokenUsage();
            QwenTokenUsage read =
                    (QwenTokenUsage) second.response.get(10, TimeUnit.SECONDS).tokenUsage();
            assertThat(created.cacheCreationTokens()).isGreaterThan(1024);
            // the second turn reads the first turn's history from the cache and caches its own
            assertThat(read.cachedTokens()).isEqualTo(created.cacheCreationTokens());
            assertThat(read.cacheCreationTokens()).isPositive();
        }
    }

    /**
     * Qwen4 (Model Studio, "Explicit cache (Qwen4)",
     * https://www.alibabacloud.com/help/en/model-studio/explicit-cache-qwen4, Nov 2026): "Explicit cache for Qwen4
     * series models only"; its breakpoint is {@code "prompt_cache_breakpoint": {"mode": "explicit"}} on a content
     * block, and the Chinese page (https://help.aliyun.com/zh/model-studio/explicit-cache-qwen4) says the
     * OpenAI-compatible Chat Completions API's existing cache_control content-block marker "继续兼容,用法与
     * prompt_cache_breakpoint 相同" (stays compatible, used as prompt_cache_breakpoint is). The qwen4-max model page
     * (https://help.aliyun.com/zh/model-studio/qwen4-max) lists explicit and implicit cache.
     */
    @Nested
    class Qwen4 {

        @Test
        void a_qwen4_model_takes_the_marks_as_cache_control_which_qwen4_keeps_compatible() throws Exception {
            model("qwen4-max")
                    .cacheSystemMessages(true)
                    .cacheConversation(true)
                    .build()
                    .chat(SystemMessage.from("Be brief."), UserMessage.from("Hi"));

            JsonNode messages = lastRequest().path("messages");
            assertThat(messages.get(0).path("content").get(0).path("cache_control"))
                    .isEqualTo(marker());
            assertThat(messages.get(1).path("content").get(0).path("cache_control"))
                    .isEqualTo(marker());
            assertThat(messages.get(0).path("content").get(0).has("prompt_cache_breakpoint"))
                    .isFalse();
        }

        @Test
        void a_qwen4_model_creates_then_reads_the_block() {
            QwenChatModel model = model("qwen4-max").cacheSystemMessages(true).build();

            QwenTokenUsage first = (QwenTokenUsage)
                    model.chat(SystemMessage.from(LONG_PROMPT), UserMessage.from("Do you repair tyres?"))
                            .tokenUsage();
            QwenTokenUsage second =
                    (QwenTokenUsage) model.chat(SystemMessage.from(LONG_PROMPT), UserMessage.from("When do you open?"))
                            .tokenUsage();

            assertThat(first.cacheCreationTokens()).isGreaterThan(1024);
            assertThat(second.cachedTokens()).isEqualTo(first.cacheCreationTokens());
        }
    }
}
