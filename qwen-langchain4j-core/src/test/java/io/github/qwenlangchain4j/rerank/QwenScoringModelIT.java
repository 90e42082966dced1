package io.github.qwenlangchain4j.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.model.output.Response;
import io.github.qwenlangchain4j.QwenRegion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@link QwenScoringModel} against the live rerank APIs (qwen3-rerank on the OpenAI-compatible
 * {@code /compatible-api/v1/reranks} by default, the native text rerank API by switch and for the other models).
 * Needs {@code DASHSCOPE_API_KEY}; {@code QWEN_REGION} (e.g. {@code CHINA_BEIJING}) selects the key's region, default Singapore, where qwen3-rerank is served;
 * {@code QWEN_RERANK_MODEL} another model (gte-rerank-v2 and qwen3-vl-rerank are served in Beijing).
 */
@EnabledIfEnvironmentVariable(named = "DASHSCOPE_API_KEY", matches = ".+")
class QwenScoringModelIT {

    static final List<TextSegment> DOCUMENTS = List.of(
            TextSegment.from("Quantum computing is a cutting-edge field of computer science."),
            TextSegment.from("Rerank models are widely used in search engines and recommendation systems. They sort"
                    + " candidate documents based on text relevance."),
            TextSegment.from("The development of pre-trained language models has brought new advancements to rerank"
                    + " models."));
    static final String QUERY = "What is a rerank model?";

    static QwenScoringModel.Builder live() {
        String region = System.getenv("QWEN_REGION");
        String model = System.getenv("QWEN_RERANK_MODEL");
        return QwenScoringModel.builder()
                .apiKey(System.getenv("DASHSCOPE_API_KEY"))
                .region(region == null || region.isBlank() ? QwenRegion.SINGAPORE : QwenRegion.valueOf(region))
                .modelName(model == null || model.isBlank() ? null : model)
                .logRequests(true)
                .logResponses(true);
    }

    @Test
    void should_score_every_document_in_input_order_with_usage() {
        Response<List<Double>> response = live().build().scoreAll(DOCUMENTS, QUERY);

        assertThat(response.content())
                .hasSize(3)
                .allSatisfy(score -> assertThat(score).isBetween(0.0, 1.0));
        assertThat(response.content().get(1)).isGreaterThan(response.content().get(0));
        assertThat(response.tokenUsage().totalTokenCount()).isPositive();
    }

    @Test
    void should_return_the_top_n_best_first() {
        List<QwenRerankResult> best =
                live().topN(2).build().rerank(QUERY, DOCUMENTS).content();

        assertThat(best).hasSize(2);
        assertThat(best.get(0).index()).isEqualTo(1);
        assertThat(best.get(0).score()).isGreaterThanOrEqualTo(best.get(1).score());
    }

    @Test
    void should_split_a_list_longer_than_one_request_and_keep_the_order() {
        List<TextSegment> many = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            many.add(DOCUMENTS.get(i % 3));
        }

        List<Double> scores = live().build().scoreAll(many, QUERY).content();

        assertThat(scores).hasSize(501);
        assertThat(scores.get(500)).isEqualTo(scores.get(2), org.assertj.core.data.Offset.offset(0.05));
        assertThat(scores.get(499)).isGreaterThan(scores.get(498));
    }

    @Test
    void should_score_qwen3_rerank_alike_on_the_compatible_and_the_native_endpoint() {
        QwenScoringModel compatible = live().modelName("qwen3-rerank")
                .endpoint(QwenRerankEndpoint.COMPATIBLE)
                .build();
        QwenScoringModel nativeApi = live().modelName("qwen3-rerank")
                .endpoint(QwenRerankEndpoint.NATIVE)
                .build();

        List<Double> viaCompatible = compatible.scoreAll(DOCUMENTS, QUERY).content();
        List<Double> viaNative = nativeApi.scoreAll(DOCUMENTS, QUERY).content();

        assertThat(compatible.toString()).contains("/compatible-api/v1");
        for (int i = 0; i < DOCUMENTS.size(); i++) {
            assertThat(viaCompatible.get(i)).isEqualTo(viaNative.get(i), org.assertj.core.data.Offset.offset(0.02));
        }
    }

    @Test
    void should_split_a_request_qwen_refuses_for_its_size_and_score_every_document() {
        // 200 documents of about 1,000 tokens: some 400,000 tokens as Qwen counts them, over every region's limit;
        // the planner is told the limit is far higher, so Qwen's refusal (logged) is what splits the list
        String longText = "Revenue 2023: 1,234,567.89 USD; order 20240915001. ".repeat(40);
        List<TextSegment> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(TextSegment.from(i + " " + longText));
        }

        List<Double> scores = live().maxTokensPerRequest(10_000_000)
                .build()
                .scoreAll(many, "What was the revenue in 2023?")
                .content();

        assertThat(scores).hasSize(200).allSatisfy(score -> assertThat(score).isBetween(0.0, 1.0));
    }

    @Test
    void should_map_an_unknown_model_to_model_not_found() {
        assertThatThrownBy(() -> live().modelName("qwen-no-such-rerank").build().scoreAll(DOCUMENTS, QUERY))
                .isInstanceOf(ModelNotFoundException.class);
    }
}
