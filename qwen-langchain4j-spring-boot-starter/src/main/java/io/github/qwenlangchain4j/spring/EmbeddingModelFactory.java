package io.github.qwenlangchain4j.spring;

import static io.github.qwenlangchain4j.spring.PropertyChecks.acceptedIfSet;
import static io.github.qwenlangchain4j.spring.QwenConnections.emptyToNull;

import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import java.util.function.BiFunction;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Builds an embedding model from an {@code embedding-model.*} section: the default one
 * ({@link QwenEmbeddingAutoConfiguration}) or a named one ({@link NamedQwenModels}), each option checked under its
 * own property first. Only loaded when qwen-langchain4j-embeddings is on the classpath.
 *
 * <p>What a model accepts depends on the model (text-embedding-v3 offers fewer dimensions than v4), and the library
 * keeps that table to itself; so each option is checked by a probe: a model built with a placeholder key and only
 * the model name and that option. Nothing is sent, and a failure can only be that option's.
 */
final class EmbeddingModelFactory {

    private EmbeddingModelFactory() {}

    /** A model from {@code embedding} under {@code section}, the default or a named one. */
    static QwenEmbeddingModel build(
            QwenProperties properties,
            String section,
            QwenProperties.EmbeddingModel embedding,
            ConnectionOverrides overrides,
            QwenHttpClient http,
            ObjectProvider<EmbeddingModelListener> listeners) {
        String at = section + ".";
        String modelName = modelName(at, embedding);
        QwenEmbeddingModel.Builder builder = QwenConnections.apply(
                        QwenEmbeddingModel.builder(), properties, overrides, http)
                .modelName(modelName)
                .dimensions(dimensions(at, modelName, embedding))
                .maxSegmentsPerBatch(probed(
                        at + "max-segments-per-batch",
                        modelName,
                        embedding.maxSegmentsPerBatch(),
                        QwenEmbeddingModel.Builder::maxSegmentsPerBatch))
                .maxConcurrentRequests(probed(
                        at + "max-concurrent-requests",
                        modelName,
                        embedding.maxConcurrentRequests(),
                        QwenEmbeddingModel.Builder::maxConcurrentRequests))
                .rateLimitPatience(probed(
                        at + "rate-limit-patience",
                        modelName,
                        embedding.rateLimitPatience(),
                        QwenEmbeddingModel.Builder::rateLimitPatience))
                .customHeaders(emptyToNull(embedding.customHeaders()))
                .listeners(ServerAwareListener.forModel(
                        listeners, QwenConnections.baseUrl(properties, overrides, http.offline())));
        return PropertyChecks.build(section, builder::build);
    }

    /** The model name under {@code at}, checked (not blank); null for the library's default. */
    static String modelName(String at, QwenProperties.EmbeddingModel embedding) {
        return acceptedIfSet(
                at + "model-name", embedding.modelName(), name -> probe(name).build());
    }

    /** The dimensions under {@code at}, checked against {@code modelName} (already checked). */
    static Integer dimensions(String at, String modelName, QwenProperties.EmbeddingModel embedding) {
        return probed(at + "dimensions", modelName, embedding.dimensions(), QwenEmbeddingModel.Builder::dimensions);
    }

    /** {@code value}, once a probe of {@code modelName} with {@code option} set to it has been built. */
    private static <V> V probed(
            String property,
            String modelName,
            V value,
            BiFunction<QwenEmbeddingModel.Builder, V, QwenEmbeddingModel.Builder> option) {
        return PropertyChecks.probed(property, value, () -> probe(modelName), option);
    }

    private static QwenEmbeddingModel.Builder probe(String modelName) {
        return QwenEmbeddingModel.builder().apiKey(PropertyChecks.PROBE_KEY).modelName(modelName);
    }
}
