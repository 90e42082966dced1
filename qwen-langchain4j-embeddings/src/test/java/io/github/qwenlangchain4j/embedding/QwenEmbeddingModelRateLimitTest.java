package io.github.qwenlangchain4j.embedding;

import static io.github.qwenlangchain4j.embedding.QwenEmbeddingModelTest.segments;
import static io.github.qwenlangchain4j.embedding.QwenEmbeddingModelTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.exception.RateLimitException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ingestion rides out Qwen's rate limits (issue 14): a 429 ({@code limit_requests}, body as Qwen sends it, no
 * {@code Retry-After}) is retried for as long as the call makes progress, only the refused batch is sent again, and
 * the call fails only when nothing has succeeded for {@code rateLimitPatience}; an exhausted quota is not waited for.
 */
class QwenEmbeddingModelRateLimitTest {

    private FakeEmbeddingsServer server;

    @BeforeEach
    void start() {
        server = FakeEmbeddingsServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private QwenEmbeddingModel.Builder model() {
        return QwenEmbeddingModel.builder()
                .apiKey(QwenEmbeddingModelTest.API_KEY)
                .baseUrl(server.baseUrl());
    }

    @Test
    void should_ride_out_more_429s_than_max_retries_and_return_every_vector_in_order() {
        List<String> texts = texts(50);
        server.rateLimitWhenInput(texts.get(15), 4); // one batch refused 4 times, more than maxRetries (2)

        List<Embedding> vectors = model().build().embedAll(segments(texts)).content();

        assertThat(vectors).hasSize(50);
        assertThat(server.received().stream()
                        .filter(r -> r.inputs().contains(texts.get(15)))
                        .count())
                .as("the refused batch: 4 refusals, then its answer")
                .isEqualTo(5);
        assertThat(server.received().stream()
                        .filter(r -> r.inputs().contains(texts.get(0)))
                        .count())
                .as("batches that were answered are not sent again")
                .isEqualTo(1);
    }

    @Test
    void should_ride_out_a_burst_of_429s_on_every_batch() {
        server.rateLimitFirst(20);

        List<Embedding> vectors = model().build().embedAll(segments(texts(80))).content();

        assertThat(vectors).hasSize(80);
    }

    @Test
    void should_pace_to_the_rate_a_token_bucket_admits_and_return_every_vector_in_order() {
        QwenEmbeddingModel model = model().build();
        model.embedAll(segments(texts(10))); // warm: a cold client sends slowly, and a pace set then creeps up slowly
        // 50 requests per second with a burst of 4, 80 batches; without a pace, the seven of eight requests in
        // flight that do not get through would each be refused every 100 to 200 ms (40 to 70 refusals a second)
        server.admitPerSecond(50, 4).delay(Duration.ofMillis(20));
        List<String> texts = texts(800);

        List<Embedding> vectors = model.embedAll(segments(texts)).content();

        assertThat(vectors).hasSize(800);
        assertThat(vectors.get(799).vector())
                .containsExactly(FakeEmbeddingsServer.vectorOf(texts.get(799), FakeEmbeddingsServer.DEFAULT_DIMENSION));
        assertThat(server.countWithStatus(200))
                .as("the warm-up, then each batch answered once")
                .isEqualTo(1 + 80);
        // measuring (a quarter of a second at least) and stepping down to the rate cost refusals, a paced call few
        // more: fewer than one per batch in all, whereas a call without a pace would collect well over a hundred
        assertThat(server.countWithStatus(429)).isLessThan(80);
    }

    @Test
    void should_give_up_when_nothing_succeeds_for_the_patience() {
        server.rateLimitWhenInput("segment 0 of the corpus", 1_000);
        long start = System.nanoTime();

        Throwable thrown = catchThrowable(
                () -> model().rateLimitPatience(Duration.ofMillis(700)).build().embed("segment 0 of the corpus"));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(thrown).isInstanceOf(RateLimitException.class).hasMessageContaining("limit_requests");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(700)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void should_not_wait_for_an_exhausted_quota() {
        server.failWhenInput(
                "segment 0 of the corpus",
                429,
                QwenEmbeddingModelTest.errorBody(
                        "insufficient_quota",
                        "You exceeded your current quota, please check your plan and billing details."));

        assertThatThrownBy(() -> model().maxRetries(1).build().embed("segment 0 of the corpus"))
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("insufficient_quota");
        assertThat(server.received())
                .as("first attempt + maxRetries, no patience")
                .hasSize(2);
    }

    @Test
    void should_refuse_a_negative_patience() {
        assertThatThrownBy(
                        () -> model().rateLimitPatience(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rateLimitPatience");
    }
}
