package io.github.qwenlangchain4j.internal.mapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ResponseFormat;
import io.github.qwenlangchain4j.QwenAudioOutput;
import io.github.qwenlangchain4j.QwenChatRequestParameters;
import io.github.qwenlangchain4j.QwenReasoningEffort;
import io.github.qwenlangchain4j.internal.json.Json;
import io.github.qwenlangchain4j.internal.mapper.CallPlanner.Transport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The thinking controls beside {@code enable_thinking}, as the planner rules them and the mapper sends them.
 * Sources: docs.qwencloud.com/developer-guides/text-generation/thinking ({@code thinking_budget} "All thinking-capable
 * models from Qwen3 onward"); qwen3.8-max's {@code reasoning_effort} "none / minimal / low / medium / high / xhigh /
 * max, default xhigh" (help.aliyun.com/zh/model-studio/qwen3-8-max as relayed by docs.apiyi.com), ignored by earlier
 * models on Chat Completions (docs.qwencloud.com OpenAI compatibility: "silently ignored: ... reasoning_effort");
 * {@code preserve_thinking: true} to keep reasoning across turns on Qwen3.5 and later (Qwen3.6 model card,
 * cloud.tencent.com/document/product/1823/132247); the Qwen-Omni quick start
 * (alibabacloud.com/help/en/model-studio/qwen-omni).
 */
class ThinkingControlsTest {

    private final CallPlanner planner = new CallPlanner();

    private static QwenChatRequestParameters.Builder params(String model) {
        return QwenChatRequestParameters.builder().modelName(model);
    }

    private JsonNode sent(List<ChatMessage> messages, QwenChatRequestParameters parameters, Transport transport)
            throws Exception {
        CallPlan plan = planner.plan(parameters, transport);
        return Json.MAPPER.readTree(
                Json.MAPPER.writeValueAsString(ChatRequestMapper.toRequest(messages, parameters, plan, false)));
    }

    private JsonNode sent(QwenChatRequestParameters parameters) throws Exception {
        return sent(List.of(UserMessage.from("Hi")), parameters, Transport.SYNC);
    }

    @Nested
    class Omni {

        @Test
        void should_plan_qwen3_5_omni_with_audio_as_a_non_thinking_stream_without_enable_thinking() {
            CallPlan plan = planner.plan(
                    params("qwen3.5-omni-plus")
                            .audioOutput(QwenAudioOutput.voice("Tina"))
                            .build(),
                    Transport.SYNC);

            assertThat(plan.thinking()).isFalse();
            assertThat(plan.enableThinking()).isNull();
            assertThat(plan.stream()).isTrue();
        }
    }

    @Nested
    class Reasoning_effort {

        @Test
        void should_send_the_effort_on_a_model_that_takes_it() throws Exception {
            JsonNode body = sent(params("qwen3.8-max")
                    .reasoningEffort(QwenReasoningEffort.XHIGH)
                    .build());

            assertThat(body.get("reasoning_effort").asText()).isEqualTo("xhigh");
            assertThat(body.has("enable_thinking")).isFalse();
        }

        @Test
        void should_switch_thinking_off_with_effort_none_without_streaming_or_enable_thinking() throws Exception {
            QwenChatRequestParameters parameters = params("qwen3.8-max")
                    .reasoningEffort(QwenReasoningEffort.NONE)
                    .thinkingBudget(500)
                    .build();

            CallPlan plan = planner.plan(parameters, Transport.SYNC);
            JsonNode body = sent(parameters);

            assertThat(plan.thinking()).isFalse();
            assertThat(plan.stream()).isFalse();
            assertThat(body.get("reasoning_effort").asText()).isEqualTo("none");
            assertThat(body.has("enable_thinking")).isFalse();
            assertThat(body.has("thinking_budget")).as("no thinking, no budget").isFalse();
        }

        @Test
        void should_refuse_effort_none_with_enable_thinking_true() {
            assertThatThrownBy(() -> planner.plan(
                            params("qwen3.8-max")
                                    .enableThinking(true)
                                    .reasoningEffort(QwenReasoningEffort.NONE)
                                    .build(),
                            Transport.SYNC))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("contradict");
        }

        @Test
        void should_refuse_effort_on_a_model_that_ignores_it_and_name_the_way_out() {
            assertThatThrownBy(() -> planner.plan(
                            params("qwen3.6-plus")
                                    .reasoningEffort(QwenReasoningEffort.LOW)
                                    .build(),
                            Transport.SYNC))
                    .isInstanceOf(UnsupportedFeatureException.class)
                    .hasMessageContaining("qwen3.6-plus does not take reasoningEffort (reasoning_effort)")
                    .hasMessageContaining("thinkingBudget")
                    .hasMessageContaining("customParameters");
        }

        @Test
        void should_send_a_custom_reasoning_effort_as_given_on_any_model() throws Exception {
            JsonNode body = sent(params("qwen3.6-plus")
                    .reasoningEffort(QwenReasoningEffort.LOW)
                    .customParameters(Map.of("reasoning_effort", "low"))
                    .build());

            assertThat(body.get("reasoning_effort").asText()).isEqualTo("low");
        }

        @Test
        void should_read_an_effort_from_its_wire_value_and_name_the_accepted_values_otherwise() {
            assertThat(QwenReasoningEffort.fromValue("XHigh")).isEqualTo(QwenReasoningEffort.XHIGH);
            assertThatThrownBy(() -> QwenReasoningEffort.fromValue("extreme"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("reasoningEffort must be one of none, minimal, low, medium, high, xhigh, max, but was"
                            + " 'extreme'");
        }
    }

    @Nested
    class Budget_and_effort_when_the_planner_switches_thinking_off {

        @Test
        void should_drop_them_for_json_mode_on_a_model_that_thinks_by_default() throws Exception {
            JsonNode body = sent(
                    List.of(UserMessage.from("Reply in JSON")),
                    params("qwen3.8-max")
                            .reasoningEffort(QwenReasoningEffort.HIGH)
                            .thinkingBudget(500)
                            .responseFormat(ResponseFormat.JSON)
                            .build(),
                    Transport.SYNC);

            assertThat(body.get("enable_thinking").asBoolean()).isFalse();
            assertThat(body.has("reasoning_effort")).isFalse();
            assertThat(body.has("thinking_budget")).isFalse();
        }

        @Test
        void should_keep_them_when_the_caller_chose_thinking_themselves() throws Exception {
            JsonNode body = sent(params("qwen3.8-max")
                    .enableThinking(false)
                    .thinkingBudget(500)
                    .build());

            assertThat(body.get("thinking_budget").asInt()).isEqualTo(500);
        }
    }

    @Nested
    class Thinking_budget {

        @Test
        void should_refuse_a_budget_on_a_model_that_never_thinks() {
            assertThatThrownBy(() -> planner.plan(
                            params("qwen3-coder-plus").thinkingBudget(500).build(), Transport.SYNC))
                    .isInstanceOf(UnsupportedFeatureException.class)
                    .hasMessageContaining("qwen3-coder-plus does not take thinkingBudget (thinking_budget)")
                    .hasMessageContaining("does not think");
        }
    }

    @Nested
    class Preserve_thinking {

        @Test
        void should_send_it_with_the_earlier_reasoning_on_qwen3_6() throws Exception {
            JsonNode body = sent(
                    List.of(
                            UserMessage.from("Pick a number"),
                            AiMessage.builder()
                                    .text("Done.")
                                    .thinking("I picked 7.")
                                    .build(),
                            UserMessage.from("Which one?")),
                    params("qwen3.6-plus").preserveThinking(true).build(),
                    Transport.STREAM);

            assertThat(body.get("preserve_thinking").asBoolean()).isTrue();
            assertThat(body.get("messages").get(1).get("reasoning_content").asText())
                    .as("kept reasoning must be sent back, even without sendThinking")
                    .isEqualTo("I picked 7.");
        }

        @Test
        void should_refuse_it_on_a_model_before_qwen3_5_but_accept_false() throws Exception {
            assertThatThrownBy(() -> planner.plan(
                            params("qwen-plus").preserveThinking(true).build(), Transport.SYNC))
                    .isInstanceOf(UnsupportedFeatureException.class)
                    .hasMessageContaining("qwen-plus does not take preserveThinking (preserve_thinking)");
            assertThat(sent(params("qwen-plus").preserveThinking(false).build())
                            .get("preserve_thinking")
                            .asBoolean())
                    .isFalse();
        }
    }
}
