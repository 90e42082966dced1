package io.github.qwenlangchain4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RetriableException;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A 200 embeddings body that is valid JSON but not what the API documents fails cleanly, once, without retrying. */
class HostileEmbeddingsBodyTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "null",
                "[]",
                "{\"data\":null}",
                "{\"data\":[null]}",
                "{\"data\":[{\"index\":0}]}",
                "{\"data\":[{\"index\":5,\"embedding\":[1]}]}",
                "{\"data\":[{\"index\":-1,\"embedding\":[1]}]}",
                "{\"data\":[{\"index\":0,\"embedding\":\"x\"}]}",
                "{\"data\":[{\"index\":0,\"embedding\":[1]}," + "{\"index\":0,\"embedding\":[1]}]}",
                "{\"data\":{}}"
            })
    void should_fail_with_a_non_retried_langchain4j_exception(String body) throws Exception {
        try (RawHttpServer server = new RawHttpServer((request, socket, out) -> {
            RawHttpServer.writeHead(out, 200, "application/json", body.getBytes(StandardCharsets.UTF_8).length);
            RawHttpServer.write(out, body);
        })) {
            QwenEmbeddingModel model = QwenEmbeddingModel.builder()
                    .apiKey(Targets.API_KEY)
                    .baseUrl(server.baseUrl())
                    .maxRetries(2)
                    .build();

            Throwable thrown = catchThrowable(() -> model.embed("hello"));

            assertThat(thrown)
                    .isInstanceOf(LangChain4jException.class)
                    .isNotInstanceOf(RetriableException.class)
                    .hasMessageContaining("Malformed response");
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }
}
