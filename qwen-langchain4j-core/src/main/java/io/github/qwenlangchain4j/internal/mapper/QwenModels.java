package io.github.qwenlangchain4j.internal.mapper;

import java.util.Locale;
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

    /*
     * Sources: Model Studio "Deep thinking" (alibabacloud.com/help/en/model-studio/deep-thinking, 2026 versions):
     * its "Supported models" list labels every family hybrid "thinking enabled by default", hybrid "disabled by
     * default", or "thinking mode only".
     */

    /** Thinking-only: QwQ, QVQ, *-thinking(-2507), DeepSeek-R1, qwen3.7-max-preview, Kimi K2 thinking/code, MiniMax. */
    private static final Pattern THINKING_ONLY =
            Pattern.compile("(qwq-|qvq-|deepseek-r1|minimax-|kimi-k2-thinking|kimi-k2\\.7-code|kimi/kimi-k2\\.7-code).*"
                    + "|.*-thinking.*|qwen3\\.[7-9]-max-preview|qwen3\\.7-max-2026-05-17");

    /** Open-weight Qwen3 hybrids: qwen3-32b, qwen3-30b-a3b, qwen3-235b-a22b (not the -instruct/-thinking-2507 splits). */
    private static final Pattern OPEN_QWEN3_HYBRID = Pattern.compile("qwen3-\\d+(\\.\\d+)?b(-a\\d+(\\.\\d+)?b)?");

    /** Open-weight names carry their size: qwen3-32b, qwen3-30b-a3b, qwen3.5-397b-a17b, qwen3.6-35b-a3b. */
    private static final Pattern OPEN_WEIGHT =
            Pattern.compile("qwen[\\d.]*-(.*-)?\\d+(\\.\\d+)?b(-a\\d+(\\.\\d+)?b)?(-.*)?");

    /**
     * Hybrids that think unless told not to: Qwen3.5 and later, commercial and open-weight (qwen3.5-plus,
     * qwen3.6-flash, qwen3.7-max, qwen3.5-397b-a17b, ...), GLM, and Kimi as served by Moonshot ({@code kimi/...}).
     * Not: qwen-plus, qwen-flash, qwen-turbo, qwen3-max, the DeepSeek V3/V4 and Alibaba-served Kimi models.
     */
    private static final Pattern THINKS_BY_DEFAULT = Pattern.compile("qwen3\\.[5-9]([-.].*)?|glm-.*|kimi/kimi-k2\\..*");

    /*
     * Source: Model Studio "Context cache" (alibabacloud.com/help/en/model-studio/context-cache and
     * docs.qwencloud.com/developer-guides/text-generation/context-cache, 2026): explicit cache is offered on
     * qwen3-max, qwen3.6-plus, qwen3.5-plus, qwen-plus, qwen3.5-flash, qwen-flash, qwen3-coder-plus and
     * qwen3-coder-flash. The families below are documented elsewhere and are on no cache list: Qwen-Long and
     * Qwen-Doc (documents by file id), Qwen-Omni, Qwen-MT, qwen-turbo, QwQ and QVQ. The Qwen4 series has explicit
     * cache too (alibabacloud.com/help/en/model-studio/explicit-cache-qwen4, Nov 2026; the qwen4-max model page lists
     * "explicit cache, implicit cache"), so no qwen4 name is refused.
     */
    private static final Pattern NO_EXPLICIT_CACHE =
            Pattern.compile("qwen-long.*|qwen-doc.*|.*-omni(-.*)?|qwen-mt-.*|qwen-turbo.*|qwq-.*|qvq-.*");

    /*
     * Source: Model Studio "Qwen-Omni" (alibabacloud.com/help/en/model-studio/qwen-omni): audio output is a Qwen-Omni
     * feature ("modalities": ["text","audio"]); LiveTranslate models speak too. Every other family the library
     * knows by name answers in text only.
     */
    private static final Pattern TEXT_ONLY = Pattern.compile("(qwen|qwq|qvq|deepseek|kimi|glm|minimax)[-./\\d].*");

    private QwenModels() {}

    /**
     * Whether the model is known not to take explicit cache markers ({@code cache_control}); unknown names are not.
     */
    public static boolean refusesCacheMarkers(String modelName) {
        return modelName != null
                && NO_EXPLICIT_CACHE.matcher(modelName.toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * Whether the model is known to answer in text only, so that asking it for audio output is a mistake; Omni and
     * LiveTranslate models, and names the library does not know, are not.
     */
    public static boolean answersInTextOnly(String modelName) {
        if (modelName == null) {
            return false;
        }
        String name = modelName.toLowerCase(Locale.ROOT);
        return !name.contains("omni")
                && !name.contains("livetranslate")
                && TEXT_ONLY.matcher(name).matches();
    }

    /** The model's thinking behaviour as its name tells it; unknown names are taken as {@link Thinking#OFF_BY_DEFAULT}. */
    public static Thinking thinkingOf(String modelName) {
        if (modelName == null) {
            return Thinking.OFF_BY_DEFAULT;
        }
        String name = modelName.toLowerCase(Locale.ROOT);
        if (THINKING_ONLY.matcher(name).matches()) {
            return Thinking.ALWAYS;
        }
        if (name.contains("-instruct")) {
            return Thinking.OFF_BY_DEFAULT;
        }
        if (OPEN_QWEN3_HYBRID.matcher(name).matches()
                || THINKS_BY_DEFAULT.matcher(name).matches()) {
            return Thinking.ON_BY_DEFAULT;
        }
        return Thinking.OFF_BY_DEFAULT;
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
        String name = modelName.toLowerCase(Locale.ROOT);
        return thinkingOf(name) == Thinking.ALWAYS || name.contains("-omni-") || name.endsWith("-omni");
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
