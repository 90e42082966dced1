package io.github.qwenlangchain4j.testkit.internal;

import static io.github.qwenlangchain4j.testkit.internal.Requests.upload;
import static io.github.qwenlangchain4j.testkit.internal.Requests.withParams;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MockFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockFiles files = new MockFiles(new MockClock());

    private static JsonNode body(HttpReply reply) throws Exception {
        return JSON.readTree(reply.parts().get(0));
    }

    private JsonNode lookUp(String id) throws Exception {
        return body(files.retrieve(withParams("GET", "/files/" + id, "", Map.of("id", id))));
    }

    private JsonNode chatAbout(String id) throws Exception {
        return JSON.readTree("{\"messages\":[{\"role\":\"system\",\"content\":\"fileid://" + id + "\"},"
                + "{\"role\":\"user\",\"content\":\"Summarise\"}]}");
    }

    @Test
    void should_parse_a_document_in_two_look_ups_and_refuse_chats_about_it_until_then() throws Exception {
        String id = body(files.upload(upload("file-extract", "shop.txt", "We repair   every bicycle.")))
                .path("id")
                .asText();

        assertThat(files.readDocuments(chatAbout(id)).refusal().message())
                .isEqualTo("File parsing in progress, please try again later.");
        assertThat(lookUp(id).path("status").asText()).isEqualTo("uploaded");
        assertThat(lookUp(id).path("status").asText()).isEqualTo("processed");

        MockFiles.DocumentCheck check = files.readDocuments(chatAbout(id));
        assertThat(check.refusal()).isNull();
        assertThat(check.documents()).containsExactly("shop.txt (" + id + "): \"We repair every bicycle.\"");
    }

    @Test
    void should_end_an_empty_document_s_parsing_in_error() throws Exception {
        String id = body(files.upload(upload("file-extract", "empty.txt", " ")))
                .path("id")
                .asText();
        lookUp(id);

        JsonNode parsed = lookUp(id);

        assertThat(parsed.path("status").asText()).isEqualTo("error");
        assertThat(parsed.path("status_details").asText()).isEqualTo("File [id:" + id + "] content blank.");
        assertThat(files.readDocuments(chatAbout(id)).refusal().message())
                .isEqualTo("File [id:" + id + "] content blank.");
    }

    @Test
    void should_refuse_an_unknown_document_and_a_batch_file_as_a_document() throws Exception {
        String batchInput =
                body(files.upload(upload("batch", "in.jsonl", "{}"))).path("id").asText();

        assertThat(files.readDocuments(chatAbout("file-fe-nope")).refusal().message())
                .isEqualTo("Invalid file [id:file-fe-nope].");
        assertThat(files.readDocuments(chatAbout(batchInput)).refusal().message())
                .isEqualTo("Invalid file [id:" + batchInput + "].");
    }

    @Test
    void should_serve_the_content_of_batch_results_only() throws Exception {
        String input =
                body(files.upload(upload("batch", "in.jsonl", "{}"))).path("id").asText();
        String output = files.storeResults(
                "file-batch_output-", List.of(JSON.createObjectNode().put("custom_id", "a")));

        HttpReply refused = files.content(withParams("GET", "/files/" + input + "/content", "", Map.of("id", input)));
        HttpReply served = files.content(withParams("GET", "/files/" + output + "/content", "", Map.of("id", output)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(served.contentType()).isEqualTo("application/octet-stream");
        assertThat(served.parts()).containsExactly("{\"custom_id\":\"a\"}\n");
    }

    @Test
    void should_refuse_an_upload_that_is_not_multipart_or_has_another_purpose() throws Exception {
        HttpReply notMultipart = files.upload(Requests.withKey("POST", "/files", "{}"));
        HttpReply otherPurpose = files.upload(upload("fine-tune", "in.jsonl", "{}"));

        assertThat(notMultipart.status()).isEqualTo(400);
        assertThat(body(otherPurpose).at("/error/message").asText())
                .isEqualTo("purpose must be 'batch' or 'file-extract', but was 'fine-tune'.");
    }
}
