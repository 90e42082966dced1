package io.github.qwenlangchain4j.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.exception.LangChain4jException;
import io.github.qwenlangchain4j.Fixtures;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One event's data read as a chat chunk ({@link EventStreams#parse} with {@link StreamFormat#CHAT}): every event of
 * Qwen's recorded streams (text, thinking, parallel tool calls, Omni text and audio, in-stream errors), and the
 * malformed events that must end a stream with an error naming the request.
 */
class StreamEventParsingTest {

    private static final String[] STREAM_FIXTURES = {
        "chat/stream_basic.sse.jsonl",
        "chat/omni_stream_text_audio_qwen3-omni-flash.sse.txt",
        "chat/omni_stream_thinking_qwen3-omni-flash.sse.txt",
        "stream/thinking.sse.jsonl",
        "stream/tool_calls_parallel.sse.jsonl",
        "stream/mid_stream_error.sse.txt",
        "written/stream_error_data_inspection_failed.sse.txt",
        "written/stream_thinking_qwen-plus.sse.txt",
        "written/stream_tool_calls_parallel.sse.txt",
    };

    static Stream<String> recordedEvents() {
        List<String> events = new ArrayList<>();
        for (String fixture : STREAM_FIXTURES) {
            for (String line : Fixtures.read(fixture).split("\n")) {
                String trimmed = line.strip();
                String data = trimmed.startsWith("data:") ? trimmed.substring(5).strip() : trimmed;
                if (data.startsWith("{")) {
                    events.add(data);
                }
            }
        }
        return events.stream();
    }

    @ParameterizedTest
    @MethodSource("recordedEvents")
    void should_read_every_recorded_event_as_a_chunk_with_choices_usage_or_an_error(String event) {
        ChatCompletionResponse chunk = parse(event, null);

        assertThat(chunk.choices() != null || chunk.usage() != null || chunk.error() != null)
                .as(event)
                .isTrue();
    }

    @Test
    void should_read_the_text_reasoning_tool_calls_and_usage_of_a_chunk() {
        ChatCompletionResponse text = parse(
                "{\"id\":\"chatcmpl-7\",\"created\":1735113344,\"model\":\"qwen-plus\","
                        + "\"choices\":[{\"delta\":{\"content\":\"a\\n\\\"b\\\" \\u901a\",\"reasoning_content\":\"hmm\"},"
                        + "\"finish_reason\":\"stop\",\"index\":0}],\"unknown\":{\"nested\":[1,{\"choices\":[]}]}}",
                null);
        ChatCompletionResponse toolCall = parse(
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":1,"
                        + "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                        + "\"arguments\":\"{\\\"city\\\"\"}}]},\"index\":0}]}",
                null);
        ChatCompletionResponse usage = parse(
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":22,"
                        + "\"completion_tokens\":5,\"total_tokens\":27,\"prompt_tokens_details\":{\"cached_tokens\":20},"
                        + "\"completion_tokens_details\":{\"reasoning_tokens\":3}}}",
                null);

        assertThat(text.id()).isEqualTo("chatcmpl-7");
        assertThat(text.requestId()).isEqualTo("7");
        assertThat(text.created()).isEqualTo(1735113344L);
        assertThat(text.choices().get(0).delta().content()).isEqualTo("a\n\"b\" 通");
        assertThat(text.choices().get(0).delta().reasoningContent()).isEqualTo("hmm");
        assertThat(text.choices().get(0).finishReason()).isEqualTo("stop");
        assertThat(toolCall.choices().get(0).delta().toolCalls().get(0).index()).isEqualTo(1);
        assertThat(toolCall.choices()
                        .get(0)
                        .delta()
                        .toolCalls()
                        .get(0)
                        .function()
                        .arguments())
                .isEqualTo("{\"city\"");
        assertThat(usage.usage().promptTokensDetails().cachedTokens()).isEqualTo(20);
        assertThat(usage.usage().completionTokensDetails().reasoningTokens()).isEqualTo(3);
    }

    @Test
    void should_read_both_shapes_of_in_stream_errors() {
        ChatCompletionResponse compatible = parse(
                "{\"error\":{\"code\":\"data_inspection_failed\","
                        + "\"message\":\"Output data may contain inappropriate content.\"}}",
                null);
        ChatCompletionResponse flat = parse(
                "{\"code\":\"Throttling.RateQuota\",\"message\":\"Requests rate limit"
                        + " exceeded\",\"request_id\":\"r-1\"}",
                null);

        assertThat(compatible.error().code()).isEqualTo("data_inspection_failed");
        assertThat(flat.error().code()).isEqualTo("Throttling.RateQuota");
        assertThat(flat.requestId()).isEqualTo("r-1");
    }

    @Test
    void should_read_an_event_larger_than_a_buffer_segment_whole() {
        String content = "通义".repeat(10_000);

        ChatCompletionResponse chunk = parse(
                "{\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":{\"content\":\"" + content + "\"},\"index\":0}]}",
                null);

        assertThat(chunk.choices().get(0).delta().content()).isEqualTo(content);
    }

    @Test
    void should_fail_an_event_that_is_not_json_naming_the_request() {
        assertThatThrownBy(() -> parse("{\"id\":", "req-1"))
                .isInstanceOf(LangChain4jException.class)
                .hasMessageContaining("Malformed")
                .hasMessageContaining("req-1");
        assertThatThrownBy(() -> parse("not json", null))
                .isInstanceOf(LangChain4jException.class)
                .hasMessageContaining("not the expected JSON");
    }

    @Test
    void should_fail_an_event_that_stops_inside_a_value_at_any_point() {
        String event = "{\"id\":\"chatcmpl-1\",\"x\":{\"y\":[1,{}]},\"choices\":[{\"delta\":{\"content\":\"x\"},"
                + "\"index\":0}]}";
        for (int cut = 1; cut < event.length(); cut++) {
            String truncated = event.substring(0, cut);
            assertThatThrownBy(() -> parse(truncated, null))
                    .as(truncated)
                    .isInstanceOf(LangChain4jException.class)
                    .hasMessageContaining("Malformed");
        }
    }

    @Test
    void should_fail_an_event_that_holds_two_values_or_json_null_or_nothing() {
        assertThatThrownBy(() -> parse("{\"id\":\"a\"}{\"id\":\"b\"}", null))
                .isInstanceOf(LangChain4jException.class)
                .hasMessageContaining("not the expected JSON");
        assertThatThrownBy(() -> parse("{\"id\":\"a\"} x", null))
                .isInstanceOf(LangChain4jException.class)
                .hasMessageContaining("not the expected JSON");
        assertThatThrownBy(() -> parse("null", null))
                .isInstanceOf(LangChain4jException.class)
                .hasMessageContaining("JSON null");
        assertThatThrownBy(() -> parse("", null))
                .isInstanceOf(LangChain4jException.class)
                .hasMessageContaining("Malformed");
    }

    @Test
    void should_take_whitespace_around_an_event_as_nothing() {
        assertThat(parse(" \t{\"id\":\"chatcmpl-1\",\"choices\":[]}\r\n ", null).id())
                .isEqualTo("chatcmpl-1");
    }

    @Test
    void should_fail_an_event_whose_values_have_the_wrong_type() {
        assertThatThrownBy(() -> parse("{\"choices\":\"none\"}", null))
                .isInstanceOf(LangChain4jException.class)
                .hasMessageContaining("not the expected JSON");
        assertThatThrownBy(() -> parse("[]", null))
                .isInstanceOf(LangChain4jException.class)
                .hasMessageContaining("not the expected JSON");
    }

    private static ChatCompletionResponse parse(String data, String requestId) {
        return EventStreams.parse(StreamFormat.CHAT, new Buffer().writeUtf8(data), requestId);
    }
}
