package io.github.qwenlangchain4j.internal.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ToolChoice;
import io.github.qwenlangchain4j.QwenChatRequestParameters;
import io.github.qwenlangchain4j.internal.mapper.CallPlanner.Transport;
import io.github.qwenlangchain4j.internal.mapper.QwenModels.Thinking;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How a request is sent, decided in one place. Model facts from Model Studio's "Deep thinking" page (supported-models
 * list: hybrid off by default, hybrid on by default, thinking only); refusal texts from its error-code page and from
 * bodies Qwen users published (ragflow#5912, ragflow#8972, cloudwego/eino#994, presenton#184).
 */
class CallPlannerTest {

    private final CallPlanner planner = new CallPlanner();

    private static QwenChatRequestParameters.Builder params(String model) {
        return QwenChatRequestParameters.builder().modelName(model);
    }

    private static QwenChatRequestParameters json(String model) {
        return params(model).responseFormat(ResponseFormat.JSON).build();
    }

    private static QwenChatRequestParameters forcedTool(String model) {
        return params(model)
                .toolSpecifications(
                        ToolSpecification.builder().name("get_weather").build())
                .toolChoice(ToolChoice.REQUIRED)
                .build();
    }

    @Nested
    class Model_facts {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
            "qwen-plus, OFF_BY_DEFAULT",
            "qwen-plus-latest, OFF_BY_DEFAULT",
            "qwen-flash, OFF_BY_DEFAULT",
            "qwen-turbo, OFF_BY_DEFAULT",
            "qwen3-max, OFF_BY_DEFAULT",
            "qwen3-max-2026-01-23, OFF_BY_DEFAULT",
            "qwen-max, OFF_BY_DEFAULT",
            "deepseek-v3.2, OFF_BY_DEFAULT",
            "kimi-k2.6, OFF_BY_DEFAULT",
            "qwen3-235b-a22b-instruct-2507, OFF_BY_DEFAULT",
            "qwen3-coder-plus, OFF_BY_DEFAULT",
            "qwen3.5-plus, ON_BY_DEFAULT",
            "qwen3.5-flash-2026-02-23, ON_BY_DEFAULT",
            "qwen3.6-plus, ON_BY_DEFAULT",
            "qwen3.6-max-preview, ON_BY_DEFAULT",
            "qwen3.7-max, ON_BY_DEFAULT",
            "qwen3.5-397b-a17b, ON_BY_DEFAULT",
            "qwen3.6-35b-a3b, ON_BY_DEFAULT",
            "qwen3-32b, ON_BY_DEFAULT",
            "qwen3-235b-a22b, ON_BY_DEFAULT",
            "qwen3-0.6b, ON_BY_DEFAULT",
            "glm-4.7, ON_BY_DEFAULT",
            "kimi/kimi-k2.6, ON_BY_DEFAULT",
            "qwq-plus, ALWAYS",
            "qvq-max, ALWAYS",
            "qwen3-235b-a22b-thinking-2507, ALWAYS",
            "qwen3-next-80b-a3b-thinking, ALWAYS",
            "deepseek-r1-0528, ALWAYS",
            "qwen3.7-max-preview, ALWAYS",
            "kimi-k2-thinking, ALWAYS",
            "MiniMax-M2.5, ALWAYS"
        })
        void should_know_how_documented_models_think(String model, Thinking expected) {
            assertThat(QwenModels.thinkingOf(model)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0}: stream-only {1}, streams while thinking {2}")
        @CsvSource({
            "qwen-plus, false, false", "qwen3.6-plus, false, false", "qwen3-32b, false, true",
            "qwen3.5-397b-a17b, false, true", "qwq-plus, true, true", "qwen3-omni-flash, true, true",
            "qwen-omni-turbo, true, true"
        })
        void should_know_which_models_must_stream(String model, boolean streamOnly, boolean whileThinking) {
            assertThat(QwenModels.isStreamOnly(model)).isEqualTo(streamOnly);
            assertThat(QwenModels.streamsWhileThinking(model)).isEqualTo(whileThinking);
        }
    }

    @Nested
    class Plans {

        @Test
        void should_switch_thinking_off_for_json_mode_on_a_model_that_thinks_by_default() {
            CallPlan plan = planner.plan(json("qwen3.6-plus"), Transport.SYNC);

            assertThat(plan.enableThinking()).isFalse();
            assertThat(plan.thinking()).isFalse();
            assertThat(plan.jsonMode()).isTrue();
            assertThat(plan.stream()).isFalse();
        }

        @Test
        void should_switch_thinking_off_for_a_forced_tool_on_a_model_that_thinks_by_default() {
            CallPlan plan = planner.plan(forcedTool("qwen3-32b"), Transport.SYNC);

            assertThat(plan.enableThinking()).isFalse();
            assertThat(plan.thinking()).isFalse();
            assertThat(plan.stream()).as("not thinking, so no need to stream").isFalse();
        }

        @Test
        void should_keep_the_callers_thinking_and_steer_json_by_instruction() {
            CallPlan plan = planner.plan(
                    params("qwen3.6-plus")
                            .enableThinking(true)
                            .responseFormat(ResponseFormat.JSON)
                            .build(),
                    Transport.SYNC);

            assertThat(plan.enableThinking()).isTrue();
            assertThat(plan.thinking()).isTrue();
            assertThat(plan.jsonMode()).isFalse();
            assertThat(plan.stream()).isTrue();
        }

        @Test
        void should_take_a_custom_enable_thinking_parameter_as_the_callers_choice() {
            CallPlan plan = planner.plan(
                    params("qwen3.6-plus")
                            .responseFormat(ResponseFormat.JSON)
                            .customParameters(Map.of("enable_thinking", true))
                            .build(),
                    Transport.SYNC);

            assertThat(plan.thinking()).isTrue();
            assertThat(plan.jsonMode()).isFalse();
        }

        @Test
        void should_send_nothing_about_thinking_on_models_that_do_not_think_by_default() {
            CallPlan plan = planner.plan(json("qwen-plus"), Transport.SYNC);

            assertThat(plan.enableThinking()).isNull();
            assertThat(plan.jsonMode()).isTrue();
        }

        @Test
        void should_never_switch_thinking_off_on_a_thinking_only_model() {
            CallPlan plan = planner.plan(json("qwq-plus"), Transport.SYNC);

            assertThat(plan.enableThinking()).isNull();
            assertThat(plan.thinking()).isTrue();
            assertThat(plan.jsonMode()).isFalse();
            assertThat(plan.stream()).isTrue();
        }

        @Test
        void should_answer_a_commercial_model_thinking_by_default_without_streaming_but_stream_open_weight_ones() {
            assertThat(planner.plan(params("qwen3.6-plus").build(), Transport.SYNC).stream())
                    .isFalse();
            assertThat(planner.plan(params("qwen3-32b").build(), Transport.SYNC).stream())
                    .isTrue();
            assertThat(planner.plan(params("qwen-plus").enableThinking(true).build(), Transport.SYNC).stream())
                    .as("an explicit enableThinking(true) streams on every model")
                    .isTrue();
        }

        @Test
        void should_always_stream_streaming_calls_and_never_batch_lines() {
            assertThat(planner.plan(params("qwen-plus").build(), Transport.STREAM).stream())
                    .isTrue();
            assertThat(planner.plan(params("qwq-plus").build(), Transport.BATCH).stream())
                    .isFalse();
        }
    }

    @Nested
    class Learning_from_refusals {

        @Test
        void should_learn_that_an_unknown_model_thinks_by_default_from_the_json_mode_refusal() {
            CallPlan first = planner.plan(json("my-hybrid"), Transport.SYNC);

            boolean learned =
                    planner.learnFrom("Json mode response is not supported when enable_thinking is true", first);
            CallPlan second = planner.plan(json("my-hybrid"), Transport.SYNC);

            assertThat(first.enableThinking()).isNull();
            assertThat(learned).isTrue();
            assertThat(second.enableThinking()).isFalse();
            assertThat(second.jsonMode()).isTrue();
        }

        @Test
        void should_learn_that_the_switch_does_not_work_when_thinking_was_already_off() {
            planner.learnFrom(
                    "Json mode response is not supported when enable_thinking is true",
                    planner.plan(json("my-hybrid"), Transport.SYNC));
            CallPlan switchedOff = planner.plan(json("my-hybrid"), Transport.SYNC);

            boolean learned = planner.learnFrom(
                    "<400> InternalError.Algo.InvalidParameter: The value of the"
                            + " enable_thinking parameter is restricted to True.",
                    switchedOff);
            CallPlan third = planner.plan(json("my-hybrid"), Transport.SYNC);

            assertThat(learned).isTrue();
            assertThat(third.thinking()).isTrue();
            assertThat(third.enableThinking()).isNull();
            assertThat(third.jsonMode()).isFalse();
            assertThat(third.stream()).isTrue();
        }

        @Test
        void should_learn_from_the_forced_tool_refusal() {
            CallPlan first = planner.plan(forcedTool("my-hybrid"), Transport.SYNC);

            assertThat(planner.learnFrom(
                            "<400> InternalError.Algo.InvalidParameter: The tool_choice parameter does not"
                                    + " support being set to required or object in thinking mode",
                            first))
                    .isTrue();
            assertThat(planner.plan(forcedTool("my-hybrid"), Transport.SYNC).enableThinking())
                    .isFalse();
        }

        @Test
        void should_rebuild_a_stream_only_refusal_as_a_thinking_request() {
            CallPlan first = planner.plan(
                    params("my-reasoner").responseFormat(ResponseFormat.JSON).build(), Transport.SYNC);

            planner.learnFrom(
                    "This model only support stream mode, please enable the stream parameter to access the"
                            + " model. ",
                    first);
            CallPlan plain = planner.plan(params("my-reasoner").build(), Transport.SYNC);
            CallPlan withJson = planner.plan(json("my-reasoner"), Transport.SYNC);

            assertThat(first.stream()).isFalse();
            assertThat(plain.stream()).isTrue();
            assertThat(plain.thinking()).isTrue();
            assertThat(withJson.stream()).isTrue();
            assertThat(withJson.enableThinking())
                    .as("a thinking model: switched off for JSON mode")
                    .isFalse();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "parameter.enable_thinking must be set to false for non-streaming calls",
                    "parameter.enable_thinking only support stream call",
                    "parameter.enable_thinking\u5fc5\u987b\u8bbe\u7f6e\u4e3afalse\u624d\u80fd\u8fdb\u884c\u975e\u6d41\u5f0f\u8c03\u7528"
                })
        void should_stream_a_hybrid_that_refused_a_non_streaming_thinking_call(String refusal) {
            CallPlan first = planner.plan(params("my-hybrid").build(), Transport.SYNC);

            assertThat(planner.learnFrom(refusal, first)).isTrue();
            CallPlan plain = planner.plan(params("my-hybrid").build(), Transport.SYNC);
            CallPlan json = planner.plan(json("my-hybrid"), Transport.SYNC);

            assertThat(plain.thinking()).isTrue();
            assertThat(plain.stream()).isTrue();
            assertThat(json.enableThinking()).isFalse();
            assertThat(json.stream()).as("not thinking, so no need to stream").isFalse();
        }

        @Test
        void should_learn_nothing_from_other_errors_or_twice_from_the_same_one() {
            CallPlan plan = planner.plan(params("qwen-plus").build(), Transport.SYNC);

            assertThat(planner.learnFrom("Range of input length should be [1, 129024]", plan))
                    .isFalse();
            assertThat(planner.learnFrom("This model only support stream mode", plan))
                    .isTrue();
            assertThat(planner.learnFrom("This model only support stream mode", plan))
                    .isFalse();
        }

        @Test
        void should_keep_what_it_learned_per_model_name() {
            planner.learnFrom(
                    "This model only support stream mode",
                    planner.plan(params("a").build(), Transport.SYNC));

            assertThat(planner.plan(params("A").build(), Transport.SYNC).stream())
                    .isTrue();
            assertThat(planner.plan(params("b").build(), Transport.SYNC).stream())
                    .isFalse();
        }
    }
}
