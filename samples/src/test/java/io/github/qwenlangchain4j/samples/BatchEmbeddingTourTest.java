package io.github.qwenlangchain4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The batch embedding sample, end to end, offline against QwenMockServer. */
class BatchEmbeddingTourTest {

    @Test
    void should_embed_the_documents_as_a_batch_job_offline_and_search_them() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        new BatchEmbeddingTour(new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of()).run(null);

        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("OFFLINE: no DASHSCOPE_API_KEY is set");
        assertThat(output).containsPattern("Submitting \\d+ segments of 4 documents");
        assertThat(output).containsPattern("\\[job\\] \\d+:batch_\\w+ \\(1 batch, validating\\)");
        assertThat(output).contains("[poll 1] in_progress").contains("completed");
        assertThat(output).containsPattern("\\[done\\] completed: (\\d+) of \\1 segments embedded at batch price");
        assertThat(output).contains("[retrieved] pricing.txt");
    }
}
