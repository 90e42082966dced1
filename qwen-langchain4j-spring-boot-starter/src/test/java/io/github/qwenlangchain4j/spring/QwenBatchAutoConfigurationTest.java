package io.github.qwenlangchain4j.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.qwenlangchain4j.spring.QwenWireMock.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.batch.BatchRequest;
import dev.langchain4j.model.batch.BatchResponse;
import dev.langchain4j.model.batch.BatchState;
import dev.langchain4j.model.chat.BatchChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.BatchEmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.github.qwenlangchain4j.batch.QwenBatchChat;
import io.github.qwenlangchain4j.batch.QwenBatchChatModel;
import io.github.qwenlangchain4j.batch.QwenBatches;
import io.github.qwenlangchain4j.embedding.QwenBatchEmbeddings;
import io.github.qwenlangchain4j.files.QwenFile;
import io.github.qwenlangchain4j.files.QwenFiles;
import io.github.qwenlangchain4j.testkit.QwenMockServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Batch API beans ({@link QwenFiles}, {@link QwenBatches}, {@link QwenBatchChat}, {@link QwenBatchEmbeddings},
 * and LangChain4j's {@link BatchChatModel} and {@link BatchEmbeddingModel}):
 * built from the shared connection properties and the chat/embedding model names, backing off, and the embeddings
 * one only with its module. The file and batch bodies are Qwen's, from the Model Studio "OpenAI compatible - Batch"
 * and "OpenAI compatible - File" references
 * (https://www.alibabacloud.com/help/en/model-studio/batch-interfaces-compatible-with-openai,
 * https://www.alibabacloud.com/help/en/model-studio/openai-file-interface; core's fixtures/batch and fixtures/files).
 */
class QwenBatchAutoConfigurationTest {

    private static final String FILES_PATH = "/compatible-mode/v1/files";
    private static final String BATCHES_PATH = "/compatible-mode/v1/batches";

    private final QwenWireMock qwen = new QwenWireMock();

    private final ApplicationContextRunner runner = QwenAutoConfigurations.runner(API_KEY, qwen.baseUrl());

    @AfterEach
    void stop() {
        qwen.close();
    }

    @Test
    void should_create_the_batch_beans_with_an_api_key() {
        runner.run(context -> assertThat(context)
                .hasNotFailed()
                .hasSingleBean(QwenFiles.class)
                .hasSingleBean(QwenBatches.class)
                .hasSingleBean(QwenBatchChat.class)
                .hasSingleBean(QwenBatchEmbeddings.class)
                .hasSingleBean(BatchChatModel.class)
                .hasSingleBean(BatchEmbeddingModel.class)
                .getBean(BatchChatModel.class)
                .isInstanceOf(QwenBatchChatModel.class));
        new ApplicationContextRunner()
                .withConfiguration(QwenAutoConfigurations.of())
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(QwenFiles.class)
                        .doesNotHaveBean(QwenBatchChat.class)
                        .doesNotHaveBean(BatchChatModel.class));
    }

    @Test
    void should_run_chat_and_embedding_batches_through_langchain4js_interfaces_with_the_shared_connection() {
        try (QwenMockServer server = QwenMockServer.start()) {
            new ApplicationContextRunner()
                    .withConfiguration(QwenAutoConfigurations.of())
                    .withPropertyValues(
                            "langchain4j.qwen.api-key=" + server.apiKey(),
                            "langchain4j.qwen.base-url=" + server.baseUrl(),
                            "langchain4j.qwen.chat-model.model-name=qwen-flash",
                            "langchain4j.qwen.embedding-model.dimensions=256")
                    .run(context -> {
                        BatchChatModel chat = context.getBean(BatchChatModel.class);
                        BatchEmbeddingModel embeddings = context.getBean(BatchEmbeddingModel.class);

                        String chatBatch = chat.submit(new BatchRequest<>(List.of(ChatRequest.builder()
                                        .messages(UserMessage.from("hello"))
                                        .build())))
                                .batchId();
                        String embeddingBatch = embeddings
                                .submit(new BatchRequest<>(List.of(TextSegment.from("a document"))))
                                .batchId();

                        BatchResponse<ChatResponse> answered = poll(chat::retrieve, chatBatch);
                        assertThat(answered.responses())
                                .singleElement()
                                .satisfies(response -> assertThat(
                                                response.metadata().modelName())
                                        .isEqualTo("qwen-flash"));
                        BatchResponse<Response<Embedding>> embedded = poll(embeddings::retrieve, embeddingBatch);
                        assertThat(embedded.responses())
                                .singleElement()
                                .satisfies(response -> assertThat(
                                                response.content().dimension())
                                        .isEqualTo(256));
                    });
        }
    }

    @Test
    void should_leave_batch_models_to_the_applications_own() {
        runner.withUserConfiguration(OwnBatchChatModel.class)
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(BatchChatModel.class)
                        .getBean(BatchChatModel.class)
                        .isSameAs(OwnBatchChatModel.MODEL));
    }

    private static <T> BatchResponse<T> poll(Function<String, BatchResponse<T>> retrieve, String batchId) {
        for (int poll = 0; poll < 20; poll++) {
            BatchResponse<T> response = retrieve.apply(batchId);
            if (response.state().isTerminal()) {
                assertThat(response.state()).isEqualTo(BatchState.SUCCEEDED);
                return response;
            }
        }
        throw new AssertionError("batch " + batchId + " still not terminal after 20 polls");
    }

    @Test
    void should_list_files_with_the_shared_connection() {
        qwen.stubFor(get(urlPathEqualTo(FILES_PATH))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .willReturn(okJson("""
                {"object":"list","has_more":false,"data":[{"id":"file-batch-xxx","object":"file","bytes":84889,
                 "created_at":1715569225,"filename":"example.txt","purpose":"batch","status":"processed"}]}""")));
        runner.run(context -> {
            List<QwenFile> files = context.getBean(QwenFiles.class).list().data();

            assertThat(files)
                    .as("answered by the stub that wants the key")
                    .extracting(QwenFile::id)
                    .containsExactly("file-batch-xxx");
        });
    }

    @Test
    void should_submit_chat_batches_with_the_chat_model_name() {
        stubUploadAndCreate();
        runner.withPropertyValues("langchain4j.qwen.chat-model.model-name=qwen-max")
                .run(context -> {
                    context.getBean(QwenBatchChat.class)
                            .submit(List.of(ChatRequest.builder()
                                    .messages(UserMessage.from("hello"))
                                    .build()));

                    assertThat(uploadedJsonl())
                            .contains("\"model\":\"qwen-max\"")
                            .contains("/v1/chat/completions");
                    assertThat(qwen.requests(BATCHES_PATH)).hasSize(1);
                });
    }

    @Test
    void should_submit_embedding_batches_with_the_embedding_model_options() {
        stubUploadAndCreate();
        runner.withPropertyValues(
                        "langchain4j.qwen.embedding-model.model-name=text-embedding-v3",
                        "langchain4j.qwen.embedding-model.dimensions=512")
                .run(context -> {
                    QwenBatchEmbeddings embeddings = context.getBean(QwenBatchEmbeddings.class);
                    assertThat(embeddings.modelName()).isEqualTo("text-embedding-v3");

                    embeddings.submit(List.of(TextSegment.from("a document")));

                    assertThat(uploadedJsonl())
                            .contains("\"model\":\"text-embedding-v3\"")
                            .contains("\"dimensions\":512");
                });
    }

    @Test
    void should_back_off_for_the_applications_beans_and_without_the_embeddings_module() {
        runner.withUserConfiguration(OwnFiles.class)
                .run(context -> assertThat(context.getBean(QwenFiles.class)).isSameAs(OwnFiles.FILES));
        runner.withClassLoader(new FilteredClassLoader(QwenBatchEmbeddings.class))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(QwenBatchEmbeddings.class)
                        .doesNotHaveBean(BatchEmbeddingModel.class)
                        .hasSingleBean(QwenBatchChat.class)
                        .hasSingleBean(BatchChatModel.class));
    }

    private void stubUploadAndCreate() {
        qwen.stubFor(post(urlEqualTo(FILES_PATH)).willReturn(okJson("""
                {"id":"file-batch-xxx","bytes":437,"created_at":1742304153,"filename":"test.jsonl","object":"file",
                 "purpose":"batch","status":"processed","status_details":null}""")));
        qwen.stubFor(post(urlEqualTo(BATCHES_PATH)).willReturn(okJson("""
                {"id":"batch_xxx","object":"batch","endpoint":"/v1/chat/completions","errors":null,
                 "input_file_id":"file-batch-xxx","completion_window":"24h","status":"validating",
                 "output_file_id":null,"error_file_id":null,"created_at":1742367779,"in_progress_at":null,
                 "expires_at":null,"finalizing_at":null,"completed_at":null,"failed_at":null,"expired_at":null,
                 "cancelling_at":null,"cancelled_at":null,"request_counts":{"total":0,"completed":0,"failed":0},
                 "metadata":{}}""")));
    }

    /** The multipart body of the one file upload, where the JSONL lines are. */
    private String uploadedJsonl() {
        List<LoggedRequest> uploads = qwen.requests(FILES_PATH);
        assertThat(uploads).hasSize(1);
        assertThat(uploads.get(0).getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
        return new String(uploads.get(0).getBody(), StandardCharsets.UTF_8);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFiles {

        static final QwenFiles FILES = QwenFiles.builder().apiKey("sk-own").build();

        @Bean
        QwenFiles myFiles() {
            return FILES;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBatchChatModel {

        static final BatchChatModel MODEL =
                QwenBatchChatModel.builder().apiKey("sk-own").build();

        @Bean
        BatchChatModel myBatchChatModel() {
            return MODEL;
        }
    }
}
