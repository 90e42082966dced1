package io.github.qwenlangchain4j.internal.mapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.service.AiServices;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenChatRequestParameters;
import io.github.qwenlangchain4j.internal.api.ChatCompletionRequest;
import io.github.qwenlangchain4j.internal.json.Json;
import io.github.qwenlangchain4j.testkit.MockReply;
import io.github.qwenlangchain4j.testkit.QwenMockServer;
import io.github.qwenlangchain4j.testkit.RecordedRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 12, messages: tool results with several contents, user names, tools without parameters and audio MIME
 * types, as {@link ChatRequestMapper} puts them on the wire, and a tool result from a LangChain4j AI service.
 */
class ChatRequestMapperMessagesTest {

    static final ToolExecutionRequest CALL = ToolExecutionRequest.builder()
            .id("call_1")
            .name("describe_chart")
            .arguments("{}")
            .build();

    static QwenChatRequestParameters params() {
        return QwenChatRequestParameters.builder().modelName("qwen-plus").build();
    }

    /** The body exactly as the client would serialise it, planned as a non-streamed (batch) call. */
    static JsonNode body(List<ChatMessage> messages, QwenChatRequestParameters parameters) {
        ChatCompletionRequest request = ChatRequestMapper.toRequest(
                messages, parameters, new CallPlanner().plan(parameters, CallPlanner.Transport.BATCH), false);
        try {
            return Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(request));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    static List<ChatMessage> toolTurn(ToolExecutionResultMessage result) {
        return List.of(UserMessage.from("Describe the chart"), AiMessage.from(CALL), result);
    }

    static ToolExecutionResultMessage resultWith(List<Content> contents) {
        return ToolExecutionResultMessage.builder()
                .id("call_1")
                .toolName("describe_chart")
                .contents(contents)
                .build();
    }

    // ---- tool results ----

    @Test
    void should_join_the_texts_of_a_tool_result_with_a_newline() {
        ToolExecutionResultMessage result = resultWith(List.of(TextContent.from("a"), TextContent.from("b")));

        JsonNode tool = body(toolTurn(result), params()).at("/messages/2");

        assertThat(tool.get("role").asText()).isEqualTo("tool");
        assertThat(tool.get("content").isTextual()).isTrue();
        assertThat(tool.get("content").asText()).isEqualTo("a\nb");
        assertThat(tool.get("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(tool.get("name").asText()).isEqualTo("describe_chart");
        assertThat(ContentMapper.toolResultText(result)).isEqualTo("a\nb");
    }

    @Test
    void should_send_a_single_text_tool_result_as_is() {
        ToolExecutionResultMessage result = ToolExecutionResultMessage.from(CALL, "Sunny, 25°C");

        assertThat(ContentMapper.toolResultText(result)).isEqualTo("Sunny, 25°C");
        assertThat(body(toolTurn(result), params()).at("/messages/2/content").asText())
                .isEqualTo("Sunny, 25°C");
    }

    @Test
    void should_keep_empty_and_multi_line_texts_of_a_tool_result() {
        ToolExecutionResultMessage result =
                resultWith(List.of(TextContent.from("line 1\nline 2"), TextContent.from(""), TextContent.from("end")));

        assertThat(ContentMapper.toolResultText(result)).isEqualTo("line 1\nline 2\n\nend");
    }

    @Test
    void should_refuse_an_image_in_a_tool_result_naming_the_tool() {
        ToolExecutionResultMessage result = resultWith(
                List.of(TextContent.from("Here is the chart"), ImageContent.from("https://example.com/chart.png")));

        assertThatThrownBy(() -> body(toolTurn(result), params()))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("describe_chart")
                .hasMessageContaining("IMAGE")
                .hasMessageContaining("Qwen takes tool results as text");
    }

    @Test
    void should_refuse_audio_in_a_tool_result_naming_the_tool() {
        ToolExecutionResultMessage result = resultWith(List.of(AudioContent.from("https://example.com/a.mp3")));

        assertThatThrownBy(() -> ContentMapper.toolResultText(result))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("describe_chart")
                .hasMessageContaining("AUDIO")
                .hasMessageContaining("text");
    }

    // ---- user names ----

    @Test
    void should_send_the_name_of_a_user_message() {
        JsonNode user =
                body(List.of(UserMessage.from("klaus", "Hello")), params()).at("/messages/0");

        assertThat(user.get("role").asText()).isEqualTo("user");
        assertThat(user.get("content").asText()).isEqualTo("Hello");
        assertThat(user.get("name").asText()).isEqualTo("klaus");
    }

    @Test
    void should_send_the_name_of_a_multimodal_user_message() {
        UserMessage message = UserMessage.from(
                "klaus", List.of(TextContent.from("What is this?"), ImageContent.from("https://example.com/cat.png")));

        JsonNode user = body(List.of(message), params()).at("/messages/0");

        assertThat(user.get("name").asText()).isEqualTo("klaus");
        assertThat(user.get("content").isArray()).isTrue();
        assertThat(user.at("/content/1/image_url/url").asText()).isEqualTo("https://example.com/cat.png");
    }

    @Test
    void should_send_no_name_field_for_an_anonymous_user_message() {
        JsonNode user = body(List.of(UserMessage.from("Hello")), params()).at("/messages/0");

        assertThat(user.has("name")).isFalse();
    }

    // ---- tools without parameters ----

    @Test
    void should_send_empty_properties_for_a_tool_whose_parameters_are_an_empty_object_schema() {
        ToolSpecification tool = ToolSpecification.builder()
                .name("get_current_time")
                .description("Useful when you want to know the current time.")
                .parameters(JsonObjectSchema.builder().build())
                .build();
        QwenChatRequestParameters parameters = QwenChatRequestParameters.builder()
                .modelName("qwen-plus")
                .toolSpecifications(tool)
                .build();

        JsonNode function =
                body(List.of(UserMessage.from("What time is it?")), parameters).at("/tools/0/function");

        assertThat(function.get("name").asText()).isEqualTo("get_current_time");
        assertThat(function.at("/parameters/type").asText()).isEqualTo("object");
        assertThat(function.at("/parameters/properties").isObject()).isTrue();
        assertThat(function.at("/parameters/properties").isEmpty()).isTrue();
    }

    @Test
    void should_send_empty_properties_for_a_tool_without_parameters() {
        ToolSpecification tool =
                ToolSpecification.builder().name("get_current_time").build();
        QwenChatRequestParameters parameters = QwenChatRequestParameters.builder()
                .modelName("qwen-plus")
                .toolSpecifications(tool)
                .build();

        JsonNode schema =
                body(List.of(UserMessage.from("What time is it?")), parameters).at("/tools/0/function/parameters");

        assertThat(schema)
                .isEqualTo(Json.MAPPER
                        .createObjectNode()
                        .put("type", "object")
                        .set("properties", Json.MAPPER.createObjectNode()));
    }

    // ---- audio formats ----

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "audio/webm;codecs=opus, webm",
        "audio/x-m4a,            m4a",
        "audio/x-flac,           flac",
        "audio/mp4,              m4a",
        "audio/x-wav,            wav",
        "audio/mpeg,             mp3",
        "audio/mp3,              mp3",
        "audio/wav,              wav",
        "AUDIO/MPEG,             mp3",
        "audio/ogg; codecs=opus, ogg"
    })
    void should_normalise_audio_mime_types_to_the_input_audio_format(String mimeType, String format) {
        assertThat(ContentMapper.audioFormat(mimeType, null)).isEqualTo(format);
        assertThat(ContentMapper.audioFormat(mimeType, "https://example.com/sound.bin"))
                .isEqualTo(format);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "audio/webm;codecs=opus, webm",
        "audio/x-m4a,            m4a",
        "audio/x-flac,           flac",
        "audio/mp4,              m4a",
        "audio/x-wav,            wav",
        "audio/mpeg,             mp3"
    })
    void should_put_the_normalised_format_of_inline_audio_on_the_wire(String mimeType, String format) {
        UserMessage message = UserMessage.from(
                TextContent.from("Transcribe"),
                AudioContent.from(
                        Audio.builder().base64Data("AQID").mimeType(mimeType).build()));

        JsonNode part = body(List.of(message), params()).at("/messages/0/content/1");

        assertThat(part.get("type").asText()).isEqualTo("input_audio");
        assertThat(part.at("/input_audio/data").asText()).isEqualTo("data:;base64,AQID");
        assertThat(part.at("/input_audio/format").asText()).isEqualTo(format);
    }

    @Test
    void should_fall_back_to_the_url_extension_without_a_mime_type() {
        assertThat(ContentMapper.audioFormat(null, "https://example.com/a/Voice.MP3?sig=1"))
                .isEqualTo("mp3");
        assertThat(ContentMapper.audioFormat(null, "https://example.com/a.b/voice"))
                .isNull();
        assertThat(ContentMapper.audioFormat(null, null)).isNull();
    }

    // ---- through a LangChain4j AI service ----

    /**
     * LangChain4j 1.19's DefaultToolExecutor turns a tool's {@code List<Content>} (or {@code Image}) return value into
     * a multi-content {@link ToolExecutionResultMessage}; these tests run that end to end against QwenMockServer.
     */
    @Nested
    class ThroughAnAiService {

        interface Assistant {
            String chat(String message);
        }

        static class ChartTools {
            final AtomicInteger calls = new AtomicInteger();

            @Tool("Describes the sales chart")
            List<Content> describe_chart() {
                calls.incrementAndGet();
                return List.of(TextContent.from("Sales rose 12%"), TextContent.from("Best month: March"));
            }
        }

        static class ImageTools {
            final AtomicInteger calls = new AtomicInteger();

            @Tool("Draws the sales chart")
            Image describe_chart() {
                calls.incrementAndGet();
                return Image.builder().url("https://example.com/chart.png").build();
            }
        }

        private static Assistant assistant(QwenMockServer server, Object tools) {
            QwenChatModel model = QwenChatModel.builder()
                    .apiKey(server.apiKey())
                    .baseUrl(server.baseUrl())
                    .build();
            return AiServices.builder(Assistant.class)
                    .chatModel(model)
                    .tools(tools)
                    .build();
        }

        @Test
        void should_send_a_tool_that_returns_several_texts_to_qwen_as_joined_text() {
            try (QwenMockServer server = QwenMockServer.start()) {
                server.enqueue(MockReply.toolCalls(new MockReply.ToolCall("describe_chart", "{}")));
                server.enqueue(MockReply.text("Sales rose 12%, best in March."));
                ChartTools tools = new ChartTools();
                Assistant assistant = assistant(server, tools);

                String answer = assistant.chat("How did sales go?");

                assertThat(answer).isEqualTo("Sales rose 12%, best in March.");
                assertThat(tools.calls).hasValue(1);
                List<RecordedRequest> requests = server.requests();
                assertThat(requests).hasSize(2);
                JsonNode toolTurn = requests.get(1).json().at("/messages/2");
                assertThat(toolTurn.get("role").asText()).isEqualTo("tool");
                assertThat(toolTurn.get("name").asText()).isEqualTo("describe_chart");
                assertThat(toolTurn.get("content").isTextual()).isTrue();
                assertThat(toolTurn.get("content").asText()).isEqualTo("Sales rose 12%\nBest month: March");
            }
        }

        @Test
        void should_fail_clearly_when_a_tool_returns_an_image() {
            try (QwenMockServer server = QwenMockServer.start()) {
                server.enqueue(MockReply.toolCalls(new MockReply.ToolCall("describe_chart", "{}")));
                server.enqueue(MockReply.text("never sent"));
                ImageTools tools = new ImageTools();
                Assistant assistant = assistant(server, tools);

                assertThatThrownBy(() -> assistant.chat("Show me the sales chart"))
                        .isInstanceOf(UnsupportedFeatureException.class)
                        .hasMessageContaining("describe_chart")
                        .hasMessageContaining("Qwen takes tool results as text");
                assertThat(tools.calls).hasValue(1);
                assertThat(server.requests())
                        .as("the request with the image result is never sent")
                        .hasSize(1);
            }
        }
    }
}
