package io.github.qwenlangchain4j.testkit.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the models the mock knows think, after Model Studio's "Deep thinking" page (supported-models list, 2026): each
 * family is a hybrid with thinking off by default, a hybrid with thinking on by default, or thinking-only. Names the
 * page does not list behave like qwen-plus (a hybrid, off by default).
 */
final class MockModels {

    enum Mode {
        HYBRID_OFF,
        HYBRID_ON,
        THINKING_ONLY
    }

    /** qwq-plus, qvq-max, qwen3-235b-a22b-thinking-2507, deepseek-r1, qwen3.7-max-preview, kimi-k2-thinking, MiniMax-M2.5. */
    private static final Pattern THINKING_ONLY = Pattern.compile(
            "(qwq|qvq)-.*|.*-thinking(-.*)?|deepseek-r1.*|qwen3\\.7-max-preview|qwen3\\.7-max-2026-05-17"
                    + "|kimi-k2-thinking.*|(kimi/)?kimi-k2\\.7-code.*|minimax-.*");

    /** qwen3.5-plus, qwen3.6-flash, qwen3.7-max, qwen3.5-397b-a17b, the open Qwen3 hybrids, GLM, kimi/kimi-k2.6. */
    private static final Pattern HYBRID_ON =
            Pattern.compile("qwen3\\.[5-9](-.*)?|qwen3-\\d+(\\.\\d+)?b(-a\\d+b)?|glm-.*|kimi/kimi-k2\\.[56].*");

    /** Open-weight models, which answer only as a stream while thinking ("parameter.enable_thinking only support stream call"). */
    private static final Pattern OPEN_WEIGHT = Pattern.compile("qwen[\\d.]*-(.+-)?\\d+(\\.\\d+)?b(-a\\d+b)?(-.*)?");

    private MockModels() {}

    /**
     * Models that do not think unless asked although their names look like Qwen3.5: Omni (the "Qwen-Omni" quick start
     * calls qwen3.5-omni-plus for a spoken answer without enable_thinking; Qwen3-Omni is "disabled by default" on
     * docs.qwencloud.com's thinking page) and LiveTranslate.
     */
    private static final Pattern SPEAKING = Pattern.compile(".*-omni(-.*)?|.*livetranslate.*");

    /** Models that take reasoning_effort: Qwen3.8 and later (qwen3.8-max); others ignore it. */
    private static final Pattern TAKES_EFFORT = Pattern.compile("qwen3\\.[89]([-.].*)?");

    static Mode modeOf(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        if (THINKING_ONLY.matcher(name).matches()) {
            return Mode.THINKING_ONLY;
        }
        if (SPEAKING.matcher(name).matches()) {
            return Mode.HYBRID_OFF;
        }
        return HYBRID_ON.matcher(name).matches() && !name.contains("-instruct") ? Mode.HYBRID_ON : Mode.HYBRID_OFF;
    }

    /** Thinking-only and Omni models refuse every non-streaming call. */
    static boolean isStreamOnly(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        return modeOf(name) == Mode.THINKING_ONLY || name.contains("-omni-") || name.endsWith("-omni");
    }

    /** Whether the model reads {@code reasoning_effort}. */
    static boolean takesReasoningEffort(String model) {
        return TAKES_EFFORT.matcher(model.toLowerCase(Locale.ROOT)).matches();
    }

    static boolean isOpenWeight(String model) {
        return OPEN_WEIGHT.matcher(model.toLowerCase(Locale.ROOT)).matches();
    }
}
