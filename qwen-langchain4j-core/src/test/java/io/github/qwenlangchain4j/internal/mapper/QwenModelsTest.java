package io.github.qwenlangchain4j.internal.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qwenlangchain4j.internal.mapper.QwenModels.Thinking;
import io.github.qwenlangchain4j.internal.mapper.QwenModels.ThinkingControl;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model table, family by family, against Model Studio's pages (alibabacloud.com/help/en/model-studio/..., 2026
 * versions, and docs.qwencloud.com). Each test names the page it follows.
 */
class QwenModelsTest {

    private static final Set<ThinkingControl> ALL = EnumSet.allOf(ThinkingControl.class);

    /** The controls a model takes, as {@link QwenModels#refusedControl} answers one at a time. */
    private static Set<ThinkingControl> controls(String model) {
        Set<ThinkingControl> taken = EnumSet.noneOf(ThinkingControl.class);
        for (ThinkingControl control : ALL) {
            if (QwenModels.refusedControl(model, EnumSet.of(control)) == null) {
                taken.add(control);
            }
        }
        return taken;
    }

    /*
     * "Qwen-Omni" (qwen-omni): only streams, speaks; its quick start calls qwen3.5-omni-plus with modalities
     * text+audio and no enable_thinking. docs.qwencloud.com/developer-guides/text-generation/thinking: "Qwen3-Omni
     * (disabled by default)". "Context cache": Omni has no explicit cache.
     */
    @ParameterizedTest
    @ValueSource(strings = {"qwen3.5-omni-plus", "qwen3.5-omni-flash", "qwen3-omni-flash", "qwen-omni-turbo"})
    void should_know_omni_3_5_and_earlier_speak_stream_and_do_not_think_by_default(String model) {
        assertThat(QwenModels.thinkingOf(model)).isEqualTo(Thinking.OFF_BY_DEFAULT);
        assertThat(QwenModels.isStreamOnly(model)).isTrue();
        assertThat(QwenModels.answersInTextOnly(model)).isFalse();
        assertThat(QwenModels.refusesCacheMarkers(model)).isTrue();
        assertThat(controls(model)).containsExactly(ThinkingControl.BUDGET);
    }

    /* LiveTranslate speaks and does not think, although its names look like Qwen3.5. */
    @Test
    void should_know_livetranslate_speaks_and_does_not_think() {
        assertThat(QwenModels.thinkingOf("qwen3.5-livetranslate-flash")).isEqualTo(Thinking.OFF_BY_DEFAULT);
        assertThat(QwenModels.answersInTextOnly("qwen3.5-livetranslate-flash")).isFalse();
        assertThat(controls("qwen3.5-livetranslate-flash")).isEmpty();
    }

    /*
     * "Visual reasoning" (visual-reasoning): "hybrid-thinking: qwen3-vl-plus, qwen3-vl-flash"; "thinking-only:
     * qwen3-vl-235b-a22b-thinking, qwen3-vl-32b-thinking, ..."; the -instruct variants do not think.
     */
    @Test
    void should_know_qwen3_vl_hybrids_thinking_variants_and_instruct_variants() {
        assertThat(QwenModels.thinkingOf("qwen3-vl-plus")).isEqualTo(Thinking.OFF_BY_DEFAULT);
        assertThat(QwenModels.isStreamOnly("qwen3-vl-plus")).isFalse();
        assertThat(QwenModels.thinkingOf("qwen3-vl-235b-a22b-thinking")).isEqualTo(Thinking.ALWAYS);
        assertThat(QwenModels.isStreamOnly("qwen3-vl-235b-a22b-thinking")).isTrue();
        assertThat(QwenModels.thinkingOf("qwen3-vl-235b-a22b-instruct")).isEqualTo(Thinking.OFF_BY_DEFAULT);
        assertThat(controls("qwen3-vl-flash")).containsExactly(ThinkingControl.BUDGET);
        assertThat(controls("qwen3-vl-235b-a22b-instruct")).isEmpty();
    }

    /* Qwen3-Coder answers in non-thinking mode only; "Context cache" lists qwen3-coder-plus and -flash. */
    @ParameterizedTest
    @ValueSource(strings = {"qwen3-coder-plus", "qwen3-coder-flash", "qwen3-coder-480b-a35b-instruct"})
    void should_know_the_coder_models_never_think(String model) {
        assertThat(QwenModels.thinkingOf(model)).isEqualTo(Thinking.OFF_BY_DEFAULT);
        assertThat(QwenModels.answersInTextOnly(model)).isTrue();
        assertThat(QwenModels.refusesCacheMarkers(model)).isFalse();
        assertThat(controls(model)).isEmpty();
    }

    /* Qwen-MT translates without thinking; "Context cache" puts it on no cache list. */
    @Test
    void should_know_qwen_mt_never_thinks_and_has_no_explicit_cache() {
        assertThat(QwenModels.thinkingOf("qwen-mt-plus")).isEqualTo(Thinking.OFF_BY_DEFAULT);
        assertThat(QwenModels.refusesCacheMarkers("qwen-mt-flash")).isTrue();
        assertThat(controls("qwen-mt-turbo")).isEmpty();
    }

    /* Qwen-Math answers without thinking. */
    @Test
    void should_know_qwen_math_never_thinks() {
        assertThat(QwenModels.thinkingOf("qwen-math-plus")).isEqualTo(Thinking.OFF_BY_DEFAULT);
        assertThat(controls("qwen2.5-math-72b-instruct")).isEmpty();
    }

    /* Qwen-Long and Qwen-Doc read documents by file id, without thinking or explicit cache. */
    @Test
    void should_know_qwen_long_never_thinks_and_has_no_explicit_cache() {
        assertThat(QwenModels.refusesCacheMarkers("qwen-long-latest")).isTrue();
        assertThat(controls("qwen-long")).isEmpty();
    }

    /*
     * "Deep thinking": Qwen3.5 hybrids are "enabled by default" (qwen3.5-plus, qwen3.6-plus, qwen3.7-max); open
     * weights (qwen3.5-397b-a17b, qwen3.6-35b-a3b) stream while thinking; preserve_thinking keeps earlier turns'
     * reasoning (Qwen3.6 model card; cloud.tencent.com/document/product/1823/132247 for qwen3.5-plus).
     */
    @ParameterizedTest
    @ValueSource(strings = {"qwen3.5-plus", "qwen3.6-flash", "qwen3.7-max", "qwen3.5-397b-a17b", "qwen3.6-35b-a3b"})
    void should_know_qwen3_5_to_3_7_think_by_default_and_keep_earlier_reasoning_when_asked(String model) {
        assertThat(QwenModels.thinkingOf(model)).isEqualTo(Thinking.ON_BY_DEFAULT);
        assertThat(QwenModels.answersInTextOnly(model)).isTrue();
        assertThat(controls(model)).containsExactlyInAnyOrder(ThinkingControl.BUDGET, ThinkingControl.PRESERVE);
    }

    /*
     * qwen3.8-max thinks by default and takes reasoning_effort "none / minimal / low / medium / high / xhigh / max,
     * default xhigh" (help.aliyun.com/zh/model-studio/qwen3-8-max, relayed by docs.apiyi.com's Qwen3.8-Max reference).
     */
    @Test
    void should_know_qwen3_8_takes_every_thinking_control() {
        assertThat(QwenModels.thinkingOf("qwen3.8-max")).isEqualTo(Thinking.ON_BY_DEFAULT);
        assertThat(controls("qwen3.8-max")).isEqualTo(ALL);
        assertThat(controls("qwen3.8-flash")).isEqualTo(ALL);
    }

    /* "Deep thinking": qwen3.7-max-preview is thinking-only, and streams. */
    @Test
    void should_know_the_qwen3_7_max_preview_only_thinks() {
        assertThat(QwenModels.thinkingOf("qwen3.7-max-preview")).isEqualTo(Thinking.ALWAYS);
        assertThat(QwenModels.isStreamOnly("qwen3.7-max-preview")).isTrue();
    }

    /*
     * "Deep thinking": the open Qwen3 sizes are hybrids on by default and "support streaming only" while thinking;
     * -thinking-2507 only thinks, -instruct-2507 never does. thinking_budget: "All thinking-capable models from
     * Qwen3 onward support this parameter" (docs.qwencloud.com thinking page).
     */
    @Test
    void should_know_the_open_weight_qwen3_sizes() {
        assertThat(QwenModels.thinkingOf("qwen3-235b-a22b")).isEqualTo(Thinking.ON_BY_DEFAULT);
        assertThat(QwenModels.thinkingOf("qwen3-32b")).isEqualTo(Thinking.ON_BY_DEFAULT);
        assertThat(QwenModels.streamsWhileThinking("qwen3-30b-a3b")).isTrue();
        assertThat(QwenModels.thinkingOf("qwen3-235b-a22b-thinking-2507")).isEqualTo(Thinking.ALWAYS);
        assertThat(QwenModels.thinkingOf("qwen3-235b-a22b-instruct-2507")).isEqualTo(Thinking.OFF_BY_DEFAULT);
        assertThat(controls("qwen3-32b")).containsExactly(ThinkingControl.BUDGET);
        assertThat(controls("qwen3-235b-a22b-instruct-2507")).isEmpty();
    }

    /* "Deep thinking": qwen-plus, qwen-flash, qwen-turbo, qwen3-max are hybrids off by default. */
    @ParameterizedTest
    @ValueSource(strings = {"qwen-plus", "qwen-flash", "qwen-turbo", "qwen3-max", "qwen-max"})
    void should_know_the_commercial_qwen3_hybrids_do_not_think_by_default(String model) {
        assertThat(QwenModels.thinkingOf(model)).isEqualTo(Thinking.OFF_BY_DEFAULT);
        assertThat(QwenModels.isStreamOnly(model)).isFalse();
        assertThat(controls(model)).containsExactly(ThinkingControl.BUDGET);
    }

    /* "Deep thinking": QwQ and QVQ only think; "Context cache": no explicit cache. */
    @Test
    void should_know_qwq_and_qvq_only_think() {
        assertThat(QwenModels.thinkingOf("qwq-plus")).isEqualTo(Thinking.ALWAYS);
        assertThat(QwenModels.thinkingOf("qvq-max")).isEqualTo(Thinking.ALWAYS);
        assertThat(QwenModels.refusesCacheMarkers("qwq-plus")).isTrue();
    }

    /*
     * Third-party models served by Model Studio ("Deep thinking", DeepSeek / Kimi / GLM / MiniMax sections):
     * deepseek-r1 thinking-only, deepseek-v3.x/v4 hybrid off by default, GLM and Moonshot-served Kimi on by
     * default, kimi-k2-thinking and MiniMax thinking-only. None takes reasoning_effort or preserve_thinking.
     */
    @Test
    void should_know_the_third_party_models_served_by_model_studio() {
        assertThat(QwenModels.thinkingOf("deepseek-r1")).isEqualTo(Thinking.ALWAYS);
        assertThat(QwenModels.thinkingOf("deepseek-v3.2")).isEqualTo(Thinking.OFF_BY_DEFAULT);
        assertThat(QwenModels.thinkingOf("deepseek-v4-pro")).isEqualTo(Thinking.OFF_BY_DEFAULT);
        assertThat(QwenModels.thinkingOf("kimi-k2.6")).isEqualTo(Thinking.OFF_BY_DEFAULT);
        assertThat(QwenModels.thinkingOf("kimi/kimi-k2.6")).isEqualTo(Thinking.ON_BY_DEFAULT);
        assertThat(QwenModels.thinkingOf("kimi-k2-thinking")).isEqualTo(Thinking.ALWAYS);
        assertThat(QwenModels.thinkingOf("glm-5")).isEqualTo(Thinking.ON_BY_DEFAULT);
        assertThat(QwenModels.thinkingOf("MiniMax-M2.5")).isEqualTo(Thinking.ALWAYS);
        for (String model : new String[] {"deepseek-v3.2", "kimi-k2.6", "glm-4.7", "MiniMax-M2.5"}) {
            assertThat(controls(model)).as(model).containsExactly(ThinkingControl.BUDGET);
            assertThat(QwenModels.answersInTextOnly(model)).as(model).isTrue();
        }
    }

    /*
     * Qwen4: Model Studio documents its explicit cache (explicit-cache-qwen4) but no thinking behaviour that we could
     * read, so its names are unknown to the table: planned as not thinking by default (learned from refusals), every
     * thinking control sent as given, cache markers allowed.
     */
    @Test
    void should_leave_qwen4_unknown_rather_than_guess() {
        assertThat(QwenModels.familyOf("qwen4-max")).isNull();
        assertThat(QwenModels.thinkingOf("qwen4-max")).isEqualTo(Thinking.OFF_BY_DEFAULT);
        assertThat(QwenModels.refusesCacheMarkers("qwen4-max")).isFalse();
        assertThat(controls("qwen4-max")).isEqualTo(ALL);
    }
}
