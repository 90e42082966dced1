/**
 * Text rerank over Qwen's two rerank APIs, the OpenAI-compatible {@code POST /compatible-api/v1/reranks} and
 * DashScope's native {@code POST /api/v1/services/rerank/text-rerank/text-rerank}: the wire records, what Qwen
 * documents about each rerank model and region, the local token count, and the split of a long document list into
 * requests that stay within those limits. Internal: not part of the public API and may change in any release.
 */
package io.github.qwenlangchain4j.internal.rerank;
