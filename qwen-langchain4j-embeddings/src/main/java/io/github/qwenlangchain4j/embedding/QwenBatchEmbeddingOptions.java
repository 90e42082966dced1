package io.github.qwenlangchain4j.embedding;

import io.github.qwenlangchain4j.batch.QwenBatchEndpoint;
import io.github.qwenlangchain4j.batch.QwenBatchOptions;
import io.github.qwenlangchain4j.internal.batch.BatchEngine;

/**
 * The model options shared by the builders of {@link QwenBatchEmbeddings} and {@link QwenBatchEmbeddingModel}, on top
 * of the connection settings and batch options.
 *
 * @param <T> what the builder builds
 * @param <B> the concrete builder
 */
public abstract class QwenBatchEmbeddingOptions<T, B extends QwenBatchEmbeddingOptions<T, B>>
        extends QwenBatchOptions<T, B> {

    private String modelName;
    private Integer dimensions;

    /** For the batch builders of this library; not meant to be extended elsewhere. */
    protected QwenBatchEmbeddingOptions() {}

    /**
     * The embedding model ({@code model}): {@code text-embedding-v4} (default), {@code -v3}, {@code -v2},
     * {@code -v1}, or any newer name.
     *
     * @param modelName the model name, or null for {@value QwenEmbeddingModel#DEFAULT_MODEL_NAME}
     * @return this builder
     */
    public B modelName(String modelName) {
        this.modelName = modelName;
        return self();
    }

    /**
     * Vector size ({@code dimensions}), as for {@link QwenEmbeddingModel.Builder#dimensions}.
     *
     * @param dimensions one of the sizes the model offers, or null for the model's default
     * @return this builder
     */
    public B dimensions(Integer dimensions) {
        this.dimensions = dimensions;
        return self();
    }

    /** The batch embeddings of these options; the batch options are checked first, then the model's. */
    QwenBatchEmbeddings newBatchEmbeddings() {
        BatchEngine.Settings settings = settings(QwenBatchEndpoint.EMBEDDINGS);
        return new QwenBatchEmbeddings(modelName, dimensions, newBatches(), settings);
    }
}
