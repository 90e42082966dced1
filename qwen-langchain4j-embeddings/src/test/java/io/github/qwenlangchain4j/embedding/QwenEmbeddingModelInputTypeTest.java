package io.github.qwenlangchain4j.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.listener.EmbeddingModelErrorContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.listener.EmbeddingModelRequestContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelResponseContext;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import io.github.qwenlangchain4j.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code embed(EmbeddingRequest)} with LangChain4j's input types, driven through {@link EmbeddingModel} only, against
 * QwenMockServer. Qwen's compatible-mode embeddings reference
 * (docs.qwencloud.com/api-reference/text-embedding/openai-embedding) takes {@code model}, {@code input},
 * {@code dimensions} and {@code encoding_format} only; {@code text_type} ({@code query} / {@code document}) is one of
 * the "DashScope-specific features" of the native API
 * (docs.qwencloud.com/api-reference/text-embedding/dashscope-embedding), whose body is
 * {@code {"model", "input": {"texts"}, "parameters": {"dimension", "text_type"}}}.
 */
class QwenEmbeddingModelInputTypeTest extends MockServerSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NATIVE_PATH = "/api/v1/services/embeddings/text-embedding/text-embedding";

    private QwenEmbeddingModel.Builder model() {
        return QwenEmbeddingModel.builder().apiKey(server.apiKey()).baseUrl(server.baseUrl());
    }

    private static List<TextSegment> segments(int count) {
        List<TextSegment> segments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            segments.add(TextSegment.from("Passage " + i + " about topic " + (i % 4)));
        }
        return segments;
    }

    private List<JsonNode> bodies(String pathEnd) throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        for (RecordedRequest request : server.requests()) {
            if (request.path().endsWith(pathEnd)) {
                bodies.add(JSON.readTree(request.body()));
            }
        }
        return bodies;
    }

    @Nested
    class InputType {

        @Test
        void should_send_a_query_as_text_type_query_to_the_native_api() throws Exception {
            EmbeddingModel model = model().dimensions(512).build();

            EmbeddingResponse response = model.embed(EmbeddingRequest.builder()
                    .input("What is Qwen?")
                    .inputType(EmbeddingInputType.QUERY)
                    .build());

            assertThat(response.embeddings())
                    .singleElement()
                    .satisfies(e -> assertThat(e.dimension()).isEqualTo(512));
            assertThat(response.metadata().tokenUsage().inputTokenCount()).isPositive();
            assertThat(response.metadata().modelName()).isEqualTo("text-embedding-v4");
            assertThat(bodies("/embeddings")).isEmpty();
            assertThat(bodies(NATIVE_PATH)).singleElement().satisfies(body -> {
                assertThat(body.get("model").asText()).isEqualTo("text-embedding-v4");
                assertThat(body.get("input").get("texts").get(0).asText()).isEqualTo("What is Qwen?");
                assertThat(body.get("parameters").get("text_type").asText()).isEqualTo("query");
                assertThat(body.get("parameters").get("dimension").asInt()).isEqualTo(512);
            });
        }

        @Test
        void should_send_documents_ten_per_request_and_return_the_vectors_in_input_order() throws Exception {
            EmbeddingModel model = model().build();
            List<TextSegment> segments = segments(12);
            List<Embedding> plain = model.embedAll(segments).content();
            server.reset();

            EmbeddingResponse response = model.embed(EmbeddingRequest.builder()
                    .textSegments(segments)
                    .inputType(EmbeddingInputType.DOCUMENT)
                    .build());

            // the mock embeds a text the same whatever its type, so the order shows against compatible mode's vectors
            assertThat(response.embeddings()).isEqualTo(plain);
            List<JsonNode> bodies = bodies(NATIVE_PATH);
            assertThat(bodies).hasSize(2);
            assertThat(bodies)
                    .extracting(body -> body.get("parameters").get("text_type").asText())
                    .containsOnly("document");
            assertThat(bodies)
                    .extracting(body -> body.get("input").get("texts").size())
                    .containsExactlyInAnyOrder(10, 2);
        }

        @Test
        void should_send_a_request_without_input_type_to_compatible_mode_without_text_type() throws Exception {
            EmbeddingModel model = model().build();

            model.embed(EmbeddingRequest.builder().input("plain").build());

            assertThat(bodies(NATIVE_PATH)).isEmpty();
            assertThat(bodies("/compatible-mode/v1/embeddings"))
                    .singleElement()
                    .satisfies(body -> assertThat(body.has("text_type")).isFalse());
        }

        @Test
        void should_declare_the_input_type_among_its_supported_parameters() {
            assertThat(model().build().supportedParameters())
                    .contains(dev.langchain4j.model.embedding.request.EmbeddingRequestParameters.INPUT_TYPE);
        }

        @Test
        void should_map_the_native_apis_errors_like_compatible_modes() {
            EmbeddingModel model = model().apiKey("sk-wrong").maxRetries(0).build();

            assertThatThrownBy(() -> model.embed(EmbeddingRequest.builder()
                            .input("q")
                            .inputType(EmbeddingInputType.QUERY)
                            .build()))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageNotContaining("sk-wrong");
        }
    }

    @Nested
    class Listeners {

        private final List<String> events = new ArrayList<>();

        private final EmbeddingModelListener listener = new EmbeddingModelListener() {
            @Override
            public void onRequest(EmbeddingModelRequestContext context) {
                events.add("request " + context.embeddingRequest().parameters().inputType() + " "
                        + context.textSegments().size());
                context.attributes().put("started", true);
            }

            @Override
            public void onResponse(EmbeddingModelResponseContext context) {
                events.add(
                        "response " + context.embeddingResponse().embeddings().size() + " "
                                + context.attributes().get("started"));
            }

            @Override
            public void onError(EmbeddingModelErrorContext context) {
                events.add("error " + context.error().getClass().getSimpleName());
            }
        };

        @Test
        void should_tell_the_listeners_of_a_request_with_an_input_type_and_of_its_response() {
            EmbeddingModel model = model().listeners(List.of(listener)).build();

            model.embed(EmbeddingRequest.builder()
                    .inputs("a question", "another")
                    .inputType(EmbeddingInputType.QUERY)
                    .build());

            assertThat(events).containsExactly("request QUERY 2", "response 2 true");
        }

        @Test
        void should_tell_the_listeners_of_embed_all_and_of_a_failure() {
            EmbeddingModel model = model().listeners(List.of(listener)).build();

            model.embedAll(segments(3));
            assertThatThrownBy(() -> model.embed(
                            EmbeddingRequest.builder().input("x").dimensions(3).build()))
                    .isInstanceOf(IllegalArgumentException.class);

            assertThat(events)
                    .containsExactly(
                            "request null 3", "response 3 true", "request null 1", "error IllegalArgumentException");
        }
    }
}
