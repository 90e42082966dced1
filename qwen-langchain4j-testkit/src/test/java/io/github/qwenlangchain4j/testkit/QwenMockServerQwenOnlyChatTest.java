package io.github.qwenlangchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The mock's Qwen-only chat features, spoken to over HTTP: explicit context cache (Model Studio, "Context cache",
 * https://www.alibabacloud.com/help/en/model-studio/context-cache), Qwen-Omni audio output (.../qwen-omni; stream
 * shape of fixtures/chat/omni_stream_text_audio_qwen3-omni-flash.sse.txt) and Qwen-Long documents
 * (.../long-context-qwen-long and .../openai-file-interface; upload shape of
 * fixtures/files/upload_file_extract_response.json).
 */
class QwenMockServerQwenOnlyChatTest extends MockServerHttpSupport {

    private static final String LONG = "Our bicycle shop repairs every brand. ".repeat(130);

    private static List<JsonNode> events(String sse) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                events.add(JSON.readTree(line.substring(6)));
            }
        }
        return events;
    }

    @Nested
    class ContextCache {

        private String marked(String question) {
            return "{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"system\",\"content\":[{\"type\":\"text\","
                    + "\"text\":\"" + LONG + "\",\"cache_control\":{\"type\":\"ephemeral\"}}]},"
                    + "{\"role\":\"user\",\"content\":\"" + question + "\"}]}";
        }

        @Test
        void a_marked_prefix_is_created_then_hit_with_the_usage_fields_qwen_reports() throws Exception {
            JsonNode first =
                    JSON.readTree(chat(marked("Do you fix brakes?")).body()).path("usage");
            JsonNode second =
                    JSON.readTree(chat(marked("Do you sell helmets?")).body()).path("usage");

            JsonNode created = first.path("prompt_tokens_details");
            assertThat(created.path("cache_creation_input_tokens").asInt()).isGreaterThanOrEqualTo(1024);
            assertThat(created.path("cache_creation")
                            .path("ephemeral_5m_input_tokens")
                            .asInt())
                    .isEqualTo(created.path("cache_creation_input_tokens").asInt());
            assertThat(created.path("cached_tokens").asInt()).isZero();
            assertThat(created.path("cache_type").asText()).isEqualTo("ephemeral");
            JsonNode hit = second.path("prompt_tokens_details");
            assertThat(hit.path("cached_tokens").asInt())
                    .isEqualTo(created.path("cache_creation_input_tokens").asInt());
            assertThat(hit.path("cache_creation_input_tokens").asInt()).isZero();
        }

        @Test
        void unmarked_requests_report_implicit_usage_only() throws Exception {
            JsonNode details = JSON.readTree(
                            chat("{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\"," + "\"content\":\"Hi\"}]}")
                                    .body())
                    .path("usage")
                    .path("prompt_tokens_details");

            assertThat(details.path("cached_tokens").asInt()).isZero();
            assertThat(details.has("cache_type")).isFalse();
        }

        /**
         * Qwen4's breakpoint (Model Studio, "Explicit cache (Qwen4)",
         * https://www.alibabacloud.com/help/en/model-studio/explicit-cache-qwen4): {@code "prompt_cache_breakpoint":
         * {"mode": "explicit"}} on a content block, as in its basic-usage example.
         */
        private String breakpoint(String model, String question) {
            return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                    + "\"text\":\"" + LONG + "\",\"prompt_cache_breakpoint\":{\"mode\":\"explicit\"}},"
                    + "{\"type\":\"text\",\"text\":\"" + question + "\"}]}]}";
        }

        @Test
        void a_qwen4_breakpoint_is_a_marker_on_qwen4_models() throws Exception {
            JsonNode first = JSON.readTree(
                            chat(breakpoint("qwen4-max", "Summarise it.")).body())
                    .path("usage");
            JsonNode second = JSON.readTree(
                            chat(breakpoint("qwen4-max", "Who wrote it?")).body())
                    .path("usage");

            JsonNode created = first.path("prompt_tokens_details");
            assertThat(created.path("cache_creation_input_tokens").asInt()).isGreaterThanOrEqualTo(1024);
            assertThat(created.path("cache_type").asText()).isEqualTo("ephemeral");
            assertThat(second.path("prompt_tokens_details")
                            .path("cached_tokens")
                            .asInt())
                    .isEqualTo(created.path("cache_creation_input_tokens").asInt());
        }

        @Test
        void a_qwen4_model_reads_the_same_prefix_marked_either_way() throws Exception {
            chat(breakpoint("qwen4-max", "Summarise it."));
            String withCacheControl = breakpoint("qwen4-max", "Who wrote it?")
                    .replace(
                            "\"prompt_cache_breakpoint\":{\"mode\":\"explicit\"}",
                            "\"cache_control\":{\"type\":\"ephemeral\"}");

            JsonNode details =
                    JSON.readTree(chat(withCacheControl).body()).path("usage").path("prompt_tokens_details");
            assertThat(details.path("cached_tokens").asInt()).isGreaterThanOrEqualTo(1024);
            assertThat(details.path("cache_creation_input_tokens").asInt()).isZero();
        }

        @Test
        void the_qwen4_breakpoint_is_no_marker_on_other_models() throws Exception {
            JsonNode details = JSON.readTree(
                            chat(breakpoint("qwen-plus", "Summarise it.")).body())
                    .path("usage")
                    .path("prompt_tokens_details");

            assertThat(details.has("cache_type")).isFalse();
            assertThat(details.has("cache_creation_input_tokens")).isFalse();
        }

        @Test
        void a_block_created_by_one_marker_is_not_read_by_a_later_marker_of_the_same_request() throws Exception {
            // "Cache creation occurs after model response": the first request reads nothing, whatever its markers
            String twoMarkers = marked("Do you fix brakes?")
                    .replace(
                            "\"content\":\"Do you fix brakes?\"",
                            "\"content\":[{\"type\":\"text\",\"text\":\"Do you fix brakes?\",\"cache_control\":{\"type\":\"ephemeral\"}}]");

            JsonNode details =
                    JSON.readTree(chat(twoMarkers).body()).path("usage").path("prompt_tokens_details");

            assertThat(details.path("cached_tokens").asInt()).isZero();
            assertThat(details.path("cache_creation_input_tokens").asInt()).isGreaterThanOrEqualTo(1024);
        }

        @Test
        void reset_forgets_the_cache_blocks() throws Exception {
            chat(marked("Do you fix brakes?"));
            server.reset();

            JsonNode details = JSON.readTree(chat(marked("Do you fix brakes?")).body())
                    .path("usage")
                    .path("prompt_tokens_details");
            assertThat(details.path("cached_tokens").asInt()).isZero();
            assertThat(details.path("cache_creation_input_tokens").asInt()).isPositive();
        }
    }

    @Nested
    class OmniAudio {

        private static final String SPOKEN = "{\"model\":\"qwen3-omni-flash\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Who are you?\"}],\"modalities\":[\"text\",\"audio\"],"
                + "\"audio\":{\"voice\":\"Cherry\",\"format\":\"wav\"},\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}}";

        @Test
        void the_answer_is_streamed_as_text_then_base64_pcm_audio_deltas() throws Exception {
            List<JsonNode> events = events(chat(SPOKEN).body());

            List<JsonNode> audio = events.stream()
                    .filter(e -> e.path("choices").path(0).path("delta").has("audio"))
                    .map(e -> e.path("choices").path(0).path("delta").path("audio"))
                    .toList();
            assertThat(audio).isNotEmpty();
            for (JsonNode piece : audio) {
                assertThat(Base64.getDecoder().decode(piece.path("data").asText()))
                        .hasSize(4_800);
                assertThat(piece.path("id").asText()).startsWith("audio_");
                assertThat(piece.path("expires_at").isIntegralNumber()).isTrue();
            }
            JsonNode usage = events.get(events.size() - 1).path("usage");
            assertThat(usage.path("completion_tokens_details")
                            .path("audio_tokens")
                            .asInt())
                    .isPositive();
            assertThat(usage.path("completion_tokens_details")
                            .path("text_tokens")
                            .asInt())
                    .isPositive();
        }

        @Test
        void audio_output_without_streaming_is_refused() throws Exception {
            HttpResponse<String> response = chat("{\"model\":\"qwen3-omni-flash\",\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"Hi\"}],\"modalities\":[\"text\",\"audio\"],\"audio\":{\"voice\":\"Cherry\","
                    + "\"format\":\"wav\"}}");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("'audio' output only support with stream=true");
        }
    }

    @Nested
    class QwenLongDocuments {

        private static final String BOUNDARY = "doc-boundary-7";

        private JsonNode upload(String filename, String content) throws Exception {
            String body = "--" + BOUNDARY
                    + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfile-extract\r\n"
                    + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                    + "\"\r\nContent-Type: text/plain\r\n\r\n" + content + "\r\n--" + BOUNDARY + "--\r\n";
            return JSON.readTree(send("POST", "/files", "multipart/form-data; boundary=" + BOUNDARY, body)
                    .body());
        }

        private JsonNode lookUp(String id) throws Exception {
            return JSON.readTree(send("GET", "/files/" + id, null, null).body());
        }

        private HttpResponse<String> ask(String fileId) throws Exception {
            return chat("{\"model\":\"qwen-long\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful"
                    + " assistant.\"},{\"role\":\"system\",\"content\":\"fileid://" + fileId + "\"},"
                    + "{\"role\":\"user\",\"content\":\"What is this about?\"}]}");
        }

        @Test
        void a_document_goes_from_uploaded_to_processed_and_is_then_read_in_chats() throws Exception {
            JsonNode file = upload("manual.txt", "How to true a wheel: loosen, tighten, repeat.");
            String id = file.path("id").asText();

            assertThat(file.path("purpose").asText()).isEqualTo("file-extract");
            assertThat(file.path("object").asText()).isEqualTo("file");
            assertThat(file.path("status").asText()).isEqualTo("uploaded");
            assertThat(file.path("status_details").isNull()).isTrue();
            assertThat(ask(id).body()).contains("File parsing in progress, please try again later.");
            assertThat(lookUp(id).path("status").asText()).isEqualTo("uploaded");
            assertThat(lookUp(id).path("status").asText()).isEqualTo("processed");
            HttpResponse<String> answer = ask(id);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body())
                            .path("choices")
                            .path(0)
                            .path("message")
                            .path("content")
                            .asText())
                    .contains("Documents read: manual.txt (" + id + "): \"How to true a wheel");
        }

        @Test
        void an_empty_document_fails_with_status_details() throws Exception {
            String id = upload("empty.txt", "").path("id").asText();
            lookUp(id);

            JsonNode failed = lookUp(id);
            assertThat(failed.path("status").asText()).isEqualTo("error");
            assertThat(failed.path("status_details").asText()).isEqualTo("File [id:" + id + "] content blank.");
            assertThat(ask(id).body()).contains("content blank");
        }

        @Test
        void an_unknown_id_is_refused() throws Exception {
            HttpResponse<String> response = ask("file-fe-nope");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("Invalid file [id:file-fe-nope].");
        }
    }
}
