package io.github.qwenlangchain4j.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.IngestionResult;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RAG ingestion end to end: LangChain4j's {@link EmbeddingStoreIngestor} embeds documents with
 * {@link QwenEmbeddingModel} (against {@link FakeEmbeddingsServer}, whose vectors follow word overlap) into an
 * {@link InMemoryEmbeddingStore}, and a search finds the right document first.
 */
class QwenEmbeddingModelRagTest {

    private static final List<Document> DOCUMENTS = List.of(
            doc("tea", "Green tea is brewed from steamed tea leaves and tastes grassy."),
            doc("bikes", "A bicycle chain needs oil every few hundred kilometres of riding."),
            doc("volcano", "Lava from the volcano cooled into black basalt rock by the sea."),
            doc("bread", "Sourdough bread rises slowly because wild yeast ferments the dough."),
            doc("java", "The Java virtual machine compiles hot bytecode to native code at runtime."),
            doc("whales", "Blue whales sing low songs that travel far through the ocean."));

    FakeEmbeddingsServer server;
    QwenEmbeddingModel model;
    InMemoryEmbeddingStore<TextSegment> store;

    @BeforeEach
    void ingest() {
        server = FakeEmbeddingsServer.start();
        model = QwenEmbeddingModel.builder()
                .apiKey("sk-test-rag")
                .baseUrl(server.baseUrl())
                .dimensions(256)
                .maxSegmentsPerBatch(4) // two batches for six documents
                .build();
        store = new InMemoryEmbeddingStore<>();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Document doc(String id, String text) {
        return Document.from(text, Metadata.from("id", id));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({
        "How often should I oil my bicycle chain?, bikes",
        "Why does sourdough bread dough rise slowly?, bread",
        "What rock does volcano lava make?, volcano",
        "How does the Java virtual machine run bytecode?, java",
        "Do blue whales sing in the ocean?, whales"
    })
    void should_retrieve_the_document_that_answers_the_question(String question, String expectedId) {
        IngestionResult ingestion = EmbeddingStoreIngestor.builder()
                .embeddingModel(model)
                .embeddingStore(store)
                .build()
                .ingest(DOCUMENTS);

        List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                        .queryEmbedding(model.embed(question).content())
                        .maxResults(3)
                        .build())
                .matches();

        assertThat(matches).hasSize(3);
        assertThat(matches.get(0).embedded().metadata().getString("id")).isEqualTo(expectedId);
        assertThat(matches.get(0).score()).isGreaterThan(matches.get(1).score());
        TokenUsage usage = ingestion.tokenUsage();
        assertThat(usage.inputTokenCount())
                .isEqualTo(DOCUMENTS.stream()
                        .mapToInt(d -> FakeEmbeddingsServer.tokensOf(d.text()))
                        .sum());
        assertThat(server.received())
                .hasSize(3) // two ingestion batches + the question
                .allSatisfy(r -> assertThat(r.body().path("dimensions").asInt()).isEqualTo(256));
    }
}
