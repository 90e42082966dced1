package io.github.qwenlangchain4j.internal.client;

import io.github.qwenlangchain4j.internal.json.Json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.langchain4j.exception.LangChain4jException;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import okio.Buffer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One parser per stream, and a token-level reader for the common chat chunk: both must read every event exactly as
 * binding each event on its own does. The events are every payload of the stream fixtures (Qwen's documented streams:
 * text, thinking, parallel tool calls, Omni text+audio, errors) plus edge cases the fast path must decline.
 */
class JsonEventParserTest {

    private static final String[] STREAM_FIXTURES = {
            "fixtures/chat/stream_basic.sse.jsonl",
            "fixtures/chat/omni_stream_text_audio_qwen3-omni-flash.sse.txt",
            "fixtures/chat/omni_stream_thinking_qwen3-omni-flash.sse.txt",
            "fixtures/stream/thinking.sse.jsonl",
            "fixtures/stream/tool_calls_parallel.sse.jsonl",
            "fixtures/stream/mid_stream_error.sse.txt",
            "fixtures/written/stream_error_data_inspection_failed.sse.txt",
            "fixtures/written/stream_thinking_qwen-plus.sse.txt",
            "fixtures/written/stream_tool_calls_parallel.sse.txt",
    };

    /** Shapes the fast path must decline or read with care; each is bound by Jackson for the expected value. */
    private static final String[] EDGE_CASES = {
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":22,\"completion_tokens\":5,\"total_tokens\":27}}",
            "{\"error\":{\"code\":\"data_inspection_failed\",\"message\":\"Output data may contain inappropriate content.\"}}",
            "{\"code\":\"Throttling.RateQuota\",\"message\":\"Requests rate limit exceeded\",\"request_id\":\"r-1\"}",
            "{\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":{\"content\":[{\"text\":\"parts\"}]},\"index\":0}]}",
            "{\"id\":\"chatcmpl-1\",\"created\":\"1735113344\",\"choices\":[{\"delta\":{\"content\":\"x\"},\"index\":0}]}",
            "{\"id\":\"chatcmpl-1\",\"created\":1.5e9,\"choices\":[]}",
            "{\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":{\"content\":\"x\"},\"index\":\"0\"}]}",
            "{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"whole\"},\"index\":0}]}",
            "{\"id\":\"chatcmpl-1\",\"choices\":[null]}",
            "{\"id\":7,\"choices\":[]}",
            "{\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":{\"content\":\"a\\n\\\"b\\\" \\u901a\"},\"finish_reason\":\"stop\",\"index\":0}]}",
            "{\"nested\":{\"deep\":[1,{\"choices\":[]}]},\"id\":\"chatcmpl-2\",\"choices\":[{\"extra\":[1,2],\"delta\":{\"role\":\"assistant\"},\"index\":0}]}",
            "{\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":{\"content\":\"x\",\"content\":\"y\"},\"index\":0}]}",
            "{\"request_id\":\"r-9\",\"choices\":[{\"delta\":{\"reasoning_content\":\"hmm\"},\"index\":0}]}",
            "{}",
    };

    static Stream<String> events() {
        List<String> events = new ArrayList<>(List.of(EDGE_CASES));
        for (String fixture : STREAM_FIXTURES) {
            for (String line : read(fixture).split("\n")) {
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
    @MethodSource("events")
    void every_event_reads_as_binding_it_alone_does(String event) throws IOException {
        JsonEventParser<ChatCompletionResponse> parser = chatParser();

        ChatCompletionResponse read = parser.parse(buffer(event), null);

        assertThat(read).isEqualTo(Json.MAPPER.readValue(event, ChatCompletionResponse.class));
    }

    @Test
    void one_parser_reads_a_whole_stream_of_events_in_order() throws IOException {
        JsonEventParser<ChatCompletionResponse> parser = chatParser();
        List<String> events = events().toList();

        for (String event : events) {
            assertThat(parser.parse(buffer(event), null))
                    .isEqualTo(Json.MAPPER.readValue(event, ChatCompletionResponse.class));
        }
        assertThat(events).hasSizeGreaterThan(EDGE_CASES.length + 20);
    }

    @Test
    void events_larger_than_the_feed_buffer_and_a_buffer_segment_read_whole() throws IOException {
        String big = "{\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":{\"content\":\"" + "通义".repeat(10_000)
                + "\"},\"index\":0}]}";
        JsonEventParser<ChatCompletionResponse> parser = chatParser();

        parser.parse(buffer("{\"choices\":[]}"), null);
        ChatCompletionResponse read = parser.parse(buffer(big), null);

        assertThat(read).isEqualTo(Json.MAPPER.readValue(big, ChatCompletionResponse.class));
        assertThat(parser.parse(buffer("{\"id\":\"after\"}"), null).id()).isEqualTo("after");
    }

    @Nested
    class The_fast_path {

        @Test
        void reads_the_text_and_reasoning_chunks_itself() throws IOException {
            ChatChunkFastPath fastPath = new ChatChunkFastPath();
            String text = read("fixtures/chat/stream_basic.sse.jsonl").split("\n")[1];
            String reasoning = "{\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":{\"content\":null,"
                    + "\"reasoning_content\":\"Let me think\"},\"finish_reason\":null,\"index\":0}],\"usage\":null}";

            assertThat(fastPath.read(positioned(text))).isEqualTo(Json.MAPPER.readValue(text, ChatCompletionResponse.class));
            assertThat(fastPath.read(positioned(reasoning)).choices().get(0).delta().reasoningContent())
                    .isEqualTo("Let me think");
        }

        @Test
        void declines_usage_tool_calls_audio_and_errors_and_leaves_the_parser_after_the_value() throws IOException {
            ChatChunkFastPath fastPath = new ChatChunkFastPath();
            for (String declined : List.of(EDGE_CASES[0], EDGE_CASES[1], EDGE_CASES[2], EDGE_CASES[3],
                    "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\"}]},\"index\":0}]}",
                    "{\"choices\":[{\"delta\":{\"audio\":{\"data\":\"AAAA\"}},\"index\":0}]}")) {
                JsonParser parser = positioned(declined + " {\"next\":1}");

                assertThat(fastPath.read(parser)).as(declined).isNull();
                assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
                assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT); // the next value is intact
            }
        }

        private JsonParser positioned(String json) throws IOException {
            JsonParser parser = Json.MAPPER.getFactory().createParser(json);
            parser.nextToken();
            return parser;
        }
    }

    @Nested
    class A_malformed_event_ends_the_stream {

        @Test
        void when_it_is_not_json() {
            assertThatThrownBy(() -> chatParser().parse(buffer("{\"id\":"), "req-1"))
                    .isInstanceOf(LangChain4jException.class).hasMessageContaining("req-1");
            assertThatThrownBy(() -> chatParser().parse(buffer("not json"), null))
                    .isInstanceOf(LangChain4jException.class).hasMessageContaining("not the expected JSON");
        }

        @Test
        void when_it_stops_inside_a_value_at_any_point() {
            String event = "{\"id\":\"chatcmpl-1\",\"x\":{\"y\":[1,{}]},\"choices\":[{\"delta\":{\"content\":\"x\"},"
                    + "\"index\":0}]}";
            for (int cut = 1; cut < event.length(); cut++) {
                String truncated = event.substring(0, cut);
                assertThatThrownBy(() -> chatParser().parse(buffer(truncated), null)).as(truncated)
                        .isInstanceOf(LangChain4jException.class).hasMessageContaining("Malformed");
            }
        }

        @Test
        void when_it_holds_two_values_or_json_null_or_nothing() {
            assertThatThrownBy(() -> chatParser().parse(buffer("{\"id\":\"a\"}{\"id\":\"b\"}"), null))
                    .hasMessageContaining("more than one JSON value");
            assertThatThrownBy(() -> chatParser().parse(buffer("null"), null)).hasMessageContaining("JSON null");
            assertThatThrownBy(() -> chatParser().parse(buffer(""), null)).hasMessageContaining("empty");
        }

        @Test
        void when_a_value_has_the_wrong_type_for_binding() {
            assertThatThrownBy(() -> chatParser().parse(buffer("{\"choices\":\"none\"}"), null))
                    .hasMessageContaining("not the expected JSON");
        }
    }

    private static JsonEventParser<ChatCompletionResponse> chatParser() {
        return new JsonEventParser<>(Json.MAPPER, ChatCompletionResponse.class, new ChatChunkFastPath());
    }

    private static Buffer buffer(String json) {
        return new Buffer().writeUtf8(json);
    }

    private static String read(String resource) {
        try {
            return Files.readString(Path.of(JsonEventParserTest.class.getClassLoader().getResource(resource).toURI()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
