package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.github.qwenlangchain4j.batch.QwenBatches;
import io.github.qwenlangchain4j.files.QwenFiles;
import io.github.qwenlangchain4j.rerank.QwenRerankEndpoint;
import io.github.qwenlangchain4j.rerank.QwenScoringModel;
import io.github.qwenlangchain4j.responses.QwenConversations;
import io.github.qwenlangchain4j.responses.QwenResponsesChatModel;
import io.github.qwenlangchain4j.responses.QwenResponsesStreamingChatModel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Workspace domains: Model Studio's "Base URL" overview (alibabacloud.com/help/en/model-studio/base-url,
 * help.aliyun.com/zh/model-studio/base-url) and "Select region, service deployment scope, and access domain"
 * (alibabacloud.com/help/en/model-studio/regions/) recommend {@code https://{WorkspaceId}.{region}.maas.aliyuncs.com}
 * with {@code /compatible-mode/v1} (chat, embeddings, files, batches, Responses) and {@code /api/v1} (native API, e.g.
 * rerank) on the same host; e.g. Singapore {@code {WorkspaceId}.ap-southeast-1}, Beijing {@code cn-beijing}, Hong Kong
 * {@code cn-hongkong}, US (Virginia) {@code us-east-1}. The calls are caught by an interceptor before leaving the
 * machine, so the URLs checked are the ones that would be sent.
 */
class QwenWorkspaceTest {

    private static final String KEY = "sk-test-workspace-0123456789";

    /** Records each request's URL and answers 401 in Qwen's flat shape, which is never retried. */
    private final List<String> urls = new CopyOnWriteArrayList<>();

    private final OkHttpClient recording = new OkHttpClient.Builder()
            .addInterceptor(chain -> {
                urls.add(chain.request().url().toString());
                return new Response.Builder()
                        .request(chain.request())
                        .protocol(Protocol.HTTP_1_1)
                        .code(401)
                        .message("Unauthorized")
                        .body(ResponseBody.create(
                                "{\"code\":\"InvalidApiKey\",\"message\":\"Invalid API-key provided.\"}",
                                MediaType.get("application/json")))
                        .build();
            })
            .build();

    private void call(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException expected) {
            // the recorded 401: only the URL matters here
        }
    }

    private static final String SINGAPORE = "https://ws-a1b2c3d4e5f6.ap-southeast-1.maas.aliyuncs.com";

    @Nested
    class Every_api_calls_the_workspace_host {

        @Test
        void should_send_chat_and_streaming_chat_to_the_workspace_compatible_path() throws Exception {
            call(() -> QwenChatModel.builder()
                    .apiKey(KEY)
                    .workspace("ws-a1b2c3d4e5f6")
                    .httpClient(recording)
                    .build()
                    .chat("Hi"));
            CompletableFuture<Throwable> done = new CompletableFuture<>();
            QwenStreamingChatModel.builder()
                    .apiKey(KEY)
                    .workspace("ws-a1b2c3d4e5f6")
                    .httpClient(recording)
                    .build()
                    .chat("Hi", new StreamingChatResponseHandler() {
                        @Override
                        public void onCompleteResponse(ChatResponse response) {
                            done.complete(null);
                        }

                        @Override
                        public void onError(Throwable error) {
                            done.complete(error);
                        }
                    });
            done.get(10, TimeUnit.SECONDS);

            assertThat(urls)
                    .containsExactly(
                            SINGAPORE + "/compatible-mode/v1/chat/completions",
                            SINGAPORE + "/compatible-mode/v1/chat/completions");
        }

        @Test
        void should_send_responses_and_conversations_to_the_workspace_compatible_path() throws Exception {
            call(() -> QwenResponsesChatModel.builder()
                    .apiKey(KEY)
                    .workspace("ws-a1b2c3d4e5f6")
                    .httpClient(recording)
                    .build()
                    .chat(ChatRequest.builder().messages(UserMessage.from("Hi")).build()));
            call(() -> QwenConversations.builder()
                    .apiKey(KEY)
                    .workspace("ws-a1b2c3d4e5f6")
                    .httpClient(recording)
                    .build()
                    .create(List.of(), null));

            assertThat(urls)
                    .containsExactly(
                            SINGAPORE + "/compatible-mode/v1/responses",
                            SINGAPORE + "/compatible-mode/v1/conversations");
            assertThat(QwenResponsesStreamingChatModel.builder()
                            .apiKey(KEY)
                            .workspace("ws-a1b2c3d4e5f6")
                            .build()
                            .toString())
                    .contains("baseUrl=" + SINGAPORE + "/compatible-mode/v1");
        }

        @Test
        void should_send_files_and_batches_to_the_workspace_compatible_path() {
            call(() -> QwenFiles.builder()
                    .apiKey(KEY)
                    .workspace("ws-a1b2c3d4e5f6")
                    .httpClient(recording)
                    .build()
                    .retrieve("file-1"));
            QwenBatches batches = QwenBatches.builder()
                    .apiKey(KEY)
                    .workspace("ws-a1b2c3d4e5f6")
                    .httpClient(recording)
                    .build();
            call(() -> batches.retrieve("batch_1"));
            call(() -> batches.files().retrieve("file-2"));

            assertThat(urls)
                    .containsExactly(
                            SINGAPORE + "/compatible-mode/v1/files/file-1",
                            SINGAPORE + "/compatible-mode/v1/batches/batch_1",
                            SINGAPORE + "/compatible-mode/v1/files/file-2");
        }

        @Test
        void should_send_rerank_to_the_workspace_compatible_path_in_the_region() {
            call(() -> QwenScoringModel.builder()
                    .apiKey(KEY)
                    .region(QwenRegion.CHINA_BEIJING)
                    .workspace("llm-a1b2c3d4e5f6")
                    .httpClient(recording)
                    .build()
                    .score(TextSegment.from("Paris is in France."), "Where is Paris?"));

            assertThat(urls)
                    .singleElement()
                    .asString()
                    .isEqualTo("https://llm-a1b2c3d4e5f6.cn-beijing.maas.aliyuncs.com/compatible-api/v1/reranks");
        }

        @Test
        void should_send_native_rerank_to_the_workspace_native_path_in_the_region() {
            call(() -> QwenScoringModel.builder()
                    .apiKey(KEY)
                    .region(QwenRegion.CHINA_BEIJING)
                    .workspace("llm-a1b2c3d4e5f6")
                    .endpoint(QwenRerankEndpoint.NATIVE)
                    .httpClient(recording)
                    .build()
                    .score(TextSegment.from("Paris is in France."), "Where is Paris?"));

            assertThat(urls)
                    .singleElement()
                    .asString()
                    .startsWith("https://llm-a1b2c3d4e5f6.cn-beijing.maas.aliyuncs.com/api/v1/services/rerank/");
        }
    }

    @Nested
    class Hosts_per_region {

        @Test
        void should_derive_the_documented_host_of_each_region() {
            assertThat(QwenRegion.SINGAPORE.workspaceBaseUrl("ws-1"))
                    .isEqualTo("https://ws-1.ap-southeast-1.maas.aliyuncs.com/compatible-mode/v1");
            assertThat(QwenRegion.CHINA_BEIJING.workspaceBaseUrl("ws-1"))
                    .isEqualTo("https://ws-1.cn-beijing.maas.aliyuncs.com/compatible-mode/v1");
            assertThat(QwenRegion.HONG_KONG.workspaceBaseUrl("ws-1"))
                    .isEqualTo("https://ws-1.cn-hongkong.maas.aliyuncs.com/compatible-mode/v1");
            assertThat(QwenRegion.US_VIRGINIA.workspaceBaseUrl("ws-1"))
                    .isEqualTo("https://ws-1.us-east-1.maas.aliyuncs.com/compatible-mode/v1");
        }

        @Test
        void should_keep_the_shared_domain_without_a_workspace() {
            assertThat(QwenChatModel.builder().apiKey(KEY).build().toString())
                    .contains("baseUrl=https://dashscope-intl.aliyuncs.com/compatible-mode/v1");
        }

        @Test
        void should_lower_case_the_id_and_copy_it_to_the_files_client_of_batches() {
            QwenBatches batches = QwenBatches.builder()
                    .apiKey(KEY)
                    .region(QwenRegion.HONG_KONG)
                    .workspace("WS-ABC")
                    .build();

            assertThat(batches.toString())
                    .contains("baseUrl=https://ws-abc.cn-hongkong.maas.aliyuncs.com/compatible-mode/v1");
            assertThat(batches.files().toString()).contains("https://ws-abc.cn-hongkong.maas.aliyuncs.com");
        }
    }

    @Nested
    class Bad_workspaces_fail_before_sending {

        @Test
        void should_refuse_a_malformed_id_naming_the_expected_form() {
            assertThatThrownBy(() -> QwenChatModel.builder().workspace("ws_a1b2"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'ws_a1b2' is malformed")
                    .hasMessageContaining("{WorkspaceId}.{region}.maas.aliyuncs.com");
            assertThatThrownBy(() -> QwenChatModel.builder().workspace(" "))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must not be blank");
            assertThatThrownBy(() -> QwenChatModel.builder().workspace("-ws"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("malformed");
        }

        @Test
        void should_refuse_a_host_or_url_given_as_the_id() {
            assertThatThrownBy(() -> QwenChatModel.builder().workspace("ws-1.ap-southeast-1.maas.aliyuncs.com"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a host or URL")
                    .hasMessageContaining("baseUrl(...)");
            assertThatThrownBy(() -> QwenChatModel.builder().workspace("trial"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a workspace id");
        }

        @Test
        void should_refuse_a_workspace_with_a_base_url_at_build() {
            assertThatThrownBy(() -> QwenChatModel.builder()
                            .apiKey(KEY)
                            .workspace("ws-1")
                            .baseUrl("http://localhost:1/compatible-mode/v1")
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("workspace(\"ws-1\") and baseUrl(\"http://localhost:1/compatible-mode/v1\")")
                    .hasMessageContaining("set one");
            assertThat(urls).isEmpty();
        }
    }
}
