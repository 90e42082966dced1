package io.github.qwenlangchain4j.internal.rerank;

import dev.langchain4j.model.TokenCountEstimator;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a rerank model counts tokens to keep its requests within Qwen's limit: the configured estimator; else Qwen's own
 * tokenizer, {@code io.github.qwenlangchain4j.tokenizer.QwenTokenCountEstimator}, when the
 * {@code qwen-langchain4j-tokenizer} module is on the class path (looked up by name: the core does not depend on
 * it); else {@link TokenGuess}, which errs on the high side.
 */
public final class RerankTokens {

    /** The exact tokenizer's class, in the {@code qwen-langchain4j-tokenizer} module. */
    public static final String TOKENIZER_CLASS = "io.github.qwenlangchain4j.tokenizer.QwenTokenCountEstimator";

    private static final Logger LOG = LoggerFactory.getLogger(RerankTokens.class);

    private RerankTokens() {}

    /**
     * @param configured the estimator the user gave, or null
     * @param loader     where to look for the tokenizer module
     * @return the token count to plan requests with
     */
    public static ToIntFunction<String> counter(TokenCountEstimator configured, ClassLoader loader) {
        TokenCountEstimator estimator = configured != null ? configured : tokenizer(loader);
        return estimator == null ? TokenGuess::count : estimator::estimateTokenCountInText;
    }

    /**
     * Qwen's tokenizer when its module is on the class path.
     *
     * @param loader where to look for it
     * @return a new {@code QwenTokenCountEstimator}, or null when the module is absent or cannot load its vocabulary
     */
    public static TokenCountEstimator tokenizer(ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(TOKENIZER_CLASS, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        try {
            return (TokenCountEstimator) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.warn(
                    "{} is on the class path but could not be created ({}); rerank requests are planned with a"
                            + " local estimate instead",
                    TOKENIZER_CLASS,
                    e.toString());
            return null;
        }
    }
}
