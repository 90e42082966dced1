package io.github.qwenlangchain4j.batch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import io.github.qwenlangchain4j.Fixtures;
import io.github.qwenlangchain4j.files.QwenFile;
import io.github.qwenlangchain4j.internal.client.RetryPolicy;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: creating a batch (POST /batches) and uploading a file (POST /files) create something billed or tracked,
 * so they are retried only when the request cannot have reached the server (no connection, or a 429), never after a
 * read timeout, a 5xx or a dropped connection.
 */
class QwenBatchCreateRetryTest {

    private static final String KEY = "sk-test-batch-retry-123";
    private static final String BASE = "/compatible-mode/v1";
    private static final String BATCHES = BASE + "/batches";
    private static final String FILES = BASE + "/files";

    /** Compatible-mode 429 with a native code and no request_id (issue 12). */
    private static final String THROTTLING_429 = "{\"error\":{\"code\":\"Throttling.RateQuota\","
            + "\"message\":\"Requests rate limit exceeded, please try again later.\"}}";

    /** Model Studio error-code page (alibabacloud.com/help/en/model-studio/error-code): 500 InternalError. */
    private static final String INTERNAL_ERROR_500 = "{\"code\":\"InternalError\",\"message\":\"An internal error has"
            + " occured, please try again later or contact service support.\",\"request_id\":\"ie-500\"}";

    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private QwenBatches.Builder batches() {
        return QwenBatches.builder().apiKey(KEY).baseUrl(server.baseUrl() + BASE);
    }

    private static QwenBatchCreateRequest createRequest() {
        return QwenBatchCreateRequest.builder()
                .inputFileId("file-batch-xxx")
                .endpoint(QwenBatchEndpoint.CHAT_COMPLETIONS)
                .completionWindow("24h")
                .build();
    }

    private int posts(String path) {
        return server.findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    private static byte[] jsonl() {
        return Fixtures.read("batch/input_chat.jsonl").getBytes(StandardCharsets.UTF_8);
    }

    // ---- POST /batches ----

    @Test
    void should_not_resend_a_batch_creation_after_a_read_timeout() {
        server.stubFor(post(urlEqualTo(BATCHES))
                .willReturn(okJson(Fixtures.read("batch/create_batch_response.json"))
                        .withFixedDelay(1000)));

        Throwable thrown = catchThrowable(() ->
                batches().timeout(Duration.ofMillis(300)).maxRetries(3).build().create(createRequest()));

        assertThat(thrown).isInstanceOf(TimeoutException.class).hasMessageContaining("timed out");
        assertThat(posts(BATCHES))
                .as("the server may have created the batch: never sent twice")
                .isEqualTo(1);
    }

    @Test
    void should_not_resend_a_batch_creation_after_a_500() {
        server.stubFor(post(urlEqualTo(BATCHES)).willReturn(error(500, INTERNAL_ERROR_500)));

        Throwable thrown = catchThrowable(() -> batches().maxRetries(3).build().create(createRequest()));

        assertThat(thrown)
                .isInstanceOf(InternalServerException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("InternalError")
                .hasMessageContaining("ie-500");
        assertThat(posts(BATCHES)).isEqualTo(1);
    }

    @Test
    void should_not_resend_a_batch_creation_after_a_dropped_connection() {
        server.stubFor(post(urlEqualTo(BATCHES)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Throwable thrown = catchThrowable(() -> batches().maxRetries(3).build().create(createRequest()));

        assertThat(thrown).isInstanceOf(RetriableException.class);
        assertThat(posts(BATCHES)).isEqualTo(1);
    }

    @Test
    void should_resend_a_batch_creation_after_a_429_and_succeed() {
        stubInSequence(BATCHES, error(429, THROTTLING_429), okJson(Fixtures.read("batch/create_batch_response.json")));

        QwenBatch batch = batches().maxRetries(2).build().create(createRequest());

        assertThat(batch.id()).isEqualTo("batch_xxx");
        assertThat(batch.status()).isEqualTo(QwenBatchStatus.VALIDATING);
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo(BATCHES)));
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getBodyAsString())
                .as("the retry sends the same body")
                .isEqualTo(requests.get(0).getBodyAsString())
                .contains("\"input_file_id\":\"file-batch-xxx\"");
    }

    @Test
    void should_give_up_on_a_batch_creation_after_max_retries_of_429() {
        server.stubFor(post(urlEqualTo(BATCHES)).willReturn(error(429, THROTTLING_429)));

        Throwable thrown = catchThrowable(() -> batches().maxRetries(1).build().create(createRequest()));

        assertThat(thrown).isInstanceOf(RateLimitException.class).hasMessageContaining("Throttling.RateQuota");
        assertThat(posts(BATCHES)).isEqualTo(2);
    }

    @Test
    void should_still_retry_a_500_of_a_read_only_batch_call() {
        // The contrast: GET /batches/{id} creates nothing and is retried as usual.
        stubGetInSequence(
                BATCHES + "/batch_abc123",
                error(500, INTERNAL_ERROR_500),
                okJson(Fixtures.read("batch/retrieve_batch_completed.json")));

        QwenBatch batch = batches().maxRetries(1).build().retrieve("batch_abc123");

        assertThat(batch.status()).isEqualTo(QwenBatchStatus.COMPLETED);
        assertThat(server.findAll(getRequestedFor(urlEqualTo(BATCHES + "/batch_abc123"))))
                .hasSize(2);
    }

    // ---- POST /files ----

    @Test
    void should_not_resend_an_upload_after_a_500() {
        server.stubFor(post(urlEqualTo(FILES)).willReturn(error(500, INTERNAL_ERROR_500)));

        Throwable thrown =
                catchThrowable(() -> batches().maxRetries(3).build().files().upload("test.jsonl", jsonl()));

        assertThat(thrown).isInstanceOf(InternalServerException.class).hasMessageContaining("ie-500");
        assertThat(posts(FILES)).isEqualTo(1);
    }

    @Test
    void should_not_resend_an_upload_after_a_connection_reset() {
        server.stubFor(post(urlEqualTo(FILES)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Throwable thrown =
                catchThrowable(() -> batches().maxRetries(3).build().files().upload("test.jsonl", jsonl()));

        assertThat(thrown).isInstanceOf(RetriableException.class);
        assertThat(posts(FILES)).isEqualTo(1);
    }

    @Test
    void should_not_resend_an_upload_after_an_empty_response() {
        server.stubFor(post(urlEqualTo(FILES)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        Throwable thrown =
                catchThrowable(() -> batches().maxRetries(3).build().files().upload("test.jsonl", jsonl()));

        assertThat(thrown).isInstanceOf(RetriableException.class);
        assertThat(posts(FILES))
                .as("neither we nor OkHttp send the upload again")
                .isEqualTo(1);
    }

    @Test
    void should_not_resend_an_upload_after_a_read_timeout() {
        server.stubFor(post(urlEqualTo(FILES))
                .willReturn(
                        okJson(Fixtures.read("batch/upload_file_response.json")).withFixedDelay(3000)));

        Throwable thrown = catchThrowable(() -> batches()
                .timeout(Duration.ofMillis(800))
                .maxRetries(3)
                .build()
                .files()
                .upload("test.jsonl", jsonl()));

        assertThat(thrown).isInstanceOf(TimeoutException.class);
        // at most the one attempt: on a loaded machine the timeout may even pass before the server has logged it
        assertThat(posts(FILES)).isLessThanOrEqualTo(1);
    }

    @Test
    void should_resend_an_upload_after_a_429_and_succeed() {
        stubInSequence(FILES, error(429, THROTTLING_429), okJson(Fixtures.read("batch/upload_file_response.json")));

        QwenFile file = batches().maxRetries(1).build().files().upload("test.jsonl", jsonl());

        assertThat(file.id()).isEqualTo("file-batch-xxx");
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo(FILES)));
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getBodyAsString()).contains(new String(jsonl(), StandardCharsets.UTF_8));
    }

    @Test
    void should_not_resend_an_upload_refused_as_invalid() {
        server.stubFor(
                post(urlEqualTo(FILES))
                        .willReturn(
                                error(
                                        400,
                                        "{\"error\":{\"code\":\"invalid_parameter_error\","
                                                + "\"message\":\"bad file\",\"type\":\"invalid_request_error\"},\"request_id\":\"f-400\"}")));

        Throwable thrown =
                catchThrowable(() -> batches().maxRetries(3).build().files().upload("test.jsonl", jsonl()));

        assertThat(thrown).isExactlyInstanceOf(InvalidRequestException.class).hasMessageContaining("f-400");
        assertThat(posts(FILES)).isEqualTo(1);
    }

    // ---- RetryPolicy.cannotHaveReachedServer ----

    @Test
    void should_say_a_request_cannot_have_reached_the_server_only_when_no_connection_was_made_or_it_got_a_429() {
        assertThat(RetryPolicy.cannotHaveReachedServer(new RateLimitException("429")))
                .isTrue();
        assertThat(RetryPolicy.cannotHaveReachedServer(
                        new RetriableException("refused", new ConnectException("Connection refused"))))
                .isTrue();
        assertThat(RetryPolicy.cannotHaveReachedServer(
                        new RetriableException("dns", new UnknownHostException("dashscope-intl.aliyuncs.com"))))
                .isTrue();
        assertThat(RetryPolicy.cannotHaveReachedServer(
                        new RetriableException("route", new NoRouteToHostException("No route to host"))))
                .isTrue();
        assertThat(RetryPolicy.cannotHaveReachedServer(
                        new TimeoutException("slow", new SocketTimeoutException("connect timed out"))))
                .isTrue();
        assertThat(RetryPolicy.cannotHaveReachedServer(
                        new TimeoutException("slow", new SocketTimeoutException("Connect timed out"))))
                .isTrue();
        // a cause further down the chain counts too
        assertThat(RetryPolicy.cannotHaveReachedServer(new RetriableException(
                        "wrapped", new java.io.IOException("failed", new ConnectException("Connection refused")))))
                .isTrue();
    }

    @Test
    void should_say_a_request_may_have_reached_the_server_after_a_read_timeout_a_5xx_or_a_dropped_connection() {
        assertThat(RetryPolicy.cannotHaveReachedServer(
                        new TimeoutException("slow", new SocketTimeoutException("Read timed out"))))
                .isFalse();
        assertThat(RetryPolicy.cannotHaveReachedServer(
                        new TimeoutException("slow", new SocketTimeoutException("timeout"))))
                .isFalse();
        assertThat(RetryPolicy.cannotHaveReachedServer(
                        new TimeoutException("slow", new java.io.InterruptedIOException("timeout"))))
                .isFalse();
        assertThat(RetryPolicy.cannotHaveReachedServer(new TimeoutException("slow", new SocketTimeoutException(null))))
                .isFalse();
        assertThat(RetryPolicy.cannotHaveReachedServer(new InternalServerException("500")))
                .isFalse();
        assertThat(RetryPolicy.cannotHaveReachedServer(
                        new RetriableException("reset", new SocketException("Connection reset"))))
                .isFalse();
        assertThat(RetryPolicy.cannotHaveReachedServer(
                        new RetriableException("eof", new java.io.IOException("unexpected end of stream"))))
                .isFalse();
        assertThat(RetryPolicy.cannotHaveReachedServer(new RetriableException("no cause")))
                .isFalse();
        assertThat(RetryPolicy.cannotHaveReachedServer(new AuthenticationException("401")))
                .isFalse();
        assertThat(RetryPolicy.cannotHaveReachedServer(new LangChain4jException("malformed")))
                .isFalse();
    }

    private static ResponseDefinitionBuilder error(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** Each POST to {@code path} gets the next response; the last one repeats. */
    private void stubInSequence(String path, ResponseDefinitionBuilder... responses) {
        String state = STARTED;
        for (int i = 0; i < responses.length; i++) {
            String next = i + 1 < responses.length ? "after-" + (i + 1) : state;
            server.stubFor(post(urlEqualTo(path))
                    .inScenario("post " + path)
                    .whenScenarioStateIs(state)
                    .willReturn(responses[i])
                    .willSetStateTo(next));
            state = next;
        }
    }

    /** Each GET of {@code path} gets the next response; the last one repeats. */
    private void stubGetInSequence(String path, ResponseDefinitionBuilder... responses) {
        String state = STARTED;
        for (int i = 0; i < responses.length; i++) {
            String next = i + 1 < responses.length ? "after-" + (i + 1) : state;
            server.stubFor(get(urlEqualTo(path))
                    .inScenario("get " + path)
                    .whenScenarioStateIs(state)
                    .willReturn(responses[i])
                    .willSetStateTo(next));
            state = next;
        }
    }
}
