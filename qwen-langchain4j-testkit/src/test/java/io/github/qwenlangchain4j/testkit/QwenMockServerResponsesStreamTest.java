package io.github.qwenlangchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mock streams Responses as Qwen does. Framing from real probes of {@code /compatible-mode/v1/responses}
 * (github.com/yobo2u/omugw docs/research/2026-09-27-dashscope-compatible-responses-endpoint.md): {@code id:},
 * {@code event:}, the {@code :HTTP_STATUS/200} comment and {@code data:} without spaces, {@code sequence_number}
 * from 0, no {@code [DONE]}, the end after {@code response.completed}, and a refused request as HTTP 200 with a
 * single {@code response.failed} (fixture stream_failed_real.sse). Event types from
 * https://www.alibabacloud.com/help/en/model-studio/qwen-api-via-openai-responses ({@code reasoning_summary_text.*},
 * {@code web_search_call.*}, {@code code_interpreter_call.*}); {@code function_call_arguments.*} follow OpenAI
 * (not in Qwen's docs).
 */
class QwenMockServerResponsesStreamTest extends ResponsesHttpSupport {

    private List<Frame> stream(String body) throws Exception {
        HttpResponse<String> response = responses(body);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream;charset=UTF-8");
        assertThat(response.body())
                .doesNotContain("[DONE]")
                .doesNotContain("data: ")
                .doesNotContain("event: ");
        return frames(response.body());
    }

    @Test
    void should_frame_every_event_as_qwen_does_and_end_after_response_completed() throws Exception {
        List<Frame> frames = stream("{\"model\":\"qwen-plus\",\"input\":\"Tell me about Hangzhou\",\"stream\":true}");

        for (int i = 0; i < frames.size(); i++) {
            Frame frame = frames.get(i);
            assertThat(frame.id()).isEqualTo(String.valueOf(i + 1));
            assertThat(frame.comment()).isEqualTo("HTTP_STATUS/200");
            assertThat(frame.data().path("sequence_number").asInt()).isEqualTo(i);
            assertThat(frame.data().path("type").asText()).isEqualTo(frame.event());
        }
        assertThat(types(frames))
                .startsWith(
                        "response.created",
                        "response.in_progress",
                        "response.output_item.added",
                        "response.content_part.added",
                        "response.output_text.delta");
        assertThat(types(frames))
                .endsWith(
                        "response.output_text.done",
                        "response.content_part.done",
                        "response.output_item.done",
                        "response.completed");
        assertThat(frames.get(0).data().at("/response/status").asText()).isEqualTo("queued");
        assertThat(frames.get(0).data().at("/response/model").asText()).isEmpty();
        assertThat(frames.get(1).data().at("/response/status").asText()).isEqualTo("in_progress");
    }

    @Test
    void should_stream_text_in_a_few_deltas_that_add_up_to_the_completed_text() throws Exception {
        List<Frame> frames = stream("{\"model\":\"qwen-plus\",\"input\":\"Tell me about Hangzhou\",\"stream\":true}");

        List<Frame> deltas = frames.stream()
                .filter(f -> f.event().equals("response.output_text.delta"))
                .toList();
        StringBuilder text = new StringBuilder();
        deltas.forEach(delta -> text.append(delta.data().path("delta").asText()));
        JsonNode completed = frames.get(frames.size() - 1).data().path("response");
        assertThat(deltas.size()).isBetween(2, 8);
        assertThat(text.toString()).isEqualTo(messageText(completed)).contains("Tell me about Hangzhou");
        assertThat(deltas.get(0).data().path("item_id").asText())
                .isEqualTo(completed.at("/output/0/id").asText());
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.at("/usage/total_tokens").asInt()).isPositive();
    }

    @Test
    void should_stream_reasoning_summary_before_the_message() throws Exception {
        List<Frame> frames = stream("{\"model\":\"qwen3.5-plus\",\"input\":\"Why?\",\"stream\":true}");

        List<String> types = types(frames);
        int done = types.indexOf("response.reasoning_summary_text.done");
        assertThat(types.get(2)).isEqualTo("response.output_item.added");
        assertThat(types.subList(3, done)).isNotEmpty().containsOnly("response.reasoning_summary_text.delta");
        assertThat(types.get(done + 1)).isEqualTo("response.output_item.done");
        assertThat(types.get(done + 2)).isEqualTo("response.output_item.added");
        StringBuilder summary = new StringBuilder();
        for (Frame delta : frames.subList(3, done)) {
            assertThat(delta.data().path("summary_index").asInt()).isZero();
            summary.append(delta.data().path("delta").asText());
        }
        assertThat(summary.toString())
                .contains("Why?")
                .isEqualTo(frames.get(done).data().path("text").asText());
        assertThat(frames.get(2).data().at("/item/type").asText()).isEqualTo("reasoning");
        assertThat(frames.get(2).data().at("/item/summary")).isEmpty();
    }

    @Test
    void should_stream_a_function_call_as_added_argument_deltas_done() throws Exception {
        List<Frame> frames = stream("""
                {"model":"qwen-plus","input":"Weather in 3 cities","stream":true,
                 "tools":[{"type":"function","name":"get_weather",
                           "parameters":{"type":"object","properties":{"count":{"type":"integer"}}}}]}""");

        assertThat(types(frames))
                .containsExactly(
                        "response.created",
                        "response.in_progress",
                        "response.output_item.added",
                        "response.function_call_arguments.delta",
                        "response.function_call_arguments.delta",
                        "response.function_call_arguments.done",
                        "response.output_item.done",
                        "response.completed");
        JsonNode added = frames.get(2).data().path("item");
        assertThat(added.path("arguments").asText()).isEmpty();
        assertThat(added.path("status").asText()).isEqualTo("in_progress");
        String arguments = frames.get(3).data().path("delta").asText()
                + frames.get(4).data().path("delta").asText();
        assertThat(arguments).isEqualTo("{\"count\":3}");
        assertThat(frames.get(5).data().path("arguments").asText()).isEqualTo(arguments);
        assertThat(frames.get(6).data().at("/item/arguments").asText()).isEqualTo(arguments);
        assertThat(frames.get(6).data().at("/item/call_id").asText())
                .isEqualTo(added.path("call_id").asText());
        assertThat(frames.get(7).data().at("/response/output/0/type").asText()).isEqualTo("function_call");
    }

    @Test
    void should_stream_web_search_phases() throws Exception {
        List<Frame> frames = stream("{\"model\":\"qwen-plus\",\"input\":\"News\",\"stream\":true,"
                + "\"tools\":[{\"type\":\"web_search\"}]}");

        assertThat(types(frames).subList(2, 7))
                .containsExactly(
                        "response.output_item.added",
                        "response.web_search_call.in_progress",
                        "response.web_search_call.searching",
                        "response.web_search_call.completed",
                        "response.output_item.done");
        assertThat(frames.get(2).data().at("/item/status").asText()).isEqualTo("in_progress");
        assertThat(frames.get(6).data().at("/item/action/sources")).hasSize(2);
        assertThat(frames.get(frames.size() - 1)
                        .data()
                        .at("/response/usage/x_tools/web_search/count")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void should_stream_code_interpreter_phases() throws Exception {
        List<Frame> frames = stream("{\"model\":\"qwen-plus\",\"input\":\"2 to the power of 10\",\"stream\":true,"
                + "\"tools\":[{\"type\":\"code_interpreter\"}]}");

        assertThat(types(frames).subList(2, 7))
                .containsExactly(
                        "response.output_item.added",
                        "response.code_interpreter_call.in_progress",
                        "response.code_interpreter_call.interpreting",
                        "response.code_interpreter_call.completed",
                        "response.output_item.done");
        assertThat(frames.get(2).data().at("/item").has("outputs")).isFalse();
        assertThat(frames.get(6).data().at("/item/outputs/0/logs").asText()).isEqualTo("1024\n");
    }

    @Test
    void should_stream_items_of_tools_without_events_of_their_own_as_added_then_done() throws Exception {
        List<Frame> frames = stream("{\"model\":\"qwen3.5-plus\",\"input\":\"Read https://example.com/a\","
                + "\"stream\":true,\"tools\":[{\"type\":\"web_extractor\"}]}");

        int added = types(frames).lastIndexOf("response.output_item.added");
        JsonNode extractor = frames.stream()
                .filter(f -> f.event().equals("response.output_item.added"))
                .map(f -> f.data().path("item"))
                .filter(i -> i.path("type").asText().equals("web_extractor_call"))
                .findFirst()
                .orElseThrow();
        assertThat(extractor.has("output")).isFalse();
        assertThat(added).isPositive();
        assertThat(types(frames)).doesNotContain("response.web_extractor_call.in_progress");
    }

    /** Fixture stream_failed_real.sse: an unsupported model in stream mode is one response.failed event. */
    @Test
    void should_fail_an_unsupported_model_in_stream_mode_with_a_single_response_failed_event() throws Exception {
        Frame real = frames(fixture("stream_failed_real.sse")).get(0);

        List<Frame> frames = stream("{\"model\":\"__nope__\",\"input\":\"hi\",\"stream\":true}");

        assertThat(frames).hasSize(1);
        Frame failed = frames.get(0);
        assertThat(failed.id()).isEqualTo(real.id());
        assertThat(failed.event()).isEqualTo(real.event());
        assertThat(failed.comment()).isEqualTo(real.comment());
        assertThat(failed.data().path("sequence_number").asInt()).isZero();
        assertThat(failed.data().at("/response/status").asText()).isEqualTo("failed");
        assertThat(failed.data().at("/response/error")).isEqualTo(real.data().at("/response/error"));
        assertThat(failed.data().at("/response/model").asText()).isEqualTo("__nope__");
    }

    @Test
    void should_keep_parameter_refusals_as_http_400_in_stream_mode() throws Exception {
        HttpResponse<String> response =
                responses("{\"model\":\"qwen-plus\",\"input\":\"hi\",\"stream\":true," + "\"max_output_tokens\":1}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("InvalidParameter");
    }

    @Test
    void should_end_a_queued_mid_stream_error_with_response_failed_after_part_of_the_text() throws Exception {
        server.enqueue(MockReply.nativeErrorMidStream(
                "Partial answer that gets cut off",
                400,
                "DataInspectionFailed",
                "Output data may contain inappropriate content."));

        List<Frame> frames = stream("{\"model\":\"qwen-plus\",\"input\":\"hi\",\"stream\":true}");

        assertThat(types(frames))
                .contains("response.output_text.delta")
                .doesNotContain("response.output_text.done", "response.completed");
        Frame last = frames.get(frames.size() - 1);
        assertThat(last.event()).isEqualTo("response.failed");
        assertThat(last.data().at("/response/error/code").asText()).isEqualTo("DataInspectionFailed");
        assertThat(last.data().at("/response/error/message").asText())
                .isEqualTo("Output data may contain inappropriate content.");
    }

    @Test
    void should_end_an_incomplete_stream_with_response_incomplete() throws Exception {
        List<Frame> frames = stream("{\"model\":\"qwen-plus\",\"input\":\"Tell me a long story\",\"stream\":true,"
                + "\"max_output_tokens\":16}");

        Frame last = frames.get(frames.size() - 1);
        assertThat(last.event()).isEqualTo("response.incomplete");
        assertThat(last.data().at("/response/status").asText()).isEqualTo("incomplete");
    }
}
