package io.github.qwenlangchain4j.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenMockServerSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Qwen-Long documents (Model Studio, "Long context (Qwen-Long)",
 * https://www.alibabacloud.com/help/en/model-studio/long-context-qwen-long, and "OpenAI compatible - File",
 * .../openai-file-interface): a file uploaded with {@code purpose=file-extract} (response shape in
 * fixtures/files/upload_file_extract_response.json: {@code status}, {@code status_details}) is parsed by Qwen, then
 * referenced from a system message {@code fileid://<id>} after the first one. A chat referencing a document still
 * being parsed is refused: "File parsing in progress, please try again later." (Model Studio error codes). Run
 * against QwenMockServer, which parses a document in two look-ups.
 */
class QwenDocumentsTest extends QwenMockServerSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPORT = "Bike sales grew 12% in 2025, led by e-bikes.";

    private QwenFiles files() {
        return QwenFiles.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .build();
    }

    private QwenChatModel qwenLong() {
        return QwenChatModel.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .modelName("qwen-long")
                .build();
    }

    @Nested
    class Uploading {

        @Test
        void a_document_is_uploaded_for_extraction_and_waited_for_until_processed(@TempDir Path dir) throws Exception {
            Path report = Files.writeString(dir.resolve("report.txt"), REPORT);
            QwenFiles files = files();

            QwenFile uploaded = files.uploadDocument(report);
            QwenFile processed = files.awaitProcessed(uploaded.id(), Duration.ofMinutes(1), Duration.ZERO);

            assertThat(uploaded.purpose()).isEqualTo("file-extract");
            assertThat(uploaded.status()).isEqualTo("uploaded");
            assertThat(uploaded.id()).startsWith("file-fe-");
            assertThat(processed.isProcessed()).isTrue();
            assertThat(processed.filename()).isEqualTo("report.txt");
            assertThat(server.requests().get(0).body()).contains("name=\"purpose\"\r\n\r\nfile-extract");
            // the upload, then one look-up per step of Qwen's parsing
            assertThat(server.requests())
                    .extracting(request -> request.method() + " " + request.path())
                    .containsExactly(
                            "POST /compatible-mode/v1/files",
                            "GET /compatible-mode/v1/files/" + uploaded.id(),
                            "GET /compatible-mode/v1/files/" + uploaded.id());
        }

        @Test
        void a_document_not_processed_when_the_wait_ends_is_a_clear_error() {
            QwenFile uploaded = files().uploadDocument("report.txt", REPORT.getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> files().awaitProcessed(uploaded.id(), Duration.ZERO))
                    .isInstanceOf(QwenFileProcessingException.class)
                    .hasMessageContaining(uploaded.id())
                    .hasMessageContaining("is not processed yet (status uploaded)")
                    .satisfies(e -> assertThat(
                                    ((QwenFileProcessingException) e).file().status())
                            .isEqualTo("uploaded"));
        }

        @Test
        void a_document_qwen_cannot_parse_fails_with_qwens_reason() {
            QwenFile empty = files().uploadDocument("empty.txt", new byte[0]);

            assertThatThrownBy(() -> files().awaitProcessed(empty.id(), Duration.ofMinutes(1), Duration.ZERO))
                    .isInstanceOf(QwenFileProcessingException.class)
                    .hasMessageContaining("Qwen could not process the file " + empty.id() + " (empty.txt)")
                    .hasMessageContaining("content blank")
                    .satisfies(e -> assertThat(
                                    ((QwenFileProcessingException) e).file().hasFailed())
                            .isTrue());
        }
    }

    @Nested
    class Chatting {

        @Test
        void a_processed_document_is_referenced_in_a_system_message_of_its_own() throws Exception {
            QwenFiles files = files();
            QwenFile report = files.awaitProcessed(
                    files.uploadDocument("report.txt", REPORT.getBytes(StandardCharsets.UTF_8))
                            .id(),
                    Duration.ofMinutes(1),
                    Duration.ZERO);

            ChatResponse response = qwenLong()
                    .chat(
                            SystemMessage.from("You are a helpful assistant."),
                            QwenDocuments.reference(report),
                            UserMessage.from("What grew?"));

            JsonNode messages = JSON.readTree(
                            server.requests().get(server.requests().size() - 1).body())
                    .path("messages");
            assertThat(messages.get(0).path("content").asText()).isEqualTo("You are a helpful assistant.");
            assertThat(messages.get(1).path("role").asText()).isEqualTo("system");
            assertThat(messages.get(1).path("content").asText()).isEqualTo("fileid://" + report.id());
            assertThat(response.aiMessage().text())
                    .contains("Documents read: report.txt (" + report.id() + ")")
                    .contains(REPORT);
        }

        @Test
        void several_documents_are_one_comma_separated_reference() {
            assertThat(QwenDocuments.reference("file-fe-a", "file-fe-b").text())
                    .isEqualTo("fileid://file-fe-a,file-fe-b");
        }

        @Test
        void a_document_still_being_parsed_is_refused_before_sending() {
            QwenFile uploaded = files().uploadDocument("report.txt", REPORT.getBytes(StandardCharsets.UTF_8));
            int requests = server.requests().size();

            assertThatThrownBy(() -> QwenDocuments.reference(uploaded))
                    .isInstanceOf(QwenFileProcessingException.class)
                    .hasMessageContaining("is not processed yet (status uploaded)")
                    .hasMessageContaining("QwenFiles.awaitProcessed");
            assertThat(server.requests()).hasSize(requests);
        }

        @Test
        void and_by_qwen_when_referenced_by_id() {
            QwenFile uploaded = files().uploadDocument("report.txt", REPORT.getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> qwenLong()
                            .chat(
                                    SystemMessage.from("You are a helpful assistant."),
                                    QwenDocuments.reference(uploaded.id()),
                                    UserMessage.from("What grew?")))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("File parsing in progress, please try again later.");
        }

        @Test
        void an_unknown_document_is_refused_by_qwen() {
            assertThatThrownBy(() ->
                            qwenLong().chat(QwenDocuments.reference("file-fe-missing"), UserMessage.from("What grew?")))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("Invalid file [id:file-fe-missing].");
        }

        @Test
        void bad_references_are_refused() {
            QwenFile batchInput = new QwenFile("file-batch-1", 2, null, "in.jsonl", "batch", "processed", null);

            assertThatThrownBy(() -> QwenDocuments.reference(batchInput))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("purpose file-extract");
            assertThatThrownBy(() -> QwenDocuments.reference("file-fe-a,file-fe-b"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid file id");
            assertThatThrownBy(() -> QwenDocuments.reference(Collections.nCopies(101, "file-fe-a")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most 100 documents");
            assertThatThrownBy(() -> QwenDocuments.reference(List.of())).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
