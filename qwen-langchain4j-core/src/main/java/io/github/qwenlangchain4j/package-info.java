/**
 * Qwen chat models for LangChain4j, through Qwen's OpenAI-compatible API:
 * {@link io.github.qwenlangchain4j.QwenChatModel} and {@link io.github.qwenlangchain4j.QwenStreamingChatModel},
 * their Qwen-only request parameters ({@link io.github.qwenlangchain4j.QwenChatRequestParameters},
 * {@link io.github.qwenlangchain4j.QwenSearchOptions}), what Qwen adds to responses
 * ({@link io.github.qwenlangchain4j.QwenTokenUsage}, {@link io.github.qwenlangchain4j.QwenChatResponseMetadata}),
 * the connection settings every Qwen client shares ({@link io.github.qwenlangchain4j.QwenConnectionBuilder},
 * {@link io.github.qwenlangchain4j.QwenRegion}) and the details of a failed call
 * ({@link io.github.qwenlangchain4j.QwenApiError}). Batch processing is in {@code io.github.qwenlangchain4j.batch}.
 */
package io.github.qwenlangchain4j;
