/**
 * Qwen's Batch API: half-price asynchronous bulk requests. Low level, {@link io.github.qwenlangchain4j.batch.QwenFiles}
 * and {@link io.github.qwenlangchain4j.batch.QwenBatches} cover the Files and Batch endpoints one to one; high level,
 * {@link io.github.qwenlangchain4j.batch.QwenBatchChat} runs a list of LangChain4j {@code ChatRequest}s as one
 * {@link io.github.qwenlangchain4j.batch.QwenBatchJob} (embeddings: {@code QwenBatchEmbeddings} in the embeddings
 * module).
 */
package io.github.qwenlangchain4j.batch;
