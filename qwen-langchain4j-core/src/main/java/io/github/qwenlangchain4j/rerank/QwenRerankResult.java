package io.github.qwenlangchain4j.rerank;

import dev.langchain4j.data.segment.TextSegment;

/**
 * One document of a {@link QwenScoringModel#rerank(String, java.util.List) rerank}: its position in the list
 * passed in, the segment itself and its relevance score (from 0 to 1, higher is more relevant).
 *
 * @param index   the segment's position in the list passed to {@code rerank}
 * @param segment the segment
 * @param score   its relevance to the query
 */
public record QwenRerankResult(int index, TextSegment segment, double score) {}
