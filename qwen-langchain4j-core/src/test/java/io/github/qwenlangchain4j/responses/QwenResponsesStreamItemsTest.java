package io.github.qwenlangchain4j.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.qwenlangchain4j.Fixtures;
import io.github.qwenlangchain4j.testkit.QwenMockServer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Built-in tool calls, their sources and the text's annotations are collected from {@code response.output_item.done}
 * as each item completes, not only from {@code response.completed}'s {@code output}: Qwen's own web_search_image
 * example stream ends with {@code "output": []} (Model Studio, "Create a response" / "Text-to-image search",
 * help.aliyun.com/zh/model-studio/web-search-image; fixture stream_web_search_image_doc.sse), and a client that read
 * only the completed event lost the call (github.com/QuantumNous/new-api/issues/4362: completed with an empty
 * {@code output} after the items streamed by in {@code output_item.done}; github.com/BerriAI/litellm/pull/32724
 * recovers them from the stream events the same way).
 */
class QwenResponsesStreamItemsTest extends ResponsesWireMockSupport {

    private ChatResponse stream(String body) throws Exception {
        streamBody(body);
        QwenResponsesStreamingChatModelTest.Recorder recorder = new QwenResponsesStreamingChatModelTest.Recorder();
        streamingModel()
                .build()
                .chat(ChatRequest.builder().messages(UserMessage.from("Go")).build(), recorder);
        return recorder.awaitResponse();
    }

    private static QwenResponsesChatResponseMetadata metadata(ChatResponse response) {
        return (QwenResponsesChatResponseMetadata) response.metadata();
    }

    /** The web search stream with its completed event's {@code output} changed. */
    private static String webSearchStreamWithCompletedOutput(Consumer<ArrayNode> change) throws Exception {
        String stream = Fixtures.read("responses/stream_web_search.sse");
        int start = stream.indexOf("data:", stream.indexOf("event:response.completed")) + "data:".length();
        int end = stream.indexOf('\n', start);
        ObjectNode completed = (ObjectNode) JSON.readTree(stream.substring(start, end));
        change.accept((ArrayNode) completed.path("response").path("output"));
        return stream.substring(0, start) + completed + stream.substring(end);
    }

    @Test
    void should_collect_a_built_in_call_from_output_item_done_when_completed_carries_an_empty_output()
            throws Exception {
        ChatResponse response = stream(Fixtures.read("responses/stream_web_search_image_doc.sse"));

        assertThat(metadata(response).builtInToolCalls()).singleElement().satisfies(call -> {
            assertThat(call.type()).isEqualTo("web_search_image_call");
            assertThat(call.status()).isEqualTo("completed");
            assertThat(call.output()).contains("https://example.com/cat.jpg");
        });
        assertThat(metadata(response).tokenUsage().totalTokenCount()).isEqualTo(8213);
    }

    @Test
    void should_keep_sources_annotations_and_text_when_completed_omits_output() throws Exception {
        String body = webSearchStreamWithCompletedOutput(ArrayNode::removeAll)
                .replace(
                        "\"annotations\":[]",
                        "\"annotations\":[{\"type\":\"url_citation\",\"url\":"
                                + "\"https://weather.example.com/hangzhou\",\"title\":\"Hangzhou\",\"start_index\":0,"
                                + "\"end_index\":8}]");

        ChatResponse response = stream(body);

        assertThat(response.aiMessage().text()).isEqualTo("Hangzhou is rainy today, 18–22 °C.");
        assertThat(response.aiMessage().thinking()).contains("search the web");
        assertThat(metadata(response).builtInToolCalls())
                .singleElement()
                .satisfies(call -> assertThat(call.sources())
                        .extracting(QwenSource::url)
                        .containsExactly(
                                "https://weather.example.com/hangzhou", "https://news.example.com/hangzhou-rain"));
        assertThat(metadata(response).annotations())
                .extracting(QwenAnnotation::url)
                .containsExactly("https://weather.example.com/hangzhou");
    }

    @Test
    void should_report_a_call_once_when_both_completed_and_output_item_done_carry_it() throws Exception {
        ChatResponse response = stream(Fixtures.read("responses/stream_web_search.sse"));

        assertThat(metadata(response).builtInToolCalls())
                .singleElement()
                .satisfies(call -> assertThat(call.sources()).hasSize(2));
    }

    @Test
    void should_add_a_call_only_output_item_done_reported_to_those_completed_lists() throws Exception {
        String body = webSearchStreamWithCompletedOutput(output -> {
            for (int i = output.size() - 1; i >= 0; i--) {
                if ("web_search_call".equals(output.get(i).path("type").asText())) {
                    output.remove(i);
                }
            }
        });

        ChatResponse response = stream(body);

        assertThat(response.aiMessage().text()).isEqualTo("Hangzhou is rainy today, 18–22 °C.");
        assertThat(metadata(response).builtInToolCalls())
                .extracting(QwenBuiltInToolCall::type)
                .containsExactly("web_search_call");
    }

    @Test
    void should_build_the_answer_from_the_items_when_neither_deltas_nor_completed_output_carry_it() throws Exception {
        StringBuilder kept = new StringBuilder();
        for (String frame :
                webSearchStreamWithCompletedOutput(ArrayNode::removeAll).split("\n\n")) {
            if (!frame.contains("output_text.delta") && !frame.contains("reasoning_summary_text.delta")) {
                kept.append(frame).append("\n\n");
            }
        }

        ChatResponse response = stream(kept.toString());

        assertThat(response.aiMessage().text()).isEqualTo("Hangzhou is rainy today, 18–22 °C.");
        assertThat(response.aiMessage().thinking()).contains("search the web");
        JsonNode sent = sentBody();
        assertThat(sent.path("stream").asBoolean()).isTrue();
    }

    @Test
    void should_keep_built_in_calls_end_to_end_when_the_mock_leaves_the_completed_output_empty() throws Exception {
        try (QwenMockServer mock =
                QwenMockServer.builder().responsesCompletedWithoutOutput(true).start()) {
            QwenResponsesStreamingChatModelTest.Recorder recorder = new QwenResponsesStreamingChatModelTest.Recorder();
            QwenResponsesStreamingChatModel.builder()
                    .apiKey(mock.apiKey())
                    .baseUrl(mock.responsesBaseUrl())
                    .builtInTools(QwenBuiltInTool.webSearch(), QwenBuiltInTool.webSearchImage())
                    .build()
                    .chat(
                            ChatRequest.builder()
                                    .messages(UserMessage.from("Weather in Hangzhou and a cat picture"))
                                    .build(),
                            recorder);

            ChatResponse response = recorder.awaitResponse();

            assertThat(response.aiMessage().text()).contains("Weather in Hangzhou");
            assertThat(metadata(response).builtInToolCalls())
                    .extracting(QwenBuiltInToolCall::type)
                    .containsExactly("web_search_call", "web_search_image_call");
            assertThat(metadata(response).builtInToolCalls().get(0).sources()).isNotEmpty();
        }
    }
}
