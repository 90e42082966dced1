package io.github.qwenlangchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mock's Files and Batch APIs, spoken to with the JDK's HTTP client. */
class QwenMockServerBatchTest extends MockServerHttpSupport {

    private static final String BOUNDARY = "test-boundary-42";

    private JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private String upload(String jsonl) throws Exception {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n" + jsonl + "\r\n--" + BOUNDARY + "--\r\n";
        HttpResponse<String> response = send("POST", "/files", "multipart/form-data; boundary=" + BOUNDARY, body);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("purpose").asText()).isEqualTo("batch");
        assertThat(json(response).path("filename").asText()).isEqualTo("in.jsonl");
        return json(response).path("id").asText();
    }

    private static String chatLine(String id, String model, String question) {
        return "{\"custom_id\":\"" + id
                + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}}";
    }

    private String createBatch(String fileId, String name) throws Exception {
        HttpResponse<String> response = send(
                "POST",
                "/batches",
                "application/json",
                "{\"input_file_id\":\"" + fileId
                        + "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\",\"metadata\":{\"ds_name\":\""
                        + name + "\"}}");
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response).path("id").asText();
    }

    @Test
    void should_move_a_batch_through_its_statuses_one_poll_at_a_time_and_serve_its_output() throws Exception {
        String fileId =
                upload(chatLine("a", "qwen-plus", "first") + "\n" + chatLine("b", "qwen-plus", "second") + "\n");
        String batchId = createBatch(fileId, "lifecycle");

        List<String> statuses = new ArrayList<>();
        JsonNode batch = null;
        for (int i = 0; i < 5; i++) {
            batch = json(send("GET", "/batches/" + batchId, null, null));
            statuses.add(batch.path("status").asText());
        }

        assertThat(statuses).containsExactly("in_progress", "in_progress", "finalizing", "completed", "completed");
        assertThat(batch.path("request_counts").path("completed").asInt()).isEqualTo(2);
        assertThat(batch.path("error_file_id").isNull()).isTrue();
        String output = send("GET", "/files/" + batch.path("output_file_id").asText() + "/content", null, null)
                .body();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).extracting(line -> line.path("custom_id").asText()).containsExactly("a", "b");
        assertThat(lines.get(1).path("response").path("status_code").asInt()).isEqualTo(200);
        assertThat(lines.get(1)
                        .path("response")
                        .path("body")
                        .path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asText())
                .contains("second");
    }

    @Test
    void should_fail_a_batch_whose_lines_use_different_models() throws Exception {
        String fileId = upload(chatLine("a", "qwen-plus", "x") + "\n" + chatLine("b", "qwen-max", "y"));
        String batchId = createBatch(fileId, "mixed");

        JsonNode batch = json(send("GET", "/batches/" + batchId, null, null));

        assertThat(batch.path("status").asText()).isEqualTo("failed");
        JsonNode error = batch.path("errors").path("data").get(0);
        assertThat(error.path("code").asText()).isEqualTo("mismatched_model");
        assertThat(error.path("line").asInt()).isEqualTo(2);
    }

    @Test
    void should_filter_the_batch_list_and_page_through_it() throws Exception {
        String fileId = upload(chatLine("a", "qwen-plus", "x"));
        String first = createBatch(fileId, "Nightly eval");
        String second = createBatch(fileId, "weekly report");
        send("GET", "/batches/" + second, null, null); // in_progress

        JsonNode byName = json(send("GET", "/batches?ds_name=NIGHTLY", null, null));
        JsonNode byStatus = json(send("GET", "/batches?status=in_progress,completed", null, null));
        JsonNode firstPage = json(send("GET", "/batches?limit=1", null, null));
        JsonNode secondPage = json(send("GET", "/batches?limit=1&after=" + second, null, null));
        JsonNode none = json(send("GET", "/batches?create_before=20000101000000", null, null));

        assertThat(byName.path("data")).extracting(b -> b.path("id").asText()).containsExactly(first);
        assertThat(byStatus.path("data")).extracting(b -> b.path("id").asText()).containsExactly(second);
        assertThat(firstPage.path("data"))
                .extracting(b -> b.path("id").asText())
                .containsExactly(second);
        assertThat(firstPage.path("has_more").asBoolean()).isTrue();
        assertThat(secondPage.path("data"))
                .extracting(b -> b.path("id").asText())
                .containsExactly(first);
        assertThat(secondPage.path("has_more").asBoolean()).isFalse();
        assertThat(none.path("data")).isEmpty();
    }

    @Test
    void should_refuse_to_serve_back_uploaded_files_and_delete_them() throws Exception {
        String fileId = upload(chatLine("a", "qwen-plus", "x"));

        assertThat(send("GET", "/files/" + fileId + "/content", null, null).statusCode())
                .isEqualTo(400);
        assertThat(json(send("GET", "/files", null, null))
                        .path("data")
                        .get(0)
                        .path("id")
                        .asText())
                .isEqualTo(fileId);
        assertThat(json(send("DELETE", "/files/" + fileId, null, null))
                        .path("deleted")
                        .asBoolean())
                .isTrue();
        assertThat(send("GET", "/files/" + fileId, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void should_refuse_an_invalid_completion_window_and_a_wrong_key() throws Exception {
        String fileId = upload(chatLine("a", "qwen-plus", "x"));

        HttpResponse<String> window = send(
                "POST",
                "/batches",
                "application/json",
                "{\"input_file_id\":\"" + fileId
                        + "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"15d\"}");
        HttpResponse<String> unauthorized = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/batches"))
                        .header("Authorization", "Bearer wrong")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(window.statusCode()).isEqualTo(400);
        assertThat(window.body()).contains("336h");
        assertThat(unauthorized.statusCode()).isEqualTo(401);
    }
}
