package io.github.qwenlangchain4j.internal.mapper;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The facts a model name tells about how the model must be called, and the refusal texts that reveal them. The one
 * place that knows model names; {@link CallPlanner} turns these facts into a plan for each request.
 */
public final class QwenModels {

    /** How a model thinks. Ordered: each value thinks in more cases than the one before. */
    public enum Thinking {
        /** Does not think unless asked ({@code enable_thinking: true}); also every model that never thinks. */
        OFF_BY_DEFAULT,
        /** A hybrid that thinks unless told {@code enable_thinking: false}. */
        ON_BY_DEFAULT,
        /** Thinking-only: thinks whatever {@code enable_thinking} says. */
        ALWAYS
    }

    /** A thinking control that a family documents, named as the builder option and as the wire field. */
    public enum ThinkingControl {
        /** {@code thinking_budget}: a cap on thinking tokens. */
        BUDGET("thinkingBudget", "thinking_budget"),
        /** {@code reasoning_effort}: how hard the model thinks. */
        EFFORT("reasoningEffort", "reasoning_effort"),
        /** {@code preserve_thinking}: earlier turns' reasoning stays in the model's context. */
        PRESERVE("preserveThinking", "preserve_thinking");

        private final String option;
        private final String wireName;

        ThinkingControl(String option, String wireName) {
            this.option = option;
            this.wireName = wireName;
        }

        /** The builder option, e.g. {@code thinkingBudget}. */
        public String option() {
            return option;
        }

        /** The request field, e.g. {@code thinking_budget}. */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * One row of the table: a family of model names and what Model Studio documents for it.
     *
     * @param name          the family, as the model list names it
     * @param names         the model names of the family (lower case, whole name)
     * @param thinking      how its models think; a {@code -thinking} name always thinks, an {@code -instruct} one never
     * @param streamOnly    whether every call must stream ("This model only support stream mode")
     * @param speaks        whether it can answer in audio ({@code modalities: ["text","audio"]})
     * @param explicitCache whether it takes explicit cache markers ({@code cache_control})
     * @param controls      the thinking controls it takes besides {@code enable_thinking}
     */
    record Family(
            String name,
            Pattern names,
            Thinking thinking,
            boolean streamOnly,
            boolean speaks,
            boolean explicitCache,
            Set<ThinkingControl> controls) {}

    private static final Set<ThinkingControl> NO_CONTROLS = EnumSet.noneOf(ThinkingControl.class);
    private static final Set<ThinkingControl> BUDGET = EnumSet.of(ThinkingControl.BUDGET);
    private static final Set<ThinkingControl> BUDGET_PRESERVE =
            EnumSet.of(ThinkingControl.BUDGET, ThinkingControl.PRESERVE);
    private static final Set<ThinkingControl> ALL_CONTROLS = EnumSet.allOf(ThinkingControl.class);

    /*
     * The model families of Model Studio's model list, one row each; the first row whose pattern matches the whole
     * (lower-case) name wins, so the narrow families come before the wide ones. A name no row matches is unknown:
     * CallPlanner plans it as a model that does not think by default, learns the rest from Qwen's refusals, and sends
     * every thinking control the caller sets.
     *
     * Sources (alibabacloud.com/help/en/model-studio/..., 2026 versions, and docs.qwencloud.com):
     * - "Deep thinking" (deep-thinking) and docs.qwencloud.com/developer-guides/text-generation/thinking: hybrids
     *   "Qwen3.5 (enabled by default), Qwen3, Qwen3-VL, Qwen3-Omni (disabled by default)"; thinking-only "QwQ,
     *   -thinking variants"; thinking_budget: "All thinking-capable models from Qwen3 onward support this parameter".
     * - "Qwen-Omni" (qwen-omni): Omni only streams; its quick start calls qwen3.5-omni-plus with modalities text+audio
     *   and no enable_thinking, so Omni does not think unless asked, and speaks.
     * - "Visual reasoning" (visual-reasoning): qwen3-vl-plus/-flash hybrid, qwen3-vl-*-thinking thinking-only.
     * - "Context cache" (context-cache): explicit cache on qwen3-max, qwen3.x-plus/-flash, qwen-plus, qwen-flash,
     *   qwen3-coder-plus/-flash; not on Qwen-Long, Qwen-Doc, Omni, MT, qwen-turbo, QwQ and QVQ.
     * - reasoning_effort: Qwen3.8 ("reasoning_effort: none / minimal / low / medium / high / xhigh / max, default
     *   xhigh" for qwen3.8-max, help.aliyun.com/zh/model-studio/qwen3-8-max as relayed by docs.apiyi.com); earlier
     *   families ignore it on Chat Completions ("The following parameters are silently ignored: ...
     *   reasoning_effort", docs.qwencloud.com OpenAI compatibility), so it is refused there.
     * - preserve_thinking: Qwen3.5 and later ("multi-turn: keep thinking with preserve_thinking: true" for
     *   qwen3.5-plus, cloud.tencent.com/document/product/1823/132247; the Qwen3.6 model card's "preserve_thinking").
     * - Qwen4: Model Studio documents its explicit cache (explicit-cache-qwen4) but no thinking behaviour we could
     *   read, so qwen4 names are left unknown rather than guessed.
     */
    private static final List<Family> FAMILIES = List.of(
            new Family(
                    "Qwen-Omni (qwen3.5-omni-plus/-flash, qwen3-omni-flash, qwen-omni-turbo)",
                    Pattern.compile(".*-omni(-.*)?"),
                    Thinking.OFF_BY_DEFAULT,
                    true,
                    true,
                    false,
                    BUDGET),
            new Family(
                    "LiveTranslate (qwen3.5-livetranslate-flash)",
                    Pattern.compile(".*livetranslate.*"),
                    Thinking.OFF_BY_DEFAULT,
                    false,
                    true,
                    true,
                    NO_CONTROLS),
            family("Qwen-MT (qwen-mt-plus, qwen-mt-flash)", "qwen-mt-.*", Thinking.OFF_BY_DEFAULT, false, NO_CONTROLS),
            family("Qwen-Long and Qwen-Doc", "qwen-long.*|qwen-doc.*", Thinking.OFF_BY_DEFAULT, false, NO_CONTROLS),
            family(
                    "Qwen-Coder, non-thinking (qwen3-coder-plus, qwen3-coder-480b-a35b-instruct)",
                    "qwen[\\d.]*-coder.*",
                    Thinking.OFF_BY_DEFAULT,
                    true,
                    NO_CONTROLS),
            family(
                    "Qwen-Math, non-thinking (qwen-math-plus, qwen2.5-math-72b-instruct)",
                    "qwen[\\d.]*-math.*",
                    Thinking.OFF_BY_DEFAULT,
                    true,
                    NO_CONTROLS),
            family("QwQ and QVQ, thinking-only", "(qwq|qvq)-.*", Thinking.ALWAYS, false, BUDGET),
            family(
                    "Qwen3.7-Max preview, thinking-only",
                    "qwen3\\.[7-9]-max-preview|qwen3\\.7-max-2026-05-17",
                    Thinking.ALWAYS,
                    true,
                    BUDGET_PRESERVE),
            family(
                    "Qwen3.8 and later (qwen3.8-max)",
                    "qwen3\\.[89]([-.].*)?",
                    Thinking.ON_BY_DEFAULT,
                    true,
                    ALL_CONTROLS),
            family(
                    "Qwen3.5 to 3.7, commercial and open-weight (qwen3.6-plus, qwen3.5-397b-a17b)",
                    "qwen3\\.[5-7]([-.].*)?",
                    Thinking.ON_BY_DEFAULT,
                    true,
                    BUDGET_PRESERVE),
            family(
                    "Qwen3 open-weight hybrids (qwen3-32b, qwen3-235b-a22b)",
                    "qwen3-\\d+(\\.\\d+)?b(-a\\d+(\\.\\d+)?b)?",
                    Thinking.ON_BY_DEFAULT,
                    true,
                    BUDGET),
            family("Qwen3-VL (qwen3-vl-plus, qwen3-vl-flash)", "qwen3-vl-.*", Thinking.OFF_BY_DEFAULT, true, BUDGET),
            family("Qwen3-Max", "qwen3-max.*", Thinking.OFF_BY_DEFAULT, true, BUDGET),
            family("Qwen-Turbo", "qwen-turbo.*", Thinking.OFF_BY_DEFAULT, false, BUDGET),
            family(
                    "Qwen-Plus, Qwen-Flash, Qwen-Max",
                    "qwen-(plus|flash|max)([-.].*)?",
                    Thinking.OFF_BY_DEFAULT,
                    true,
                    BUDGET),
            family("DeepSeek-R1, thinking-only", "deepseek-r1.*", Thinking.ALWAYS, true, BUDGET),
            family("DeepSeek V3 and V4, hybrid", "deepseek-.*", Thinking.OFF_BY_DEFAULT, true, BUDGET),
            family(
                    "Kimi K2 thinking and code, thinking-only",
                    "(kimi/)?kimi-k2(-thinking|\\.7-code).*",
                    Thinking.ALWAYS,
                    true,
                    BUDGET),
            family(
                    "Kimi served by Moonshot (kimi/kimi-k2.6)",
                    "kimi/kimi-k2\\..*",
                    Thinking.ON_BY_DEFAULT,
                    true,
                    BUDGET),
            family("Kimi served by Alibaba (kimi-k2.6)", "(moonshot-)?kimi-.*", Thinking.OFF_BY_DEFAULT, true, BUDGET),
            family("GLM (glm-4.7, glm-5)", "glm-.*", Thinking.ON_BY_DEFAULT, true, BUDGET),
            family("MiniMax, thinking-only", "minimax-.*", Thinking.ALWAYS, true, BUDGET));

    /** Open-weight names carry their size: qwen3-32b, qwen3-30b-a3b, qwen3.5-397b-a17b, qwen3.6-35b-a3b. */
    private static final Pattern OPEN_WEIGHT =
            Pattern.compile("qwen[\\d.]*-(.*-)?\\d+(\\.\\d+)?b(-a\\d+(\\.\\d+)?b)?(-.*)?");

    /** Names of the brands the library knows, for names that no family row matches (qwen-vl-max, qwen2.5-72b-...). */
    private static final Pattern KNOWN_BRAND = Pattern.compile("(qwen|qwq|qvq|deepseek|kimi|glm|minimax)[-./\\d].*");

    private QwenModels() {}

    private static Family family(String name, String names, Thinking thinking, boolean cache, Set<ThinkingControl> c) {
        return new Family(name, Pattern.compile(names), thinking, false, false, cache, c);
    }

    /** The family row of a model name, or null for a name the table does not know. */
    static Family familyOf(String modelName) {
        if (modelName == null) {
            return null;
        }
        String name = modelName.toLowerCase(Locale.ROOT);
        for (Family family : FAMILIES) {
            if (family.names().matcher(name).matches()) {
                return family;
            }
        }
        return null;
    }

    /**
     * Whether the model is known not to take explicit cache markers ({@code cache_control}); unknown names are not.
     */
    public static boolean refusesCacheMarkers(String modelName) {
        Family family = familyOf(modelName);
        return family != null && !family.explicitCache();
    }

    /**
     * Whether the model is known to answer in text only, so that asking it for audio output is a mistake; Omni and
     * LiveTranslate models, and names the library does not know, are not.
     */
    public static boolean answersInTextOnly(String modelName) {
        if (modelName == null) {
            return false;
        }
        Family family = familyOf(modelName);
        return family != null
                ? !family.speaks()
                : KNOWN_BRAND.matcher(modelName.toLowerCase(Locale.ROOT)).matches();
    }

    /** The model's thinking behaviour as its name tells it; unknown names are taken as {@link Thinking#OFF_BY_DEFAULT}. */
    public static Thinking thinkingOf(String modelName) {
        if (modelName == null) {
            return Thinking.OFF_BY_DEFAULT;
        }
        String name = modelName.toLowerCase(Locale.ROOT);
        if (name.contains("-thinking")) {
            return Thinking.ALWAYS;
        }
        if (name.contains("-instruct")) {
            return Thinking.OFF_BY_DEFAULT;
        }
        Family family = familyOf(name);
        return family == null ? Thinking.OFF_BY_DEFAULT : family.thinking();
    }

    /**
     * The thinking control among {@code requested} that the model is known not to take (Qwen ignores it there without
     * a word), or null when it takes them all or is unknown. {@code -instruct} models never think, so they take none.
     */
    public static ThinkingControl refusedControl(String modelName, Set<ThinkingControl> requested) {
        if (modelName == null || requested.isEmpty()) {
            return null;
        }
        String name = modelName.toLowerCase(Locale.ROOT);
        Family family = familyOf(name);
        boolean neverThinks = name.contains("-instruct") && !name.contains("-thinking");
        if (family == null && !neverThinks) {
            return null;
        }
        Set<ThinkingControl> taken = neverThinks ? NO_CONTROLS : family.controls();
        for (ThinkingControl control : requested) {
            if (!taken.contains(control)) {
                return control;
            }
        }
        return null;
    }

    /**
     * Whether the model refuses non-streaming calls while it thinks: the open-weight hybrids ("Some models, such as
     * the open-source qwen3-235b-a22b and qwen3-32b, support streaming only": Deep thinking FAQ), and every
     * stream-only model. Commercial models (qwen-plus, qwen3.6-plus, qwen3-max, ...) answer without streaming.
     */
    public static boolean streamsWhileThinking(String modelName) {
        if (modelName == null) {
            return false;
        }
        String name = modelName.toLowerCase(Locale.ROOT);
        return isStreamOnly(name) || OPEN_WEIGHT.matcher(name).matches();
    }

    /**
     * Thinking-only and Omni models refuse non-streaming calls ("This model only support stream mode"): QwQ and QVQ,
     * the {@code *-thinking*} variants and {@code *-omni-*}.
     */
    public static boolean isStreamOnly(String modelName) {
        if (modelName == null) {
            return false;
        }
        Family family = familyOf(modelName);
        return thinkingOf(modelName) == Thinking.ALWAYS || (family != null && family.streamOnly());
    }

    /**
     * Whether Qwen refused a non-streaming call because the model only streams: thinking-only and Omni models
     * ("This model only support stream mode, please enable the stream parameter to access the model. ", "current
     * user api does not support http call", "'audio' output only support with stream=true"; Model Studio error-code
     * page).
     */
    public static boolean isStreamOnlyRefusal(String qwenErrorMessage) {
        if (qwenErrorMessage == null || isThinkingNeedsStreamRefusal(qwenErrorMessage)) {
            return false;
        }
        String message = qwenErrorMessage.toLowerCase(Locale.ROOT);
        return message.contains("only support stream")
                || message.contains("only supports stream")
                || message.contains("does not support http call");
    }

    /**
     * Whether Qwen refused a non-streaming call because a hybrid model was thinking: "parameter.enable_thinking must
     * be set to false for non-streaming calls", "parameter.enable_thinking only support stream call", and the
     * Chinese-locale wording. Such a model streams while thinking and answers without streaming when told
     * {@code enable_thinking: false}.
     */
    public static boolean isThinkingNeedsStreamRefusal(String qwenErrorMessage) {
        if (qwenErrorMessage == null) {
            return false;
        }
        String message = qwenErrorMessage.toLowerCase(Locale.ROOT);
        return message.contains("enable_thinking")
                && (message.contains("non-streaming")
                        || message.contains("only support stream")
                        || message.contains("\u975e\u6d41\u5f0f"));
    }

    /**
     * Whether Qwen refused JSON mode or a forced tool because the model was thinking: "Json mode response is not
     * supported when enable_thinking is true", "The tool_choice parameter does not support being set to required or
     * object in thinking mode".
     */
    public static boolean isRefusedWhileThinking(String qwenErrorMessage) {
        if (qwenErrorMessage == null) {
            return false;
        }
        String message = qwenErrorMessage.toLowerCase(Locale.ROOT);
        return (message.contains("thinking mode") || message.contains("enable_thinking is true"))
                && (message.contains("json") || message.contains("tool_choice") || message.contains("function"));
    }

    /**
     * Whether Qwen refused {@code enable_thinking: false} because the model only thinks ("The value of the
     * enable_thinking parameter is restricted to True.").
     */
    public static boolean isThinkingOnlyRefusal(String qwenErrorMessage) {
        return qwenErrorMessage != null
                && qwenErrorMessage
                        .toLowerCase(Locale.ROOT)
                        .contains("enable_thinking parameter is restricted to true");
    }
}
