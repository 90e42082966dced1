package io.github.qwenlangchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code responsesCompletedWithoutOutput(true)}: the stream ends with {@code response.completed} carrying
 * {@code "output": []}, every item (built-in tool calls with their sources included) coming only in
 * {@code response.output_item.done}, as in Qwen's own web_search_image example stream (Model Studio, "Text-to-image
 * search", help.aliyun.com/zh/model-studio/web-search-image: {@code output_item.done} with the
 * {@code web_search_image_call} and its {@code output}, then a completed event with {@code "output":[]}).
 */
class QwenMockServerResponsesCompletedWithoutOutputTest extends ResponsesHttpSupport {

    private List<Frame> streamFromServerWithoutCompletedOutput(String body) throws Exception {
        server.close();
        server = QwenMockServer.builder().responsesCompletedWithoutOutput(true).start();
        return frames(responses(body).body());
    }

    @Test
    void should_send_built_in_calls_in_output_item_done_and_an_empty_output_in_completed() throws Exception {
        List<Frame> frames = streamFromServerWithoutCompletedOutput("""
                {"model":"qwen3.6-plus","input":"Weather in Hangzhou and a cat picture","stream":true,
                 "tools":[{"type":"web_search"},{"type":"web_search_image"}]}""");

        JsonNode completed = frames.get(frames.size() - 1).data();
        assertThat(completed.path("type").asText()).isEqualTo("response.completed");
        assertThat(completed.at("/response/output").isArray()).isTrue();
        assertThat(completed.at("/response/output")).isEmpty();
        assertThat(completed.at("/response/usage/x_tools/web_search/count").asInt())
                .isEqualTo(1);
        List<String> doneTypes = frames.stream()
                .filter(frame -> frame.event().equals("response.output_item.done"))
                .map(frame -> frame.data().at("/item/type").asText())
                .toList();
        assertThat(doneTypes).contains("web_search_call", "web_search_image_call", "message");
        JsonNode search = frames.stream()
                .filter(frame -> frame.event().equals("response.output_item.done"))
                .map(frame -> frame.data().path("item"))
                .filter(item -> item.path("type").asText().equals("web_search_call"))
                .findFirst()
                .orElseThrow();
        assertThat(search.at("/action/sources")).isNotEmpty();
    }

    @Test
    void should_keep_the_whole_output_in_answers_that_do_not_stream() throws Exception {
        streamFromServerWithoutCompletedOutput("{\"model\":\"qwen-plus\",\"input\":\"Hi\",\"stream\":true}");

        JsonNode response = responsesJson("{\"model\":\"qwen-plus\",\"input\":\"Hi\"}");

        assertThat(response.path("output")).isNotEmpty();
    }

    @Test
    void should_list_the_output_in_completed_by_default() throws Exception {
        List<Frame> frames = frames(responses("{\"model\":\"qwen-plus\",\"input\":\"Hi\",\"stream\":true,"
                        + "\"tools\":[{\"type\":\"web_search\"}]}")
                .body());

        assertThat(frames.get(frames.size() - 1).data().at("/response/output")).isNotEmpty();
    }
}
