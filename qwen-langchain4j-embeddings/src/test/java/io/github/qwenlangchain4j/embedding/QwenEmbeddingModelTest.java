package io.github.qwenlangchain4j.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.embedding.listener.EmbeddingModelErrorContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.listener.EmbeddingModelRequestContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelResponseContext;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import io.github.qwenlangchain4j.embedding.FakeEmbeddingsServer.Received;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link QwenEmbeddingModel} against {@link FakeEmbeddingsServer}: batching and order, dimensions, usage,
 * bounded and adaptive concurrency, failures, validation before sending, listeners and per-request parameters.
 * Concurrency is asserted on the server's counters, never on wall-clock time.
 */
@Isolated // counts the threads of the whole process
class QwenEmbeddingModelTest {

    /** A distinctive fake key, so that tests can check it never leaks. */
    static final String API_KEY = "sk-test-EMB-SECRET-0987654321";

    private static final ObjectMapper JSON = new ObjectMapper();

    FakeEmbeddingsServer server;

    @BeforeEach
    void startServer() {
        server = FakeEmbeddingsServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    QwenEmbeddingModel.Builder model() {
        return QwenEmbeddingModel.builder().apiKey(API_KEY).baseUrl(server.baseUrl());
    }

    static List<String> texts(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "segment " + i + " of the corpus")
                .collect(Collectors.toList());
    }

    static List<TextSegment> segments(List<String> texts) {
        return texts.stream().map(TextSegment::from).collect(Collectors.toList());
    }

    static List<TextSegment> segments(int count) {
        return segments(texts(count));
    }

    static List<Thread> liveWorkerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("qwen-embeddings-") && t.isAlive())
                .collect(Collectors.toList());
    }

    static String fixture(String path) {
        try (InputStream in = QwenEmbeddingModelTest.class.getResourceAsStream("/fixtures/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String errorBody(String code, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":null,"
                + "\"code\":\"" + code + "\"},\"request_id\":\"" + FakeEmbeddingsServer.REQUEST_ID + "\"}";
    }

    /** Records every listener callback. */
    static final class RecordingListener implements EmbeddingModelListener {
        final List<EmbeddingModelRequestContext> requests = new CopyOnWriteArrayList<>();
        final List<EmbeddingModelResponseContext> responses = new CopyOnWriteArrayList<>();
        final List<EmbeddingModelErrorContext> errors = new CopyOnWriteArrayList<>();

        @Override
        public void onRequest(EmbeddingModelRequestContext context) {
            requests.add(context);
        }

        @Override
        public void onResponse(EmbeddingModelResponseContext context) {
            responses.add(context);
        }

        @Override
        public void onError(EmbeddingModelErrorContext context) {
            errors.add(context);
        }
    }

    // ---- order and batching ----------------------------------------------------------------------------------

    @Test
    void should_keep_input_order_across_many_batches_when_the_server_shuffles_data() {
        server.shuffleData();
        List<String> texts = texts(1000);

        List<Embedding> embeddings = model().build().embedAll(segments(texts)).content();

        assertThat(embeddings).hasSize(1000);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(embeddings.get(i).vector())
                    .as("embedding %d", i)
                    .containsExactly(
                            FakeEmbeddingsServer.vectorOf(texts.get(i), FakeEmbeddingsServer.DEFAULT_DIMENSION));
        }
        assertThat(server.requestCount()).isEqualTo(100);
        assertThat(server.embeddedInputs()).containsExactlyInAnyOrderElementsOf(texts);
        assertThat(server.received()).allSatisfy(r -> assertThat(r.inputs()).hasSize(10));
        assertThat(server.outOfOrderAnswers())
                .as("answers whose data was shuffled")
                .isGreaterThan(90);
    }

    @ParameterizedTest(name = "{0} -> batches of {1}")
    @CsvSource({
        "text-embedding-v4, 10",
        "text-embedding-v3, 10",
        "text-embedding-v2, 25",
        "text-embedding-v1, 25",
        "text-embedding-v9-preview, 10"
    })
    void should_split_into_batches_of_the_models_limit(String modelName, int batchSize) {
        List<String> texts = texts(60);

        List<Embedding> embeddings =
                model().modelName(modelName).build().embedAll(segments(texts)).content();

        assertThat(embeddings).hasSize(60);
        List<Received> requests = server.received();
        assertThat(requests).hasSize((60 + batchSize - 1) / batchSize);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.inputs()).hasSizeLessThanOrEqualTo(batchSize);
            assertThat(r.body().path("model").asText()).isEqualTo(modelName);
        });
        assertThat(requests.stream().mapToInt(r -> r.inputs().size()).max().orElse(0))
                .isEqualTo(batchSize);
    }

    @Test
    void should_use_a_custom_max_segments_per_batch() {
        model().maxSegmentsPerBatch(4).build().embedAll(segments(30));

        assertThat(server.received()).hasSize(8);
        assertThat(server.received().stream()
                        .map(r -> r.inputs().size())
                        .sorted()
                        .collect(Collectors.toList()))
                .containsExactly(2, 4, 4, 4, 4, 4, 4, 4);
    }

    @Test
    void should_let_an_unknown_model_use_a_larger_batch_than_the_known_limits() {
        model().modelName("text-embedding-v9-preview")
                .maxSegmentsPerBatch(50)
                .build()
                .embedAll(segments(100));

        assertThat(server.received())
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.inputs()).hasSize(50));
    }

    @Test
    void should_refuse_at_build_a_batch_size_above_the_models_limit() {
        assertThatThrownBy(() -> model().maxSegmentsPerBatch(11).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("11")
                .hasMessageContaining("text-embedding-v4")
                .hasMessageContaining("10");
        assertThatThrownBy(() -> model().modelName("text-embedding-v1")
                        .maxSegmentsPerBatch(26)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("25");
        assertThat(model().modelName("text-embedding-v1")
                        .maxSegmentsPerBatch(25)
                        .build())
                .isNotNull();
        assertThatThrownBy(() -> model().maxSegmentsPerBatch(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxSegmentsPerBatch");
        assertThatThrownBy(() -> model().maxConcurrentRequests(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxConcurrentRequests");
        assertThat(server.requestCount()).isZero();
    }

    // ---- dimensions and the wire format ----------------------------------------------------------------------

    @Test
    void should_send_dimensions_when_set_and_answer_dimension_without_a_request() {
        QwenEmbeddingModel model = model().dimensions(512).build();

        assertThat(model.dimension()).isEqualTo(512);
        assertThat(server.requestCount()).isZero();

        List<Embedding> embeddings = model.embedAll(segments(25)).content();

        assertThat(embeddings).allSatisfy(e -> assertThat(e.dimension()).isEqualTo(512));
        assertThat(server.received()).hasSize(3).allSatisfy(r -> {
            assertThat(r.body().path("dimensions").asInt()).isEqualTo(512);
            assertThat(r.body().path("encoding_format").asText()).isEqualTo("float");
        });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "text-embedding-v4, 1024",
        "text-embedding-v3, 1024",
        "text-embedding-v2, 1536",
        "text-embedding-v1, 1536"
    })
    void should_know_the_default_dimension_of_known_models_without_a_request(String modelName, int dimension) {
        assertThat(model().modelName(modelName).build().dimension()).isEqualTo(dimension);
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void should_not_send_dimensions_when_not_set_but_always_send_encoding_format_float() {
        model().build().embed("hello world");

        JsonNode body = server.received().get(0).body();
        assertThat(body.has("dimensions")).isFalse();
        assertThat(body.path("encoding_format").asText()).isEqualTo("float");
        assertThat(body.path("model").asText()).isEqualTo("text-embedding-v4");
    }

    @Test
    void should_ask_the_server_for_the_dimension_of_an_unknown_model() {
        QwenEmbeddingModel model =
                model().modelName("text-embedding-v9-preview").build();

        assertThat(model.dimension()).isEqualTo(FakeEmbeddingsServer.DEFAULT_DIMENSION);
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(model.dimension()).isEqualTo(FakeEmbeddingsServer.DEFAULT_DIMENSION);
        assertThat(server.requestCount()).as("the dimension is remembered").isEqualTo(1);
    }

    @Test
    void should_send_the_same_request_as_the_documented_list_example() throws IOException {
        List<String> lines = List.of("风急天高猿啸哀", "渚清沙白鸟飞回", "无边落木萧萧下", "不尽长江滚滚来");

        model().dimensions(1024).build().embedAll(segments(lines));

        assertThat(server.received().get(0).body()).isEqualTo(JSON.readTree(fixture("embeddings/request_list.json")));
    }

    @Test
    void should_parse_the_documented_response() {
        server.fixedAnswer(fixture("embeddings/response_valid_minimal.json"));

        Response<List<Embedding>> response = model().build().embedAll(segments(List.of("first", "second")));

        assertThat(response.content()).hasSize(2);
        assertThat(response.content().get(0).vector()).containsExactly(-0.0695386752486229f, 0.030681096017360687f);
        assertThat(response.content().get(1).vector()).containsExactly(-0.06348952651023865f, 0.060446035116910934f);
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(184);
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(184);
    }

    @Test
    void should_fail_without_retrying_when_the_server_returns_fewer_embeddings_than_inputs() {
        server.fixedAnswer(fixture("embeddings/response_valid_minimal.json")); // two embeddings

        Throwable thrown = catchThrowable(() -> model().build().embedAll(segments(List.of("a", "b", "c"))));

        assertThat(thrown)
                .isExactlyInstanceOf(LangChain4jException.class)
                .hasMessageContaining("Embedding inputs 0 to 2 failed")
                .hasMessageContaining("expected 3 embeddings, got 2");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    // ---- usage -----------------------------------------------------------------------------------------------

    @Test
    void should_sum_token_usage_across_batches() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            texts.add("word ".repeat(i % 7 + 1) + i);
        }
        int expected = texts.stream().mapToInt(FakeEmbeddingsServer::tokensOf).sum();

        Response<List<Embedding>> response = model().build().embedAll(segments(texts));

        assertThat(server.requestCount()).isEqualTo(4);
        TokenUsage usage = response.tokenUsage();
        assertThat(usage.inputTokenCount()).isEqualTo(expected);
        assertThat(usage.totalTokenCount()).isEqualTo(expected);
    }

    // ---- concurrency -----------------------------------------------------------------------------------------

    @Test
    void should_run_batches_concurrently() {
        server.delay(Duration.ofMillis(50));

        List<Embedding> embeddings =
                model().maxConcurrentRequests(4).build().embedAll(segments(160)).content();

        assertThat(embeddings).hasSize(160);
        assertThat(server.maxInFlight()).isBetween(2, 4);
    }

    @Test
    void should_reach_but_never_exceed_max_concurrent_requests() {
        // the first three requests are held until all three are in flight: proof that three can overlap
        server.holdFirstUntilInFlight(3).delay(Duration.ofMillis(10));

        List<Embedding> embeddings =
                model().maxConcurrentRequests(3).build().embedAll(segments(300)).content();

        assertThat(embeddings).hasSize(300);
        assertThat(server.received().subList(0, 3))
                .extracting(Received::inFlightOnArrival)
                .contains(3);
        assertThat(server.maxInFlight()).isEqualTo(3);
    }

    @Test
    void should_default_to_eight_concurrent_requests() {
        server.holdFirstUntilInFlight(8).delay(Duration.ofMillis(10));

        model().build().embedAll(segments(200));

        assertThat(QwenEmbeddingModel.DEFAULT_MAX_CONCURRENT_REQUESTS).isEqualTo(8);
        assertThat(server.maxInFlight()).isEqualTo(8);
    }

    @Test
    void should_send_a_burst_of_refused_requests_again_after_a_pause_and_still_succeed() {
        // eight requests in flight together, all answered 429: too few to measure a rate, so no pace yet, but the
        // refused batches wait before they are sent again instead of bursting straight back
        server.holdFirstUntilInFlight(8).rateLimitFirst(8).delay(Duration.ofMillis(20));
        List<String> texts = texts(300);

        List<Embedding> embeddings = model().maxConcurrentRequests(8)
                .build()
                .embedAll(segments(texts))
                .content();

        assertThat(embeddings).hasSize(300);
        assertThat(embeddings.get(299).vector())
                .containsExactly(FakeEmbeddingsServer.vectorOf(texts.get(299), FakeEmbeddingsServer.DEFAULT_DIMENSION));
        List<Received> received = server.received();
        assertThat(received.subList(0, 8))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(429));
        assertThat(received.subList(0, 8))
                .extracting(Received::inFlightOnArrival)
                .contains(8);
        assertThat(server.countWithStatus(429)).isEqualTo(8);
        assertThat(received)
                .as("each batch answered once, the refused ones sent again")
                .hasSize(30 + 8);
        for (Received refused : received.subList(0, 8)) {
            Received again = received.stream()
                    .filter(r -> r.sequence() > refused.sequence() && r.inputs().equals(refused.inputs()))
                    .findFirst()
                    .orElseThrow();
            // the 429 is answered after the server's 20 ms, then the batch waits 100 to 200 ms: a lower bound, which
            // a loaded machine (CI) can only stretch
            assertThat(Duration.ofNanos(again.arrivedAtNanos() - refused.arrivedAtNanos()))
                    .as("pause before batch %s is sent again", refused.inputs().get(0))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(100));
        }
    }

    @Test
    void should_fail_with_rate_limit_exception_naming_the_batch_when_429s_outlast_the_retries_without_patience() {
        List<String> texts = texts(30);
        server.rateLimitWhenInput(texts.get(15), 100);

        Throwable thrown = catchThrowable(() ->
                model().maxRetries(1).rateLimitPatience(Duration.ZERO).build().embedAll(segments(texts)));

        assertThat(thrown)
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("Embedding inputs 10 to 19 failed")
                .hasMessageContaining("one of 3 batches")
                .hasMessageContaining("HTTP 429")
                .hasMessageContaining("limit_requests");
        assertThat(server.received().stream()
                        .filter(r -> r.inputs().contains(texts.get(15)))
                        .count())
                .as("first attempt + 1 retry")
                .isEqualTo(2);
        assertThat(liveWorkerThreads()).isEmpty();
    }

    // ---- failures --------------------------------------------------------------------------------------------

    @Test
    void should_fail_the_whole_call_on_a_400_in_one_batch_without_retrying_or_partial_result() {
        List<String> texts = texts(50);
        server.failWhenInput(texts.get(25), 400, errorBody("InvalidParameter", "Input text is too long."));
        RecordingListener listener = new RecordingListener();

        Throwable thrown = catchThrowable(
                () -> model().listeners(List.of(listener)).build().embedAll(segments(texts)));

        assertThat(thrown)
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Embedding inputs 20 to 29 failed")
                .hasMessageContaining("no embeddings are returned")
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("InvalidParameter")
                .hasMessageContaining("Input text is too long.")
                .hasMessageContaining(FakeEmbeddingsServer.REQUEST_ID);
        assertThat(server.received().stream()
                        .filter(r -> r.inputs().contains(texts.get(25)))
                        .count())
                .as("a 400 is not retried")
                .isEqualTo(1);
        assertThat(listener.responses).isEmpty();
        assertThat(listener.errors).hasSize(1);
        assertThat(listener.errors.get(0).error()).isSameAs(thrown);
        assertThat(liveWorkerThreads()).isEmpty();
    }

    @Test
    void should_fail_with_internal_server_exception_after_retrying_a_500() {
        List<String> texts = texts(30);
        server.failWhenInput(texts.get(3), 500, errorBody("InternalError", "An internal error has occured."));

        Throwable thrown = catchThrowable(() -> model().build().embedAll(segments(texts)));

        assertThat(thrown)
                .isInstanceOf(InternalServerException.class)
                .hasMessageContaining("Embedding inputs 0 to 9 failed")
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("InternalError");
        assertThat(server.received().stream()
                        .filter(r -> r.inputs().contains(texts.get(3)))
                        .count())
                .as("first attempt + 2 default retries")
                .isEqualTo(3);
        assertThat(liveWorkerThreads()).isEmpty();
    }

    @Test
    void should_name_the_inputs_of_a_single_failing_batch() {
        server.failWhenInput("b", 400, errorBody("InvalidParameter", "bad input"));

        Throwable thrown = catchThrowable(() -> model().build().embedAll(segments(List.of("a", "b", "c"))));

        assertThat(thrown)
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("Embedding inputs 0 to 2 failed: ")
                .hasMessageNotContaining("batches");
    }

    @Test
    void should_stop_sending_batches_after_one_failed() {
        List<String> texts = texts(100);
        server.failWhenInput(texts.get(25), 400, errorBody("InvalidParameter", "bad input"));

        assertThatThrownBy(() -> model().maxConcurrentRequests(1).build().embedAll(segments(texts)))
                .isInstanceOf(InvalidRequestException.class);

        assertThat(server.requestCount())
                .as("batches 0, 1 and the failing 2; none after")
                .isEqualTo(3);
    }

    @Test
    void should_leave_no_worker_thread_behind_after_success_or_failure() {
        server.delay(Duration.ofMillis(5));
        QwenEmbeddingModel model = model().build();

        for (int i = 0; i < 5; i++) {
            model.embedAll(segments(120));
            assertThat(liveWorkerThreads()).as("after success %d", i).isEmpty();
        }
        server.failWhenInput("segment 55 of the corpus", 400, errorBody("InvalidParameter", "bad input"));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> model.embedAll(segments(120))).isInstanceOf(InvalidRequestException.class);
            assertThat(liveWorkerThreads()).as("after failure %d", i).isEmpty();
        }
    }

    @Test
    void should_fail_with_timeout_exception_naming_the_inputs() {
        server.delay(Duration.ofMillis(1500));

        Throwable thrown = catchThrowable(() ->
                model().timeout(Duration.ofMillis(200)).maxRetries(0).build().embedAll(segments(List.of("a", "b"))));

        assertThat(thrown).isInstanceOf(TimeoutException.class).hasMessageContaining("Embedding inputs 0 to 1 failed");
    }

    @Test
    void should_name_a_single_failed_input_as_one_input() {
        server.delay(Duration.ofMillis(1500));

        Throwable thrown = catchThrowable(() ->
                model().timeout(Duration.ofMillis(200)).maxRetries(0).build().embed("just one"));

        assertThat(thrown)
                .isInstanceOf(TimeoutException.class)
                .hasMessageContaining("Embedding input 0 failed")
                .hasMessageNotContaining("inputs 0 to 0");
    }

    @Test
    void should_fail_with_a_retriable_exception_naming_the_inputs_when_the_server_is_unreachable() {
        String baseUrl = server.baseUrl();
        server.close();

        Throwable thrown = catchThrowable(() -> QwenEmbeddingModel.builder()
                .apiKey(API_KEY)
                .baseUrl(baseUrl)
                .maxRetries(0)
                .build()
                .embedAll(segments(15)));

        assertThat(thrown)
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("Embedding inputs ")
                .hasMessageContaining("one of 2 batches")
                .hasMessageNotContaining(API_KEY);
        assertThat(liveWorkerThreads()).isEmpty();
    }

    @Test
    void should_leave_token_usage_null_when_the_server_reports_none() {
        server.fixedAnswer("{\"data\":[{\"embedding\":[0.1,0.2],\"index\":0},{\"embedding\":[0.3,0.4],\"index\":1}],"
                + "\"model\":\"text-embedding-v4\"}");

        Response<List<Embedding>> response =
                model().maxSegmentsPerBatch(2).build().embedAll(segments(4));

        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(response.content()).hasSize(4);
        assertThat(response.tokenUsage()).isNull();
    }

    @Test
    void should_map_401_to_authentication_exception_without_the_key() {
        server.failWhenInput(
                "hello", 401, errorBody("invalid_api_key", "Incorrect API key provided: " + API_KEY + ". "));

        Throwable thrown = catchThrowable(() -> model().build().embed("hello"));

        assertThat(thrown)
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("invalid_api_key")
                .hasMessageContaining(server.baseUrl())
                .hasMessageNotContaining(API_KEY);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void should_never_show_the_api_key_in_to_string() {
        QwenEmbeddingModel model = model().dimensions(256).build();

        assertThat(model.toString())
                .doesNotContain(API_KEY)
                .contains("text-embedding-v4")
                .contains("256");
    }

    // ---- validation before sending -----------------------------------------------------------------------

    @Test
    void should_refuse_a_null_list() {
        assertThatThrownBy(() -> model().build().embedAll(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("textSegments");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void should_refuse_a_null_segment_naming_its_index() {
        List<TextSegment> segments = new ArrayList<>(segments(3));
        segments.set(1, null);

        assertThatThrownBy(() -> model().build().embedAll(segments))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1]");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void should_refuse_an_empty_or_blank_input_naming_its_index() {
        QwenEmbeddingModel model = model().build();

        assertThatThrownBy(() -> model.embed(EmbeddingRequest.builder()
                        .inputs("fine", "also fine", "  ")
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Input 2 is empty or blank");
        assertThatThrownBy(() -> model.embed(
                        EmbeddingRequest.builder().inputs("", "fine").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Input 0 is empty or blank");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void should_refuse_a_v4_dimension_it_does_not_offer_listing_the_allowed_values() {
        assertThatThrownBy(() -> model().dimensions(100).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimensions 100")
                .hasMessageContaining("text-embedding-v4")
                .hasMessageContaining("[2048, 1536, 1024, 768, 512, 256, 128, 64]");
    }

    @Test
    void should_refuse_v3_with_2048_and_v1_with_anything_but_1536() {
        assertThatThrownBy(() ->
                        model().modelName("text-embedding-v3").dimensions(2048).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1024, 768, 512]");
        assertThatThrownBy(() ->
                        model().modelName("text-embedding-v1").dimensions(1024).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1536]");
        assertThat(model().modelName("text-embedding-v3")
                        .dimensions(512)
                        .build()
                        .dimension())
                .isEqualTo(512);
        assertThatThrownBy(() -> model().modelName("text-embedding-v9-preview")
                        .dimensions(-1)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }

    @Test
    void should_pass_any_dimension_through_for_an_unknown_model() {
        QwenEmbeddingModel model =
                model().modelName("text-embedding-v9-preview").dimensions(100).build();

        Embedding embedding = model.embed("hello").content();

        assertThat(embedding.dimension()).isEqualTo(100);
        assertThat(server.received().get(0).body().path("dimensions").asInt()).isEqualTo(100);
    }

    @Test
    void should_refuse_an_invalid_per_request_dimension_before_sending() {
        QwenEmbeddingModel model = model().build();

        assertThatThrownBy(() -> model.embed(EmbeddingRequest.builder()
                        .input("hello")
                        .dimensions(100)
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2048, 1536, 1024, 768, 512, 256, 128, 64]");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void should_require_an_api_key_naming_the_environment_variable() {
        assertThatThrownBy(() ->
                        QwenEmbeddingModel.builder().baseUrl(server.baseUrl()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DASHSCOPE_API_KEY");
        assertThatThrownBy(() -> QwenEmbeddingModel.builder().apiKey("  ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DASHSCOPE_API_KEY");
    }

    @Test
    void should_refuse_image_input_as_unsupported() {
        QwenEmbeddingModel model = model().build();

        assertThatThrownBy(() -> model.embed(EmbeddingRequest.builder()
                        .input(ImageContent.from("https://example.com/cat.png"))
                        .build()))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("IMAGE");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void should_return_an_empty_list_without_a_request() {
        Response<List<Embedding>> response = model().build().embedAll(List.of());

        assertThat(response.content()).isEmpty();
        assertThat(server.requestCount()).isZero();
    }

    // ---- listeners and per-request parameters ----------------------------------------------------------------

    @Test
    void should_notify_listeners_once_per_call_with_every_embedding() {
        RecordingListener listener = new RecordingListener();
        List<String> texts = texts(25);

        model().listeners(List.of(listener)).build().embedAll(segments(texts));

        assertThat(server.requestCount()).isEqualTo(3);
        assertThat(listener.requests).hasSize(1);
        assertThat(listener.requests.get(0).textSegments()).hasSize(25);
        assertThat(listener.responses).hasSize(1);
        assertThat(listener.responses.get(0).embeddingResponse().embeddings()).hasSize(25);
        assertThat(listener.responses
                        .get(0)
                        .embeddingResponse()
                        .metadata()
                        .tokenUsage()
                        .inputTokenCount())
                .isEqualTo(
                        texts.stream().mapToInt(FakeEmbeddingsServer::tokensOf).sum());
        assertThat(listener.errors).isEmpty();
    }

    @Test
    void should_name_the_blank_input_also_when_a_listener_is_attached() {
        RecordingListener listener = new RecordingListener();
        QwenEmbeddingModel model = model().listeners(List.of(listener)).build();

        Throwable thrown = catchThrowable(
                () -> model.embed(EmbeddingRequest.builder().inputs("ok", " ").build()));

        assertThat(thrown)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Input 1 is empty or blank");
        assertThat(listener.responses).isEmpty();
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void should_honour_per_request_model_name_and_dimensions() {
        QwenEmbeddingModel model = model().build();

        EmbeddingResponse response = model.embed(EmbeddingRequest.builder()
                .inputs("alpha", "beta")
                .modelName("text-embedding-v3")
                .dimensions(512)
                .build());

        JsonNode body = server.received().get(0).body();
        assertThat(body.path("model").asText()).isEqualTo("text-embedding-v3");
        assertThat(body.path("dimensions").asInt()).isEqualTo(512);
        assertThat(response.embeddings())
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.dimension()).isEqualTo(512));
        assertThat(response.metadata().modelName()).isEqualTo("text-embedding-v3");
        assertThat(model.dimension())
                .as("the configured dimension is unchanged")
                .isEqualTo(1024);
    }

    @Test
    void should_batch_a_per_request_model_by_its_own_limit() {
        model().build()
                .embed(EmbeddingRequest.builder()
                        .inputs(texts(50).toArray(new String[0]))
                        .modelName("text-embedding-v2")
                        .build());

        assertThat(server.received()).hasSize(2).allSatisfy(r -> {
            assertThat(r.inputs()).hasSize(25);
            assertThat(r.body().path("model").asText()).isEqualTo("text-embedding-v2");
        });
    }

    @Test
    void should_keep_a_smaller_configured_batch_size_for_a_per_request_model() {
        model().maxSegmentsPerBatch(5)
                .build()
                .embed(EmbeddingRequest.builder()
                        .inputs(texts(20).toArray(new String[0]))
                        .modelName("text-embedding-v2")
                        .build());

        assertThat(server.received())
                .hasSize(4)
                .allSatisfy(r -> assertThat(r.inputs()).hasSize(5));
    }

    @Test
    void should_refuse_a_per_request_dimension_the_per_request_model_does_not_offer() {
        QwenEmbeddingModel model = model().dimensions(2048).build(); // valid for v4, not for v3

        assertThatThrownBy(() -> model.embed(EmbeddingRequest.builder()
                        .input("hello")
                        .modelName("text-embedding-v3")
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text-embedding-v3")
                .hasMessageContaining("[1024, 768, 512]");
        assertThat(server.requestCount()).isZero();
    }
}
