package io.github.qwenlangchain4j.embedding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import io.github.qwenlangchain4j.batch.QwenBatchChat;
import io.github.qwenlangchain4j.batch.QwenBatchJob;
import io.github.qwenlangchain4j.batch.QwenBatches;
import io.github.qwenlangchain4j.embedding.internal.EmbeddingModelSpec;
import io.github.qwenlangchain4j.embedding.internal.EmbeddingRequestBody;
import io.github.qwenlangchain4j.embedding.internal.EmbeddingResponseBody;
import io.github.qwenlangchain4j.internal.batch.BatchEngine;
import io.github.qwenlangchain4j.internal.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Embeds many {@link TextSegment}s through Qwen's Batch API: half the price of {@link QwenEmbeddingModel}, results
 * within the completion window (24 hours by default, up to 14 days), no pressure on your rate limits. Made for bulk
 * (re)indexing where nobody waits for the answer.
 *
 * <pre>{@code
 * QwenBatchEmbeddings batch = QwenBatchEmbeddings.builder()
 *         .apiKey(System.getenv("DASHSCOPE_API_KEY"))
 *         .modelName("text-embedding-v4")
 *         .dimensions(512)
 *         .build();
 * QwenBatchJob<Embedding> job = batch.submit(segments);
 * List<Embedding> vectors = job.await().values();   // in input order; null where an item failed
 * }</pre>
 *
 * <p>Segments are packed into requests of as many inputs as the model accepts (10 for text-embedding-v3/v4, 25 for
 * v1/v2), and the requests into as few files as Qwen's limits allow; an error of one request is reported for each of
 * its segments. Requests are built and written one at a time, so a million segments need no more heap than a
 * thousand: input beyond a megabyte is written to temporary files ({@code java.io.tmpdir}, readable by the owner
 * only), streamed from there and deleted once uploaded. Which models the Batch API serves depends on the region (text-embedding-v4 in Beijing, for
 * example); check Model Studio's list. Thread-safe.
 */
public final class QwenBatchEmbeddings {

    private final String modelName;
    private final Integer dimensions;
    private final int inputsPerRequest;
    private final QwenBatches batches;
    private final BatchEngine<Embedding> engine;

    QwenBatchEmbeddings(String modelName, Integer dimensions, QwenBatches batches, BatchEngine.Settings settings) {
        this.modelName = modelName == null ? QwenEmbeddingModel.DEFAULT_MODEL_NAME : modelName;
        if (this.modelName.isBlank()) {
            throw new IllegalArgumentException("modelName must be set, e.g. \"text-embedding-v4\"");
        }
        EmbeddingModelSpec spec = EmbeddingModelSpec.of(this.modelName);
        spec.checkDimension(this.modelName, dimensions);
        this.dimensions = dimensions;
        this.inputsPerRequest = spec.maxInputsPerRequest();
        this.batches = batches;
        this.engine = new BatchEngine<>(batches, settings, QwenBatchEmbeddings::decode);
    }

    /**
     * A builder; only {@link io.github.qwenlangchain4j.QwenConnectionBuilder#apiKey(String) apiKey} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Uploads the segments and creates the batches; returns at once with the job. Item {@code i} of the results is
     * the embedding of {@code segments.get(i)}.
     *
     * @param segments the segments to embed, at least one; only their text is sent
     * @return the job, to await or to store by its {@link QwenBatchJob#id()}
     * @throws IllegalArgumentException when the list is empty or null, or a segment is null, empty or blank; nothing
     *                                  is uploaded then
     */
    public QwenBatchJob<Embedding> submit(List<TextSegment> segments) {
        if (segments == null) {
            throw new IllegalArgumentException("segments must not be null");
        }
        int size = segments.size();
        // one request line per inputsPerRequest segments, made when the engine takes it: memory stays flat
        Iterator<BatchEngine.Line> lines = new Iterator<>() {
            private int first;

            @Override
            public boolean hasNext() {
                return first < size;
            }

            @Override
            public BatchEngine.Line next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int count = Math.min(inputsPerRequest, size - first);
                List<String> input = new ArrayList<>(count);
                for (int i = first; i < first + count; i++) {
                    TextSegment segment = segments.get(i);
                    if (segment == null
                            || segment.text() == null
                            || segment.text().isBlank()) {
                        throw new IllegalArgumentException(
                                "segments[" + i + "] is null, empty or blank; Qwen cannot" + " embed it");
                    }
                    input.add(segment.text());
                }
                BatchEngine.Line line = new BatchEngine.Line(
                        first, count, modelName, EmbeddingRequestBody.of(modelName, input, dimensions));
                first += count;
                return line;
            }
        };
        return engine.submit(lines, size);
    }

    /**
     * Picks up a job submitted earlier, possibly by another process, from its {@link QwenBatchJob#id()}.
     *
     * @param jobId the id of the job, as {@link QwenBatchJob#id()} returned it
     * @return the job, in the state Qwen reports now
     */
    public QwenBatchJob<Embedding> resume(String jobId) {
        return engine.resume(jobId);
    }

    /**
     * The model the segments are embedded with.
     *
     * @return the model name, e.g. {@code text-embedding-v4}
     */
    public String modelName() {
        return modelName;
    }

    /** The Batch API client of this batch, for listing its batches. */
    QwenBatches batches() {
        return batches;
    }

    private static List<Embedding> decode(JsonNode body, int itemCount, String requestId) {
        EmbeddingResponseBody response;
        try {
            response = Json.MAPPER.treeToValue(body, EmbeddingResponseBody.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e.getOriginalMessage(), e);
        }
        return response.embeddingsInInputOrder(itemCount);
    }

    @Override
    public String toString() {
        return "QwenBatchEmbeddings{modelName=" + modelName + ", dimensions=" + dimensions + "}";
    }

    /**
     * Builder of {@link QwenBatchEmbeddings}: the connection settings and batch options shared with
     * {@link QwenBatchChat}, plus the model and its dimensions ({@link QwenBatchEmbeddingOptions}).
     */
    public static final class Builder extends QwenBatchEmbeddingOptions<QwenBatchEmbeddings, Builder> {

        private Builder() {}

        @Override
        public QwenBatchEmbeddings build() {
            return newBatchEmbeddings();
        }
    }
}
