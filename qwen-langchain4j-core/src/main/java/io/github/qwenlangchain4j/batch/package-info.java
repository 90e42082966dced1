/**
 * Qwen's Batch API: half-price asynchronous bulk requests. Low level, {@link io.github.qwenlangchain4j.batch.QwenBatches}
 * covers the Batch endpoints one to one (and gives the {@link io.github.qwenlangchain4j.files.QwenFiles} of the
 * same connection for input and output files); high level,
 * {@link io.github.qwenlangchain4j.batch.QwenBatchChat} runs a list of LangChain4j {@code ChatRequest}s as one
 * {@link io.github.qwenlangchain4j.batch.QwenBatchJob} (embeddings: {@code QwenBatchEmbeddings} in the embeddings
 * module).
 */
package io.github.qwenlangchain4j.batch;
