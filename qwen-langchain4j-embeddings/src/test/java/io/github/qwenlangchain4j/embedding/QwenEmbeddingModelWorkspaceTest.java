package io.github.qwenlangchain4j.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qwenlangchain4j.QwenRegion;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

/**
 * Embeddings on a workspace's dedicated domain {@code {WorkspaceId}.{region}.maas.aliyuncs.com/compatible-mode/v1}
 * (Model Studio, "Base URL" overview, alibabacloud.com/help/en/model-studio/base-url). The call is caught by an
 * interceptor before it leaves the machine.
 */
class QwenEmbeddingModelWorkspaceTest {

    @Test
    void should_send_embeddings_to_the_workspace_host_of_the_region() {
        List<String> urls = new CopyOnWriteArrayList<>();
        OkHttpClient recording = new OkHttpClient.Builder()
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
        QwenEmbeddingModel model = QwenEmbeddingModel.builder()
                .apiKey("sk-test-workspace-123456")
                .region(QwenRegion.HONG_KONG)
                .workspace("ws-a1b2c3d4e5f6")
                .httpClient(recording)
                .build();

        try {
            model.embed("hello");
        } catch (RuntimeException expected) {
            // the recorded 401: only the URL matters here
        }

        assertThat(urls)
                .containsExactly("https://ws-a1b2c3d4e5f6.cn-hongkong.maas.aliyuncs.com/compatible-mode/v1/embeddings");
    }
}
