package io.github.qwenlangchain4j.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.output.FinishReason;
import io.github.qwenlangchain4j.Fixtures;
import io.github.qwenlangchain4j.QwenChatResponseMetadata;
import io.github.qwenlangchain4j.QwenTokenUsage;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatStreamAccumulatorTest {

    /** Records every event as a line, in arrival order. */
    static final class Recorder implements StreamEvents {

        final List<String> events = new ArrayList<>();
        final List<PartialToolCall> partials = new ArrayList<>();
        final List<CompleteToolCall> completes = new ArrayList<>();

        @Override
        public void onText(String delta) {
            events.add("text:" + delta);
        }

        @Override
        public void onThinking(String delta) {
            events.add("thinking:" + delta);
        }

        @Override
        public void onPartialToolCall(PartialToolCall partial) {
            partials.add(partial);
            events.add("partial:" + partial.index() + ":" + partial.id() + ":" + partial.name() + ":"
                    + partial.partialArguments());
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall complete) {
            completes.add(complete);
            ToolExecutionRequest r = complete.toolExecutionRequest();
            events.add("complete:" + complete.index() + ":" + r.id() + ":" + r.name() + ":" + r.arguments());
        }
    }

    final Recorder recorder = new Recorder();
    final ChatStreamAccumulator accumulator = new ChatStreamAccumulator(recorder);

    static ChatCompletionResponse chunk(String json) {
        try {
            return Json.MAPPER.readValue(json, ChatCompletionResponse.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** A chunk with one choice whose delta is {@code deltaJson}. */
    static String delta(String deltaJson, String finishReason) {
        return "{\"id\":\"chatcmpl-req-1\",\"model\":\"qwen-plus\",\"created\":1700000000,\"choices\":[{\"index\":0,"
                + "\"delta\":" + deltaJson + ",\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}],\"usage\":null}";
    }

    static String delta(String deltaJson) {
        return delta(deltaJson, null);
    }

    static String toolFragment(int index, String id, String name, String argumentsJson) {
        return delta("{\"content\":null,\"tool_calls\":[{\"index\":" + index + ",\"id\":" + quote(id)
                + ",\"type\":\"function\",\"function\":{" + (name == null ? "" : "\"name\":" + quote(name) + ",")
                + "\"arguments\":" + argumentsJson + "}}]}");
    }

    static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    void feed(String... chunks) {
        for (String c : chunks) {
            accumulator.accept(chunk(c));
        }
    }

    // ---- text and thinking ----

    @Test
    void should_report_thinking_then_text_deltas_in_arrival_order() {
        feed(
                delta("{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"\"}"),
                delta("{\"content\":null,\"reasoning_content\":\"Let me \"}"),
                delta("{\"content\":null,\"reasoning_content\":\"think.\"}"),
                delta("{\"content\":\"The answer\",\"reasoning_content\":null}"),
                delta("{\"content\":\" is 42.\",\"reasoning_content\":null}"),
                delta("{\"content\":\"\"}", "stop"));

        assertThat(recorder.events)
                .containsExactly("thinking:Let me ", "thinking:think.", "text:The answer", "text: is 42.");
        ChatResponse response = accumulator.build(null);
        assertThat(response.aiMessage().thinking()).isEqualTo("Let me think.");
        assertThat(response.aiMessage().text()).isEqualTo("The answer is 42.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void should_have_no_thinking_and_empty_text_when_nothing_was_streamed() {
        feed(delta("{\"content\":\"\"}", "stop"));
        ChatResponse response = accumulator.build(null);
        assertThat(response.aiMessage().thinking()).isNull();
        assertThat(response.aiMessage().text()).isEmpty();
        assertThat(recorder.events).isEmpty();
    }

    @Test
    void should_replay_the_basic_stream_fixture_end_to_end() {
        Fixtures.read("chat/stream_basic.sse.jsonl")
                .lines()
                .filter(l -> !l.isBlank())
                .forEach(this::feed);

        assertThat(recorder.events)
                .containsExactly(
                        "text:I am a ",
                        "text:large-scale ",
                        "text:language model ",
                        "text:from Alibaba Cloud. My name ",
                        "text:is Qwen",
                        "text:.");
        ChatResponse response = accumulator.build("hdr-id");
        assertThat(response.aiMessage().text())
                .isEqualTo("I am a large-scale language model from Alibaba Cloud. My name is Qwen.");
        assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
        QwenChatResponseMetadata metadata = (QwenChatResponseMetadata) response.metadata();
        assertThat(metadata.id()).isEqualTo("chatcmpl-e30f5ae7-3063-93c4-90fe-beb5f900bd57");
        assertThat(metadata.modelName()).isEqualTo("qwen-plus");
        assertThat(metadata.created()).isEqualTo(1735113344L);
        assertThat(metadata.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(metadata.requestId()).isEqualTo("hdr-id");
        assertThat(metadata.tokenUsage()).isEqualTo(new QwenTokenUsage(22, 17, 39, 0, null));
    }

    @Test
    void should_take_the_request_id_from_the_completion_id_without_header() {
        Fixtures.read("chat/stream_basic.sse.jsonl")
                .lines()
                .filter(l -> !l.isBlank())
                .forEach(this::feed);
        assertThat(((QwenChatResponseMetadata) accumulator.build(null).metadata()).requestId())
                .isEqualTo("e30f5ae7-3063-93c4-90fe-beb5f900bd57");
    }

    // ---- usage ----

    @Test
    void should_take_usage_from_a_final_chunk_with_empty_choices() {
        feed(
                delta("{\"content\":\"hi\"}", "stop"),
                "{\"id\":\"chatcmpl-req-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,"
                        + "\"total_tokens\":30,\"completion_tokens_details\":{\"reasoning_tokens\":15},"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":4}}}");
        assertThat(accumulator.build(null).tokenUsage()).isEqualTo(new QwenTokenUsage(10, 20, 30, 4, 15));
    }

    @Test
    void should_have_no_usage_when_the_stream_sent_none() {
        feed(delta("{\"content\":\"hi\"}", "stop"));
        ChatResponse response = accumulator.build(null);
        assertThat(response.tokenUsage()).isNull();
        assertThat(response.aiMessage().text()).isEqualTo("hi");
    }

    // ---- tool calls ----

    @Test
    void should_accumulate_a_tool_call_by_index_with_id_and_name_only_in_the_first_fragment() {
        feed(
                delta("{\"role\":\"assistant\",\"content\":\"\"}"),
                toolFragment(0, "call_1", "get_current_weather", "\"{\\\"location\\\":\""),
                toolFragment(0, "", null, "\" \\\"Beijing\\\"}\""),
                toolFragment(0, "", null, "\"\""),
                toolFragment(0, "", null, "null"),
                delta("{\"content\":\"\"}", "tool_calls"),
                "{\"id\":\"chatcmpl-req-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,"
                        + "\"total_tokens\":3}}");

        ChatResponse response = accumulator.build(null);

        assertThat(response.aiMessage().toolExecutionRequests())
                .containsExactly(ToolExecutionRequest.builder()
                        .id("call_1")
                        .name("get_current_weather")
                        .arguments("{\"location\": \"Beijing\"}")
                        .build());
        assertThat(response.aiMessage().text()).isNull();
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(((QwenChatResponseMetadata) response.metadata()).qwenFinishReason())
                .isEqualTo("tool_calls");
        assertThat(response.tokenUsage()).isEqualTo(new QwenTokenUsage(1, 2, 3, null, null));
        assertThat(recorder.events)
                .containsExactly(
                        "partial:0:call_1:get_current_weather:{\"location\":",
                        "partial:0:call_1:get_current_weather: \"Beijing\"}",
                        "complete:0:call_1:get_current_weather:{\"location\": \"Beijing\"}");
    }

    @Test
    void should_never_let_an_empty_id_overwrite_the_known_one() {
        feed(toolFragment(0, "call_keep", "f", "\"{\""), toolFragment(0, "", "", "\"}\""));
        ToolExecutionRequest request =
                accumulator.build(null).aiMessage().toolExecutionRequests().get(0);
        assertThat(request.id()).isEqualTo("call_keep");
        assertThat(request.name()).isEqualTo("f");
        assertThat(recorder.partials).extracting(PartialToolCall::id).containsOnly("call_keep");
    }

    @Test
    void should_accept_a_first_fragment_with_empty_arguments() {
        // OpenAI's shape, also seen on compatible mode: id and name first, with "arguments": "".
        feed(
                toolFragment(0, "call_1", "get_current_time", "\"\""),
                toolFragment(0, "", null, "\"{}\""),
                delta("{\"content\":\"\"}", "tool_calls"));

        ChatResponse response = accumulator.build(null);

        assertThat(response.aiMessage().toolExecutionRequests())
                .containsExactly(ToolExecutionRequest.builder()
                        .id("call_1")
                        .name("get_current_time")
                        .arguments("{}")
                        .build());
        assertThat(recorder.partials)
                .allSatisfy(p -> assertThat(p.partialArguments()).isNotEmpty());
        assertThat(recorder.completes).hasSize(1);
    }

    @Test
    void should_complete_a_tool_call_without_any_arguments_with_an_empty_object() {
        feed(toolFragment(0, "call_1", "get_current_time", "null"), delta("{\"content\":\"\"}", "tool_calls"));
        ChatResponse response = accumulator.build(null);
        assertThat(response.aiMessage().toolExecutionRequests().get(0).arguments())
                .isEqualTo("{}");
        assertThat(recorder.completes).hasSize(1);
        assertThat(recorder.completes.get(0).toolExecutionRequest().arguments()).isEqualTo("{}");
    }

    @Test
    void should_accumulate_parallel_calls_and_complete_each_exactly_once() {
        feed(
                toolFragment(0, "call_a", "get_current_weather", "\"{\\\"location\\\": \""),
                toolFragment(0, "", null, "\"\\\"Beijing\\\"}\""),
                toolFragment(1, "call_b", "get_current_weather", "\"{\\\"location\\\": \""),
                toolFragment(1, "", null, "\"\\\"Shanghai\\\"}\""),
                toolFragment(1, "", null, "\"\""),
                delta("{\"content\":\"\",\"tool_calls\":null}", "tool_calls"));

        // call 0 is complete as soon as call 1 starts, before the stream ends
        assertThat(recorder.completes).hasSize(1);
        assertThat(recorder.completes.get(0).index()).isEqualTo(0);

        ChatResponse response = accumulator.build(null);

        assertThat(recorder.completes).extracting(CompleteToolCall::index).containsExactly(0, 1);
        assertThat(response.aiMessage().toolExecutionRequests())
                .containsExactly(
                        ToolExecutionRequest.builder()
                                .id("call_a")
                                .name("get_current_weather")
                                .arguments("{\"location\": \"Beijing\"}")
                                .build(),
                        ToolExecutionRequest.builder()
                                .id("call_b")
                                .name("get_current_weather")
                                .arguments("{\"location\": \"Shanghai\"}")
                                .build());
        assertThat(recorder.completes)
                .extracting(CompleteToolCall::toolExecutionRequest)
                .containsExactlyElementsOf(response.aiMessage().toolExecutionRequests());
        assertThat(recorder.events)
                .containsExactly(
                        "partial:0:call_a:get_current_weather:{\"location\": ",
                        "partial:0:call_a:get_current_weather:\"Beijing\"}",
                        "complete:0:call_a:get_current_weather:{\"location\": \"Beijing\"}",
                        "partial:1:call_b:get_current_weather:{\"location\": ",
                        "partial:1:call_b:get_current_weather:\"Shanghai\"}",
                        "complete:1:call_b:get_current_weather:{\"location\": \"Shanghai\"}");
    }

    @Test
    void should_not_complete_tool_calls_twice_when_build_is_called_again() {
        feed(toolFragment(0, "call_a", "f", "\"{}\""), toolFragment(1, "call_b", "g", "\"{}\""));
        accumulator.build(null);
        accumulator.build(null);
        assertThat(recorder.completes).extracting(CompleteToolCall::index).containsExactly(0, 1);
    }

    @Test
    void should_keep_text_streamed_before_tool_calls() {
        feed(
                delta("{\"content\":\"Let me check.\"}"),
                toolFragment(0, "call_1", "f", "\"{}\""),
                delta("{\"content\":\"\"}", "tool_calls"));
        ChatResponse response = accumulator.build(null);
        assertThat(response.aiMessage().text()).isEqualTo("Let me check.");
        assertThat(response.aiMessage().toolExecutionRequests()).hasSize(1);
        assertThat(recorder.events.get(0)).isEqualTo("text:Let me check.");
    }
}
