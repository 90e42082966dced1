/**
 * {@link io.github.qwenlangchain4j.tokenizer.QwenTokenCountEstimator}: Qwen's own tokenizer, local, for LangChain4j's
 * token windows, document splitters and cost estimates.
 */
package io.github.qwenlangchain4j.tokenizer;
