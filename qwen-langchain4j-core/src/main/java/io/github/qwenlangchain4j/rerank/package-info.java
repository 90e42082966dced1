/**
 * Re-ranking with Qwen's rerank models (qwen3-rerank, gte-rerank-v2, qwen3-vl-rerank) through Qwen's
 * OpenAI-compatible rerank API or Model Studio's native text rerank API:
 * {@link io.github.qwenlangchain4j.rerank.QwenScoringModel}, a LangChain4j {@code ScoringModel} for
 * {@code ReRankingContentAggregator}, and {@link io.github.qwenlangchain4j.rerank.QwenRerankEndpoint}, the choice
 * between the two APIs.
 */
package io.github.qwenlangchain4j.rerank;
