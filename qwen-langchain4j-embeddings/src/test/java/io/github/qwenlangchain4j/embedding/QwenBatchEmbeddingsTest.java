package io.github.qwenlangchain4j.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import io.github.qwenlangchain4j.batch.QwenBatchJob;
import io.github.qwenlangchain4j.batch.QwenBatchResults;
import io.github.qwenlangchain4j.batch.QwenBatchStatus;
import io.github.qwenlangchain4j.testkit.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** QwenBatchEmbeddings end to end against QwenMockServer. */
class QwenBatchEmbeddingsTest extends MockServerSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QwenBatchEmbeddings.Builder batch() {
        return QwenBatchEmbeddings.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .pollInterval(Duration.ZERO)
                .maxPollInterval(Duration.ZERO);
    }

    private static List<TextSegment> segments(int count) {
        List<TextSegment> segments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            segments.add(TextSegment.from("Document " + i + " about topic " + (i % 3)));
        }
        return segments;
    }

    private List<JsonNode> uploadedLines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (RecordedRequest request : server.requests()) {
            if (request.method().equals("POST") && request.path().endsWith("/files")) {
                for (String line : request.body().split("\r?\n")) {
                    if (line.startsWith("{\"custom_id\"")) {
                        lines.add(JSON.readTree(line));
                    }
                }
            }
        }
        return lines;
    }

    @Test
    void should_pack_ten_segments_per_request_for_v4_and_return_the_vectors_in_input_order() throws Exception {
        List<TextSegment> segments = segments(23);

        QwenBatchResults<Embedding> results =
                batch().dimensions(256).build().submit(segments).await();

        List<JsonNode> lines = uploadedLines();
        assertThat(lines).extracting(line -> line.path("custom_id").asText()).containsExactly("0-9", "10-19", "20-22");
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.path("url").asText()).isEqualTo("/v1/embeddings");
            assertThat(line.path("body").path("model").asText()).isEqualTo("text-embedding-v4");
            assertThat(line.path("body").path("dimensions").asInt()).isEqualTo(256);
        });
        assertThat(results.status()).isEqualTo(QwenBatchStatus.COMPLETED);
        assertThat(results.allSucceeded()).isTrue();
        // The mock's vectors are deterministic: the batch must give what a direct call gives, segment by segment.
        QwenEmbeddingModel direct = QwenEmbeddingModel.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .dimensions(256)
                .build();
        List<Embedding> expected = direct.embedAll(segments).content();
        assertThat(results.values()).hasSize(23);
        for (int i = 0; i < 23; i++) {
            assertThat(results.values().get(i).vector())
                    .containsExactly(expected.get(i).vector());
        }
    }

    @Test
    void should_pack_twenty_five_segments_per_request_for_v2() throws Exception {
        QwenBatchResults<Embedding> results = batch().modelName("text-embedding-v2")
                .build()
                .submit(segments(30))
                .await();

        assertThat(uploadedLines())
                .extracting(line -> line.path("custom_id").asText())
                .containsExactly("0-24", "25-29");
        assertThat(results.values()).hasSize(30).doesNotContainNull();
        assertThat(results.values().get(0).dimension()).isEqualTo(1536);
    }

    @Test
    void should_report_a_failed_request_for_each_of_its_segments() {
        server.failBatchLine("10-19", 500, "internal_error", "An internal error has occurred.");

        QwenBatchResults<Embedding> results =
                batch().build().submit(segments(25)).await();

        assertThat(results.failures())
                .extracting(item -> item.index())
                .containsExactly(10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
        assertThat(results.items().get(15).error().code()).isEqualTo("internal_error");
        assertThat(results.items().get(9).isSuccess()).isTrue();
        assertThat(results.items().get(20).isSuccess()).isTrue();
    }

    @Test
    void should_split_lines_over_files_and_resume_by_id() {
        QwenBatchJob<Embedding> job = batch().maxRequestsPerFile(1).build().submit(segments(12));
        assertThat(job.batchIds()).hasSize(2);

        QwenBatchResults<Embedding> results = batch().build().resume(job.id()).await();

        assertThat(results.values()).hasSize(12).doesNotContainNull();
    }

    @Test
    void should_refuse_blank_segments_and_unsupported_dimensions_before_uploading() {
        QwenBatchEmbeddings batch = batch().build();
        List<TextSegment> segments = new ArrayList<>(segments(2));
        segments.add(null);

        assertThatThrownBy(() -> batch.submit(segments)).hasMessageContaining("segments[2]");
        assertThatThrownBy(() ->
                        batch().modelName("text-embedding-v3").dimensions(2048).build())
                .hasMessageContaining("2048");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void should_take_each_segment_once_from_a_list_that_makes_them_on_demand() {
        int[] reads = new int[23];
        List<TextSegment> onDemand = new java.util.AbstractList<>() {
            @Override
            public TextSegment get(int index) {
                reads[index]++;
                return TextSegment.from("Document " + index + " made when asked");
            }

            @Override
            public int size() {
                return reads.length;
            }
        };

        QwenBatchResults<Embedding> results = batch().build().submit(onDemand).await();

        assertThat(results.values()).hasSize(23).doesNotContainNull();
        assertThat(reads).as("no copy of the list is made first").containsOnly(1);
    }

    @Test
    void should_name_a_null_segment_of_a_later_request_and_upload_nothing() {
        List<TextSegment> segments = new ArrayList<>(segments(30));
        segments.set(24, null); // TextSegment itself refuses blank text: null is what gets through

        assertThatThrownBy(() -> batch().build().submit(segments))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segments[24]");
        assertThat(server.requests()).isEmpty();
    }
}
