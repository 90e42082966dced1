package io.github.qwenlangchain4j.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockClock clock = new MockClock();
    private final MockFiles files = new MockFiles(clock);
    private final List<String> ran = new ArrayList<>();
    private final BatchLifecycle lifecycle = new BatchLifecycle(files, clock, (endpoint, body, requestId) -> {
        ran.add(body.path("messages").get(0).path("content").asText());
        return new BatchLifecycle.Outcome(
                200, "{\"answer\":\"" + body.path("model").asText() + "\"}");
    });

    private static String line(String customId, String model) {
        return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                + "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + customId + "\"}]}}";
    }

    private Batch batch(String... lines) throws Exception {
        HttpReply uploaded = files.upload(Requests.upload("batch", "in.jsonl", String.join("\n", lines)));
        String fileId = JSON.readTree(uploaded.parts().get(0)).path("id").asText();
        return new Batch("batch_1", "/v1/chat/completions", fileId, "24h", null, clock.now(), clock.now() + 86_400);
    }

    private List<String> statusesOver(Batch batch, int polls) {
        List<String> statuses = new ArrayList<>();
        for (int i = 0; i < polls; i++) {
            lifecycle.advance(batch);
            statuses.add(batch.status);
        }
        return statuses;
    }

    @Test
    void should_take_one_step_per_poll_and_run_half_the_lines_each_time_in_progress() throws Exception {
        Batch batch = batch(line("a", "qwen-plus"), line("b", "qwen-plus"), line("c", "qwen-plus"));

        lifecycle.advance(batch);
        assertThat(batch.status).isEqualTo("in_progress");
        assertThat(ran).isEmpty();
        lifecycle.advance(batch);
        assertThat(ran).containsExactly("a", "b");
        assertThat(batch.status).isEqualTo("in_progress");
        assertThat(statusesOver(batch, 3)).containsExactly("finalizing", "completed", "completed");

        assertThat(ran).containsExactly("a", "b", "c");
        assertThat(batch.times).containsKeys("in_progress_at", "finalizing_at", "completed_at");
        String output = files.content(batch.outputFileId);
        assertThat(output.lines()).hasSize(3);
        JsonNode first = JSON.readTree(output.lines().findFirst().orElseThrow());
        assertThat(first.path("custom_id").asText()).isEqualTo("a");
        assertThat(first.at("/response/body/answer").asText()).isEqualTo("qwen-plus");
        assertThat(batch.errorFileId).isNull();
    }

    @Test
    void should_fail_validation_at_the_first_bad_line_with_its_number() throws Exception {
        Batch batch = batch(line("a", "qwen-plus"), line("a", "qwen-plus"), "not json");

        lifecycle.advance(batch);

        assertThat(batch.status).isEqualTo("failed");
        assertThat(batch.errors.get(0).path("code").asText()).isEqualTo("duplicate_custom_id");
        assertThat(batch.errors.get(0).path("line").asInt()).isEqualTo(2);
        assertThat(ran).isEmpty();
    }

    @Test
    void should_refuse_lines_for_more_than_one_model() throws Exception {
        Batch batch = batch(line("a", "qwen-plus"), line("b", "qwen-max"));

        lifecycle.advance(batch);

        assertThat(batch.errors.get(0).path("code").asText()).isEqualTo("mismatched_model");
    }

    @Test
    void should_expire_at_the_next_poll_keeping_the_results_of_lines_run_so_far() throws Exception {
        Batch batch = batch(line("a", "qwen-plus"), line("b", "qwen-plus"));
        statusesOver(batch, 2);

        BatchLifecycle.expireAtNextPoll(batch);
        lifecycle.advance(batch);

        assertThat(batch.status).isEqualTo("expired");
        assertThat(ran).containsExactly("a");
        assertThat(files.content(batch.outputFileId).lines()).hasSize(1);
    }

    @Test
    void should_fail_at_the_next_poll_with_the_scripted_error() throws Exception {
        Batch batch = batch(line("a", "qwen-plus"));

        BatchLifecycle.failAtNextPoll(batch, "quota_exceeded", "No quota left.");
        lifecycle.advance(batch);

        assertThat(batch.status).isEqualTo("failed");
        assertThat(batch.errors.get(0).path("message").asText()).isEqualTo("No quota left.");
        assertThat(batch.errors.get(0).path("line").isNull()).isTrue();
    }

    @Test
    void should_cancel_only_a_validating_or_running_batch_and_end_it_at_the_next_poll() throws Exception {
        Batch running = batch(line("a", "qwen-plus"), line("b", "qwen-plus"));
        Batch done = batch(line("a", "qwen-plus"));
        statusesOver(running, 2);
        statusesOver(done, 4);

        assertThat(lifecycle.cancel(running)).isTrue();
        assertThat(lifecycle.cancel(done)).isFalse();
        lifecycle.advance(running);

        assertThat(running.status).isEqualTo("cancelled");
        assertThat(done.status).isEqualTo("completed");
    }

    @Test
    void should_fail_lines_scripted_to_fail_without_running_them() throws Exception {
        lifecycle.failLine("b", 429, "limit_requests", "Too many requests.");
        Batch batch = batch(line("a", "qwen-plus"), line("b", "qwen-plus"));

        statusesOver(batch, 4);

        assertThat(ran).containsExactly("a");
        JsonNode failed = JSON.readTree(files.content(batch.errorFileId).strip());
        assertThat(failed.at("/response/status_code").asInt()).isEqualTo(429);
        assertThat(failed.at("/response/body/error/code").asText()).isEqualTo("limit_requests");
    }
}
