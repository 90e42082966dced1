package io.github.qwenlangchain4j;

import dev.langchain4j.model.output.TokenUsage;
import java.util.Objects;

/**
 * Token usage with Qwen's details: prompt tokens served from the context cache and tokens spent on thinking. Both
 * are null when Qwen did not report them.
 */
public class QwenTokenUsage extends TokenUsage {

    private final Integer cachedTokens;
    private final Integer reasoningTokens;

    /**
     * Creates a token usage.
     *
     * @param inputTokenCount  prompt tokens ({@code prompt_tokens}), or null
     * @param outputTokenCount output tokens, thinking included ({@code completion_tokens}), or null
     * @param totalTokenCount  all tokens of the call ({@code total_tokens}), or null
     * @param cachedTokens     prompt tokens served from the context cache, or null when not reported
     * @param reasoningTokens  output tokens spent on thinking, or null when not reported
     */
    public QwenTokenUsage(Integer inputTokenCount, Integer outputTokenCount, Integer totalTokenCount,
                          Integer cachedTokens, Integer reasoningTokens) {
        super(inputTokenCount, outputTokenCount, totalTokenCount);
        this.cachedTokens = cachedTokens;
        this.reasoningTokens = reasoningTokens;
    }

    /**
     * Prompt tokens that hit Qwen's context cache ({@code prompt_tokens_details.cached_tokens}).
     *
     * @return the cached tokens, or null when Qwen did not report them
     */
    public Integer cachedTokens() {
        return cachedTokens;
    }

    /**
     * Output tokens spent on thinking ({@code completion_tokens_details.reasoning_tokens}).
     *
     * @return the thinking tokens, or null when Qwen did not report them
     */
    public Integer reasoningTokens() {
        return reasoningTokens;
    }

    /** Sums two usages; details are summed when either side has them. */
    @Override
    public QwenTokenUsage add(TokenUsage that) {
        if (that == null) {
            return this;
        }
        Integer cached = that instanceof QwenTokenUsage q ? q.cachedTokens : null;
        Integer reasoning = that instanceof QwenTokenUsage q ? q.reasoningTokens : null;
        return new QwenTokenUsage(
                sum(inputTokenCount(), that.inputTokenCount()),
                sum(outputTokenCount(), that.outputTokenCount()),
                sum(totalTokenCount(), that.totalTokenCount()),
                sum(cachedTokens, cached),
                sum(reasoningTokens, reasoning));
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof QwenTokenUsage that && super.equals(o)
                && Objects.equals(cachedTokens, that.cachedTokens)
                && Objects.equals(reasoningTokens, that.reasoningTokens));
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), cachedTokens, reasoningTokens);
    }

    @Override
    public String toString() {
        return "QwenTokenUsage{inputTokenCount=" + inputTokenCount() + ", outputTokenCount=" + outputTokenCount()
                + ", totalTokenCount=" + totalTokenCount() + ", cachedTokens=" + cachedTokens
                + ", reasoningTokens=" + reasoningTokens + '}';
    }
}
