package io.github.qwenlangchain4j.samples;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.content.aggregator.ReRankingContentAggregator;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.github.qwenlangchain4j.QwenAudio;
import io.github.qwenlangchain4j.QwenAudioOutput;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenChatResponseMetadata;
import io.github.qwenlangchain4j.QwenPartialAudio;
import io.github.qwenlangchain4j.QwenRegion;
import io.github.qwenlangchain4j.QwenStreamingAudioHandler;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import io.github.qwenlangchain4j.QwenTokenUsage;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import io.github.qwenlangchain4j.files.QwenDocuments;
import io.github.qwenlangchain4j.files.QwenFile;
import io.github.qwenlangchain4j.files.QwenFiles;
import io.github.qwenlangchain4j.rerank.QwenRerankResult;
import io.github.qwenlangchain4j.rerank.QwenScoringModel;
import io.github.qwenlangchain4j.responses.QwenBuiltInTool;
import io.github.qwenlangchain4j.responses.QwenBuiltInToolCall;
import io.github.qwenlangchain4j.responses.QwenResponsesChatModel;
import io.github.qwenlangchain4j.responses.QwenResponsesChatResponseMetadata;
import io.github.qwenlangchain4j.responses.QwenSource;
import io.github.qwenlangchain4j.testkit.QwenMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A tour of qwen-langchain4j in eight steps: a chat, a streaming chat with thinking, an AI service with a tool, a
 * small RAG over the documents in {@code src/main/resources/docs} that re-ranks what it retrieves with Qwen's rerank
 * model, a Responses API call with Qwen's web search and its sources, Qwen's explicit context cache, a Qwen-Long
 * document and a Qwen-Omni spoken answer. With {@code DASHSCOPE_API_KEY} set it talks
 * to Qwen (region from {@code QWEN_REGION}, default Singapore); without, it runs offline on {@link QwenMockServer}.
 *
 * <p>Run it with {@code mvn -B -q -pl samples -am -DskipTests package exec:java}.
 */
public final class QuickTour {

    private static final List<String> DOCUMENTS =
            List.of("regions.txt", "thinking.txt", "embeddings.txt", "pricing.txt");

    private final PrintStream out;
    private final Map<String, String> env;

    public QuickTour(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    public static void main(String[] args) throws Exception {
        new QuickTour(System.out, System.getenv()).run();
    }

    /** Where the tour sends its requests: Qwen itself, or the offline mock. */
    record Connection(String apiKey, String baseUrl, String description, QwenMockServer mock) implements AutoCloseable {

        static Connection from(Map<String, String> env) {
            String key = env.get("DASHSCOPE_API_KEY");
            if (key != null && !key.isBlank()) {
                String regionName = env.getOrDefault("QWEN_REGION", "SINGAPORE");
                QwenRegion region =
                        QwenRegion.valueOf(regionName.trim().toUpperCase().replace('-', '_'));
                return new Connection(key, region.baseUrl(), "LIVE: Qwen in region " + region, null);
            }
            QwenMockServer mock = QwenMockServer.start();
            return new Connection(
                    mock.apiKey(),
                    mock.baseUrl(),
                    "OFFLINE: no DASHSCOPE_API_KEY is set, so this tour" + " talks to QwenMockServer at "
                            + mock.baseUrl() + " (answers are canned, not Qwen's)",
                    mock);
        }

        @Override
        public void close() {
            if (mock != null) {
                mock.close();
            }
        }
    }

    public void run() throws Exception {
        try (Connection connection = Connection.from(env)) {
            out.println("qwen-langchain4j quick tour -- " + connection.description());
            chat(connection);
            streamWithThinking(connection);
            aiServiceWithTool(connection);
            rag(connection);
            responsesWithWebSearch(connection);
            contextCache(connection);
            qwenLongDocument(connection);
            omniSpeaks(connection);
            out.println();
            out.println(
                    "Done. Set DASHSCOPE_API_KEY (and QWEN_REGION if your key is not from Singapore) to run it live.");
        }
    }

    private void chat(Connection connection) {
        heading(1, "Chat");
        ChatModel model = QwenChatModel.builder()
                .apiKey(connection.apiKey())
                .baseUrl(connection.baseUrl())
                .modelName("qwen-plus")
                .build();
        String question = "In one sentence, what is LangChain4j?";
        out.println("> " + question);
        out.println(model.chat(question));
    }

    private void streamWithThinking(Connection connection) throws Exception {
        heading(2, "Streaming chat with thinking (printed as it arrives)");
        StreamingChatModel model = QwenStreamingChatModel.builder()
                .apiKey(connection.apiKey())
                .baseUrl(connection.baseUrl())
                .modelName("qwen-plus")
                .enableThinking(true)
                .thinkingBudget(200)
                .build();
        String question = "Why is the sky blue? Answer in two sentences.";
        out.println("> " + question);
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        boolean[] answering = {false};
        model.chat(question, new StreamingChatResponseHandler() {
            @Override
            public void onPartialThinking(PartialThinking thinking) {
                out.print(thinking.text());
                out.flush();
            }

            @Override
            public void onPartialResponse(String text) {
                if (!answering[0]) {
                    answering[0] = true;
                    out.println();
                    out.print("[answer] ");
                }
                out.print(text);
                out.flush();
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        out.print("[thinking] ");
        ChatResponse response = done.get(2, TimeUnit.MINUTES);
        out.println();
        QwenTokenUsage usage = (QwenTokenUsage) response.tokenUsage();
        out.println(
                "(tokens: " + usage.totalTokenCount() + " in total, " + usage.reasoningTokens() + " spent thinking)");
    }

    interface Assistant {
        String chat(String message);
    }

    static final class Thermometer {
        final List<String> calls = new ArrayList<>();

        @Tool("Converts a temperature from degrees Celsius to degrees Fahrenheit")
        double celsiusToFahrenheit(double celsius) {
            calls.add("celsiusToFahrenheit(" + celsius + ")");
            return celsius * 9 / 5 + 32;
        }
    }

    private void aiServiceWithTool(Connection connection) {
        heading(3, "AI service with a tool");
        Thermometer thermometer = new Thermometer();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(QwenChatModel.builder()
                        .apiKey(connection.apiKey())
                        .baseUrl(connection.baseUrl())
                        .modelName("qwen-plus")
                        .build())
                .tools(thermometer)
                .build();
        String question = "What is 21.5 degrees Celsius in Fahrenheit? Use the tool.";
        out.println("> " + question);
        String answer = assistant.chat(question);
        out.println("[tool calls] " + thermometer.calls);
        out.println(answer);
    }

    private void rag(Connection connection) {
        heading(4, "RAG over " + DOCUMENTS.size() + " documents shipped with the sample");
        QwenEmbeddingModel embeddingModel = QwenEmbeddingModel.builder()
                .apiKey(connection.apiKey())
                .baseUrl(connection.baseUrl())
                .dimensions(512)
                .build();
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        List<Document> documents = DOCUMENTS.stream().map(QuickTour::load).toList();
        EmbeddingStoreIngestor.builder()
                .documentSplitter(DocumentSplitters.recursive(300, 30))
                .embeddingModel(embeddingModel)
                .embeddingStore(store)
                .build()
                .ingest(documents);
        String question = "I am in Europe: which region should my API key come from?";
        out.println("> " + question);
        // Vector search is fast but coarse: take a few candidates, then let a rerank model order them.
        EmbeddingSearchResult<TextSegment> found = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(embeddingModel.embed(question).content())
                .maxResults(4)
                .build());
        List<TextSegment> candidates =
                found.matches().stream().map(match -> match.embedded()).toList();
        out.printf(
                "[retrieved] %s (score %.2f)%n",
                candidates.get(0).metadata().getString("file_name"),
                found.matches().get(0).score());
        QwenScoringModel scoringModel = QwenScoringModel.builder()
                .apiKey(connection.apiKey())
                .baseUrl(connection.baseUrl()) // the rerank API is on the same host: the base URL is mapped to it
                .topN(1)
                .build();
        QwenRerankResult best =
                scoringModel.rerank(question, candidates).content().get(0);
        out.printf(
                "[re-ranked] %s (relevance %.2f, was candidate %d)%n",
                best.segment().metadata().getString("file_name"), best.score(), best.index() + 1);
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(QwenChatModel.builder()
                        .apiKey(connection.apiKey())
                        .baseUrl(connection.baseUrl())
                        .modelName("qwen-plus")
                        .build())
                .retrievalAugmentor(DefaultRetrievalAugmentor.builder()
                        .contentRetriever(EmbeddingStoreContentRetriever.builder()
                                .embeddingStore(store)
                                .embeddingModel(embeddingModel)
                                .maxResults(4)
                                .build())
                        .contentAggregator(ReRankingContentAggregator.builder() // re-ranks, keeps the best 2
                                .scoringModel(scoringModel)
                                .maxResults(2)
                                .build())
                        .build())
                .build();
        out.println(assistant.chat(question));
    }

    private void responsesWithWebSearch(Connection connection) {
        heading(5, "Responses API: Qwen searches the web, and says where it looked");
        ChatModel model = QwenResponsesChatModel.builder()
                .apiKey(connection.apiKey())
                .baseUrl(connection.baseUrl()) // the Responses API shares the compatible-mode base URL
                .modelName("qwen3.5-plus")
                .builtInTools(QwenBuiltInTool.webSearch())
                .build();
        String question = "What is the latest Qwen model? Answer in one sentence.";
        out.println("> " + question);
        ChatResponse response = model.chat(
                ChatRequest.builder().messages(UserMessage.from(question)).build());
        QwenResponsesChatResponseMetadata metadata = (QwenResponsesChatResponseMetadata) response.metadata();
        for (QwenBuiltInToolCall call : metadata.builtInToolCalls()) {
            out.println("[" + call.type() + "] "
                    + call.sources().stream().map(QwenSource::url).toList());
        }
        out.println(response.aiMessage().text());
        out.println("(response id " + metadata.responseId() + ": pass it as previousResponseId to continue)");
    }

    private void contextCache(Connection connection) {
        heading(6, "Explicit context cache: the second call reads the long instructions at a tenth of the price");
        ChatModel model = QwenChatModel.builder()
                .apiKey(connection.apiKey())
                .baseUrl(connection.baseUrl())
                .modelName("qwen-plus")
                .cacheSystemMessages(true)
                .build();
        // a cache block needs at least 1,024 tokens: the shipped documents, several times, make a long prompt
        StringBuilder instructions = new StringBuilder("Answer questions about Qwen using only these notes.\n");
        for (int i = 0; i < 5; i++) {
            DOCUMENTS.forEach(name -> instructions.append(load(name).text()).append('\n'));
        }
        for (String question : List.of("Which region is for Europe?", "Is thinking on by default?")) {
            out.println("> " + question);
            ChatResponse response = model.chat(ChatRequest.builder()
                    .messages(
                            dev.langchain4j.data.message.SystemMessage.from(instructions.toString()),
                            UserMessage.from(question))
                    .build());
            QwenTokenUsage usage = (QwenTokenUsage) response.tokenUsage();
            out.println("[cache] " + usage.inputTokenCount() + " input tokens: " + usage.cacheCreationTokens()
                    + " written to the cache, " + usage.cachedTokens() + " read from it");
        }
    }

    private void qwenLongDocument(Connection connection) {
        heading(7, "Qwen-Long: upload a document, wait until Qwen has read it, ask about it");
        if (connection.mock() == null && !connection.baseUrl().equals(QwenRegion.CHINA_BEIJING.baseUrl())) {
            out.println("(skipped: Qwen-Long is offered in the Beijing region; set QWEN_REGION=CHINA_BEIJING)");
            return;
        }
        QwenFiles files = QwenFiles.builder()
                .apiKey(connection.apiKey())
                .baseUrl(connection.baseUrl())
                .build();
        QwenFile uploaded =
                files.uploadDocument("pricing.txt", load("pricing.txt").text().getBytes(StandardCharsets.UTF_8));
        out.println("[uploaded] " + uploaded.id() + " (status " + uploaded.status() + ")");
        QwenFile document = files.awaitProcessed(
                uploaded.id(),
                Duration.ofMinutes(2),
                connection.mock() != null ? Duration.ZERO : QwenFiles.DEFAULT_POLL_INTERVAL);
        out.println("[processed] " + document.filename());
        try {
            ChatModel qwenLong = QwenChatModel.builder()
                    .apiKey(connection.apiKey())
                    .baseUrl(connection.baseUrl())
                    .modelName("qwen-long")
                    .build();
            String question = "In one sentence: how is Qwen priced?";
            out.println("> " + question);
            out.println(qwenLong.chat(ChatRequest.builder()
                            .messages(
                                    dev.langchain4j.data.message.SystemMessage.from("You are a helpful assistant."),
                                    QwenDocuments.reference(document),
                                    UserMessage.from(question))
                            .build())
                    .aiMessage()
                    .text());
        } finally {
            files.delete(document.id());
        }
    }

    private void omniSpeaks(Connection connection) throws Exception {
        heading(8, "Qwen-Omni answers in speech (audio pieces streamed as they come)");
        QwenStreamingChatModel omni = QwenStreamingChatModel.builder()
                .apiKey(connection.apiKey())
                .baseUrl(connection.baseUrl())
                .modelName("qwen3-omni-flash")
                .audioOutput(QwenAudioOutput.voice("Cherry"))
                .build();
        String question = "Say hello in one short sentence.";
        out.println("> " + question);
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        int[] pieces = {0};
        omni.chat(question, new QwenStreamingAudioHandler() {
            @Override
            public void onPartialResponse(String text) {
                out.print(text);
            }

            @Override
            public void onPartialAudio(QwenPartialAudio audio) {
                pieces[0]++;
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        QwenAudio audio =
                ((QwenChatResponseMetadata) done.get(2, TimeUnit.MINUTES).metadata()).audio();
        out.println();
        out.printf(
                "[audio] %d pieces, %d bytes of %s (%.1f s of speech at %d Hz; QwenAudio.wav() makes it a file)%n",
                pieces[0],
                audio.data().length,
                audio.format(),
                audio.data().length / 2.0 / QwenAudio.SAMPLE_RATE,
                QwenAudio.SAMPLE_RATE);
    }

    private static Document load(String name) {
        try (InputStream in = QuickTour.class.getResourceAsStream("/docs/" + name)) {
            if (in == null) {
                throw new IllegalStateException("sample document missing from the classpath: docs/" + name);
            }
            return Document.from(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), Metadata.from("file_name", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void heading(int step, String title) {
        out.println();
        out.println("== " + step + ". " + title);
    }
}
