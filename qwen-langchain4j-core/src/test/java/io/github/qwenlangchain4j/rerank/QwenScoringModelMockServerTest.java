package io.github.qwenlangchain4j.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.rag.AugmentationRequest;
import dev.langchain4j.rag.AugmentationResult;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.RetrievalAugmentor;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.aggregator.ReRankingContentAggregator;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Metadata;
import dev.langchain4j.service.AiServices;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenMockServerSupport;
import io.github.qwenlangchain4j.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * QwenScoringModel end to end on the testkit's rerank endpoints (relevance by word overlap), given the mock's
 * compatible-mode base URL as users give it, and in a LangChain4j RAG pipeline with
 * {@link ReRankingContentAggregator}; requests the mock refuses for their size (Qwen's per-request limit,
 * {@code query tokens x documents + document tokens}, Model Studio's "Text rerank" API reference) are split.
 */
class QwenScoringModelMockServerTest extends QwenMockServerSupport {

    /** What a vector search might return for the question: the relevant segment last. */
    static final List<TextSegment> RETRIEVED = List.of(
            TextSegment.from("Our offices are closed on public holidays."),
            TextSegment.from("Shipping is free for orders above 50 euros."),
            TextSegment.from("You can return an item within 30 days of delivery for a full refund."));

    static final String QUESTION = "How many days do I have to return an item?";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private QwenScoringModel scoringModel() {
        return QwenScoringModel.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .build();
    }

    @Test
    void scoreAll_reaches_the_compatible_rerank_endpoint_through_the_compatible_mode_base_url() {
        List<Double> scores = scoringModel().scoreAll(RETRIEVED, QUESTION).content();

        assertThat(scores).hasSize(3);
        assertThat(scores.get(2)).isGreaterThan(scores.get(0)).isGreaterThan(scores.get(1));
        RecordedRequest request = server.requests().get(0);
        assertThat(request.path()).isEqualTo("/compatible-api/v1/reranks");
    }

    @Test
    void the_native_endpoint_scores_the_same() {
        List<Double> compatible = scoringModel().scoreAll(RETRIEVED, QUESTION).content();

        List<Double> scores = QwenScoringModel.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .endpoint(QwenRerankEndpoint.NATIVE)
                .build()
                .scoreAll(RETRIEVED, QUESTION)
                .content();

        assertThat(scores).isEqualTo(compatible);
        assertThat(server.requests().get(1).path()).isEqualTo("/api/v1/services/rerank/text-rerank/text-rerank");
    }

    @Test
    void a_list_qwen_refuses_for_its_size_is_split_until_it_fits_and_scored_in_order() {
        // 40 documents of about 20 tokens and a query of about 10, as the mock counts: 30 tokens each, 1,200 in
        // all; the mock takes 400 per request, so the list is halved until each request holds 10 documents
        server.limitRerankTokens(400);
        List<TextSegment> documents = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            documents.add(i % 2 == 0 ? RETRIEVED.get(2) : RETRIEVED.get(0));
        }

        List<Double> scores = scoringModel().scoreAll(documents, QUESTION).content();

        assertThat(scores).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(scores.get(i)).isEqualTo(scores.get(i % 2));
        }
        assertThat(scores.get(0)).isGreaterThan(scores.get(1));
        assertThat(server.requests())
                .extracting(QwenScoringModelMockServerTest::documentCount)
                .containsExactly(40, 20, 10, 10, 20, 10, 10);
    }

    private static int documentCount(RecordedRequest request) {
        try {
            return JSON.readTree(request.body()).get("documents").size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_segment_too_long_even_alone_is_named() {
        server.limitRerankTokens(50);
        List<TextSegment> documents = List.of(RETRIEVED.get(0), TextSegment.from("refund ".repeat(100)));

        assertThatThrownBy(() -> scoringModel().scoreAll(documents, QUESTION))
                .isInstanceOf(dev.langchain4j.exception.InvalidRequestException.class)
                .hasMessageContaining("Qwen refused segments[1] for its size even alone in a request")
                .hasMessageContaining("should not be larger than 50");
    }

    @Test
    void rerank_returns_the_best_segment_first() {
        QwenScoringModel model = QwenScoringModel.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .topN(1)
                .build();

        List<QwenRerankResult> best = model.rerank(QUESTION, RETRIEVED).content();

        assertThat(best).singleElement().satisfies(result -> {
            assertThat(result.index()).isEqualTo(2);
            assertThat(result.segment()).isEqualTo(RETRIEVED.get(2));
        });
    }

    @Test
    void a_rag_pipeline_with_the_re_ranking_aggregator_puts_the_relevant_segment_first() {
        ContentRetriever retriever =
                query -> RETRIEVED.stream().map(Content::from).toList();
        RetrievalAugmentor augmentor = DefaultRetrievalAugmentor.builder()
                .contentRetriever(retriever)
                .contentAggregator(ReRankingContentAggregator.builder()
                        .scoringModel(scoringModel())
                        .maxResults(2)
                        .build())
                .build();
        UserMessage question = UserMessage.from(QUESTION);

        AugmentationResult result =
                augmentor.augment(new AugmentationRequest(question, Metadata.from(question, "user-1", List.of())));

        assertThat(result.contents()).hasSize(2);
        assertThat(result.contents().get(0).textSegment()).isEqualTo(RETRIEVED.get(2));
    }

    interface Assistant {
        String answer(String question);
    }

    @Test
    void an_ai_service_answers_with_the_re_ranked_context_first() {
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(QwenChatModel.builder()
                        .apiKey(server.apiKey())
                        .baseUrl(server.baseUrl())
                        .build())
                .retrievalAugmentor(DefaultRetrievalAugmentor.builder()
                        .contentRetriever(
                                query -> RETRIEVED.stream().map(Content::from).toList())
                        .contentAggregator(ReRankingContentAggregator.builder()
                                .scoringModel(scoringModel())
                                .maxResults(2)
                                .build())
                        .build())
                .build();

        assistant.answer(QUESTION);

        String sentToChat = server.requests().stream()
                .filter(request -> request.path().endsWith("/chat/completions"))
                .findFirst()
                .orElseThrow()
                .body();
        // the relevant segment first, then the next best; the third is cut by maxResults(2)
        assertThat(sentToChat.indexOf("within 30 days"))
                .isPositive()
                .isLessThan(sentToChat.indexOf("Our offices are closed"));
        assertThat(sentToChat).doesNotContain("Shipping is free");
    }

    @Test
    void an_unknown_model_is_refused_as_qwen_refuses_it() {
        QwenScoringModel model = QwenScoringModel.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .modelName("qwen9-rerank")
                .build();

        assertThatThrownBy(() -> model.scoreAll(RETRIEVED, QUESTION))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("Model not exist.");
    }

    @Test
    void qwen3_vl_rerank_lists_longer_than_the_100_documents_qwen_takes_are_split_not_refused() {
        QwenScoringModel model = QwenScoringModel.builder()
                .apiKey(server.apiKey())
                .baseUrl(server.baseUrl())
                .modelName("qwen3-vl-rerank")
                .build();

        List<Double> scores = model.scoreAll(Collections.nCopies(101, RETRIEVED.get(2)), QUESTION)
                .content();

        assertThat(scores).hasSize(101).containsOnly(scores.get(0));
        assertThat(server.requests()).hasSize(2);
    }
}
