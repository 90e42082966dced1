package io.github.qwenlangchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mock thinks, speaks and refuses thinking controls as Qwen does for today's model line-up: Qwen3.5-Omni answers
 * Model Studio's Qwen-Omni quick-start request with audio and without thinking; {@code reasoning_effort} takes
 * Qwen's values (none / minimal / low / medium / high / xhigh / max on qwen3.8-max, whose default is xhigh), and
 * {@code none} switches thinking off.
 */
class QwenMockServerThinkingControlsTest extends MockServerHttpSupport {

    /*
     * The quick start of https://www.alibabacloud.com/help/en/model-studio/qwen-omni (updated Mar 31, 2026):
     * model="qwen3.5-omni-plus", modalities=["text","audio"], audio={"voice":"Tina","format":"wav"}, stream=True,
     * stream_options={"include_usage": True}, no enable_thinking.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"qwen3.5-omni-plus", "qwen3.5-omni-flash"})
    void should_answer_the_omni_quick_start_request_with_audio_and_no_thinking(String model) throws Exception {
        HttpResponse<String> response = chat("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Who are you?\"}],\"modalities\":[\"text\",\"audio\"],"
                + "\"audio\":{\"voice\":\"Tina\",\"format\":\"wav\"},\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"audio\":{").doesNotContain("reasoning_content\":\"");
    }

    @Test
    void should_refuse_a_reasoning_effort_qwen_does_not_know() throws Exception {
        HttpResponse<String> response = chat("{\"model\":\"qwen3.8-max\",\"reasoning_effort\":\"extreme\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText())
                .isEqualTo("Invalid 'reasoning_effort': extreme. Supported values are:"
                        + " ('none','minimal','low','medium','high','xhigh','max').");
    }

    @Test
    void should_think_on_qwen3_8_unless_reasoning_effort_is_none() throws Exception {
        String ask = "{\"model\":\"qwen3.8-max\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";

        HttpResponse<String> byDefault = chat(ask + "}");
        HttpResponse<String> high = chat(ask + ",\"reasoning_effort\":\"high\"}");
        HttpResponse<String> none = chat(ask + ",\"reasoning_effort\":\"none\"}");

        assertThat(byDefault.body()).contains("reasoning_content\":\"");
        assertThat(high.body()).contains("reasoning_content\":\"");
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).doesNotContain("reasoning_content\":\"");
    }

    @Test
    void should_serve_preserve_thinking_with_earlier_reasoning_in_the_history() throws Exception {
        HttpResponse<String> response = chat("{\"model\":\"qwen3.6-plus\",\"preserve_thinking\":true,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Pick a number\"},"
                + "{\"role\":\"assistant\",\"content\":\"Done.\",\"reasoning_content\":\"I picked 7.\"},"
                + "{\"role\":\"user\",\"content\":\"Which one?\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
    }
}
