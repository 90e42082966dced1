/**
 * Re-ranking with Qwen's rerank models (qwen3-rerank, gte-rerank-v2, qwen3-vl-rerank) through Model Studio's text
 * rerank API: {@link io.github.qwenlangchain4j.rerank.QwenScoringModel}, a LangChain4j {@code ScoringModel} for
 * {@code ReRankingContentAggregator}.
 */
package io.github.qwenlangchain4j.rerank;
