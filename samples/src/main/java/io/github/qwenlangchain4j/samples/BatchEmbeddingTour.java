package io.github.qwenlangchain4j.samples;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.github.qwenlangchain4j.batch.QwenBatchItemResult;
import io.github.qwenlangchain4j.batch.QwenBatchJob;
import io.github.qwenlangchain4j.batch.QwenBatchResults;
import io.github.qwenlangchain4j.embedding.QwenBatchEmbeddings;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bulk indexing with Qwen's Batch API: the sample documents are split into segments, embedded by one batch job at
 * half the price of direct calls, stored, and searched with a query embedded directly. Without
 * {@code DASHSCOPE_API_KEY} it runs offline on {@code QwenMockServer}, where a job completes in a few polls. Live, a
 * job takes minutes to hours (up to its 24-hour window): the tour waits a few minutes, then prints the job id; run
 * it again with that id as argument to pick the job up. Batch embeddings are served in the Beijing region
 * ({@code QWEN_REGION=BEIJING}).
 *
 * <p>Run it with {@code mvn -B -q -pl samples -am -DskipTests package exec:java
 * -Dexec.mainClass=io.github.qwenlangchain4j.samples.BatchEmbeddingTour}.
 */
public final class BatchEmbeddingTour {

    private static final List<String> DOCUMENTS =
            List.of("regions.txt", "thinking.txt", "embeddings.txt", "pricing.txt");

    private final PrintStream out;
    private final Map<String, String> env;

    public BatchEmbeddingTour(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    public static void main(String[] args) {
        new BatchEmbeddingTour(System.out, System.getenv()).run(args.length > 0 ? args[0] : null);
    }

    /** Runs the tour; {@code jobId} resumes a job submitted by an earlier run, or is null to submit a new one. */
    public void run(String jobId) {
        try (QuickTour.Connection connection = QuickTour.Connection.from(env)) {
            boolean offline = connection.mock() != null;
            out.println("qwen-langchain4j batch embedding tour -- " + connection.description());
            List<TextSegment> segments = segments();
            QwenBatchEmbeddings batch = QwenBatchEmbeddings.builder()
                    .apiKey(connection.apiKey())
                    .baseUrl(connection.baseUrl())
                    .modelName("text-embedding-v4")
                    .dimensions(512)
                    .name("qwen-langchain4j batch tour")
                    .pollInterval(offline ? Duration.ZERO : Duration.ofSeconds(10))
                    .build();

            QwenBatchJob<Embedding> job;
            if (jobId == null) {
                out.println("Submitting " + segments.size() + " segments of " + DOCUMENTS.size() + " documents...");
                job = batch.submit(segments);
            } else {
                job = batch.resume(jobId);
            }
            out.println("[job] " + job.id() + " (" + job.batchIds().size() + " batch, "
                    + job.status().value() + ")");

            QwenBatchResults<Embedding> results;
            try {
                results = job.await(
                        offline ? Duration.ofMinutes(1) : Duration.ofMinutes(5),
                        progress -> out.println("[poll " + progress.poll() + "] "
                                + progress.status().value() + ": "
                                + progress.requestCounts().completed() + "/"
                                + progress.requestCounts().total()
                                + " requests done"));
            } catch (TimeoutException e) {
                out.println("The job is still running at Qwen. Run this tour again with the argument " + job.id()
                        + " to pick it up.");
                return;
            }
            out.println("[done] " + results.status().value() + ": "
                    + (results.items().size() - results.failures().size())
                    + " of " + results.items().size() + " segments embedded at batch price"
                    + (results.failureReason() == null ? "" : "; " + results.failureReason()));

            InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
            for (QwenBatchItemResult<Embedding> item : results.items()) {
                if (item.isSuccess() && item.index() < segments.size()) {
                    store.add(item.value(), segments.get(item.index()));
                }
            }
            QwenEmbeddingModel direct = QwenEmbeddingModel.builder()
                    .apiKey(connection.apiKey())
                    .baseUrl(connection.baseUrl())
                    .modelName("text-embedding-v4")
                    .dimensions(512)
                    .build();
            String question = "How much cheaper is the Batch API?";
            out.println("> " + question);
            EmbeddingSearchResult<TextSegment> found = store.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(direct.embed(question).content())
                    .maxResults(1)
                    .build());
            if (!found.matches().isEmpty()) {
                out.printf(
                        "[retrieved] %s (score %.2f)%n",
                        found.matches().get(0).embedded().metadata().getString("file_name"),
                        found.matches().get(0).score());
            }
        }
    }

    private static List<TextSegment> segments() {
        List<TextSegment> segments = new ArrayList<>();
        for (String name : DOCUMENTS) {
            segments.addAll(DocumentSplitters.recursive(300, 30).split(load(name)));
        }
        return segments;
    }

    private static Document load(String name) {
        try (InputStream in = BatchEmbeddingTour.class.getResourceAsStream("/docs/" + name)) {
            if (in == null) {
                throw new IllegalStateException("sample document missing from the classpath: docs/" + name);
            }
            return Document.from(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), Metadata.from("file_name", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
