/** {@link io.github.qwenlangchain4j.embedding.QwenEmbeddingModel}: Qwen text embeddings for LangChain4j. */
package io.github.qwenlangchain4j.embedding;
