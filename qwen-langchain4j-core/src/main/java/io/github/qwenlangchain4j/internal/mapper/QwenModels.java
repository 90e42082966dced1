package io.github.qwenlangchain4j.internal.mapper;

import java.util.Locale;

/** What a model name tells about how the model must be called. */
public final class QwenModels {

    private QwenModels() {}

    /**
     * Thinking-only and Omni models refuse non-streaming calls ("This model only support stream mode"): QwQ and QVQ,
     * the {@code *-thinking*} variants and {@code *-omni-*}.
     */
    public static boolean isStreamOnly(String modelName) {
        if (modelName == null) {
            return false;
        }
        String name = modelName.toLowerCase(Locale.ROOT);
        return alwaysThinks(name) || name.contains("-omni-") || name.endsWith("-omni");
    }

    /** Models that always think, whatever {@code enable_thinking} says. */
    public static boolean alwaysThinks(String modelName) {
        if (modelName == null) {
            return false;
        }
        String name = modelName.toLowerCase(Locale.ROOT);
        return name.startsWith("qwq-") || name.startsWith("qvq-") || name.contains("-thinking");
    }

    /**
     * Whether Qwen refused a non-streaming call because the model must stream: thinking-only and Omni models
     * ("This model only support stream mode") and hybrid models that think by default
     * ("parameter.enable_thinking must be set to false for non-streaming calls").
     */
    public static boolean isStreamingRequired(String qwenErrorMessage) {
        if (qwenErrorMessage == null) {
            return false;
        }
        String message = qwenErrorMessage.toLowerCase(Locale.ROOT);
        return message.contains("only support stream mode") || message.contains("only supports stream mode")
                || message.contains("must be set to false for non-streaming calls");
    }
}
