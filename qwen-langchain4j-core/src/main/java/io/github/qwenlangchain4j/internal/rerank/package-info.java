/**
 * Text rerank over DashScope's native API ({@code POST /api/v1/services/rerank/text-rerank/text-rerank}): the wire
 * records, what Qwen documents about each rerank model, and the split of a long document list into requests that
 * stay within those limits. Internal: not part of the public API and may change in any release.
 */
package io.github.qwenlangchain4j.internal.rerank;
