package io.github.qwenlangchain4j;

import dev.langchain4j.model.output.TokenUsage;
import java.util.Objects;

/**
 * Token usage with Qwen's details: prompt tokens served from the context cache, prompt tokens that created a cache
 * entry, and tokens spent on thinking. Each is null when Qwen did not report it.
 */
public class QwenTokenUsage extends TokenUsage {

    private final Integer cachedTokens;
    private final Integer reasoningTokens;
    private final Integer cacheCreationTokens;

    /**
     * Creates a token usage.
     *
     * @param inputTokenCount  prompt tokens ({@code prompt_tokens}), or null
     * @param outputTokenCount output tokens, thinking included ({@code completion_tokens}), or null
     * @param totalTokenCount  all tokens of the call ({@code total_tokens}), or null
     * @param cachedTokens     prompt tokens served from the context cache, or null when not reported
     * @param reasoningTokens  output tokens spent on thinking, or null when not reported
     */
    public QwenTokenUsage(
            Integer inputTokenCount,
            Integer outputTokenCount,
            Integer totalTokenCount,
            Integer cachedTokens,
            Integer reasoningTokens) {
        this(inputTokenCount, outputTokenCount, totalTokenCount, cachedTokens, reasoningTokens, null);
    }

    /**
     * Creates a token usage with the tokens that created a context-cache entry.
     *
     * @param inputTokenCount     prompt tokens ({@code prompt_tokens}), or null
     * @param outputTokenCount    output tokens, thinking included ({@code completion_tokens}), or null
     * @param totalTokenCount     all tokens of the call ({@code total_tokens}), or null
     * @param cachedTokens        prompt tokens served from the context cache, or null when not reported
     * @param reasoningTokens     output tokens spent on thinking, or null when not reported
     * @param cacheCreationTokens prompt tokens written to a new cache entry, or null when not reported
     */
    public QwenTokenUsage(
            Integer inputTokenCount,
            Integer outputTokenCount,
            Integer totalTokenCount,
            Integer cachedTokens,
            Integer reasoningTokens,
            Integer cacheCreationTokens) {
        super(inputTokenCount, outputTokenCount, totalTokenCount);
        this.cachedTokens = cachedTokens;
        this.reasoningTokens = reasoningTokens;
        this.cacheCreationTokens = cacheCreationTokens;
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
     * Prompt tokens that created a context-cache entry ({@code prompt_tokens_details.cache_creation_input_tokens}),
     * billed above the input price; later calls that hit the entry report them as {@link #cachedTokens()}. Qwen
     * reports them for its explicit cache and the Responses API's session cache.
     *
     * @return the tokens written to the cache, or null when Qwen did not report them
     */
    public Integer cacheCreationTokens() {
        return cacheCreationTokens;
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
        Integer creation = that instanceof QwenTokenUsage q ? q.cacheCreationTokens : null;
        return new QwenTokenUsage(
                sum(inputTokenCount(), that.inputTokenCount()),
                sum(outputTokenCount(), that.outputTokenCount()),
                sum(totalTokenCount(), that.totalTokenCount()),
                sum(cachedTokens, cached),
                sum(reasoningTokens, reasoning),
                sum(cacheCreationTokens, creation));
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof QwenTokenUsage that
                        && super.equals(o)
                        && Objects.equals(cachedTokens, that.cachedTokens)
                        && Objects.equals(reasoningTokens, that.reasoningTokens)
                        && Objects.equals(cacheCreationTokens, that.cacheCreationTokens));
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), cachedTokens, reasoningTokens, cacheCreationTokens);
    }

    @Override
    public String toString() {
        return "QwenTokenUsage{inputTokenCount=" + inputTokenCount() + ", outputTokenCount=" + outputTokenCount()
                + ", totalTokenCount=" + totalTokenCount() + ", cachedTokens=" + cachedTokens
                + ", reasoningTokens=" + reasoningTokens + ", cacheCreationTokens=" + cacheCreationTokens + '}';
    }
}
