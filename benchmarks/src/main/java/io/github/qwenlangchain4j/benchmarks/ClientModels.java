package io.github.qwenlangchain4j.benchmarks;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.QwenStreamingChatModel;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * The two clients {@link ConcurrentStreamsBenchmark} compares, built as {@link Benchmarks} builds them (the key, the
 * base URL of the local server and the model name; defaults otherwise): {@code qwen} is this library, {@code openai}
 * LangChain4j's OpenAI module. Transport {@code h2c} (HTTP/2 cleartext with prior knowledge) is this library's only,
 * through an OkHttp client passed to its builder; the OpenAI module's JDK client cannot speak it.
 */
final class ClientModels {

    static final List<String> CLIENTS = List.of("qwen", "openai");
    /** A request the server answers at once, without waiting: the warm-up before the measured calls. */
    static final ChatRequest WARMUP = ChatRequest.builder()
            .messages(UserMessage.from("Who are you?"))
            .modelName(StreamServer.WARMUP_MODEL)
            .build();

    private ClientModels() {}

    static StreamingChatModel streaming(String client, String baseUrl, String transport) {
        return switch (client) {
            case "qwen" ->
                QwenStreamingChatModel.builder()
                        .apiKey(Benchmarks.KEY)
                        .baseUrl(baseUrl)
                        .modelName("qwen-plus")
                        .httpClient(okHttpFor(transport))
                        .build();
            case "openai" ->
                OpenAiStreamingChatModel.builder()
                        .apiKey(Benchmarks.KEY)
                        .baseUrl(openAiOnly(baseUrl, transport))
                        .modelName("qwen-plus")
                        .build();
            default -> throw new IllegalArgumentException("unknown client " + client + "; known: " + CLIENTS);
        };
    }

    static ChatModel sync(String client, String baseUrl, String transport) {
        return switch (client) {
            case "qwen" ->
                QwenChatModel.builder()
                        .apiKey(Benchmarks.KEY)
                        .baseUrl(baseUrl)
                        .modelName("qwen-plus")
                        .httpClient(okHttpFor(transport))
                        .build();
            case "openai" ->
                OpenAiChatModel.builder()
                        .apiKey(Benchmarks.KEY)
                        .baseUrl(openAiOnly(baseUrl, transport))
                        .modelName("qwen-plus")
                        .build();
            default -> throw new IllegalArgumentException("unknown client " + client + "; known: " + CLIENTS);
        };
    }

    /** Whether {@code client} can use {@code transport}. */
    static boolean supports(String client, String transport) {
        return !(client.equals("openai") && transport.equals("h2c"));
    }

    /** Null (the library's shared client) except for h2c, which needs OkHttp told to speak HTTP/2 at once. */
    private static OkHttpClient okHttpFor(String transport) {
        return transport.equals("h2c")
                ? new OkHttpClient.Builder()
                        .protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))
                        .build()
                : null;
    }

    private static String openAiOnly(String baseUrl, String transport) {
        if (!supports("openai", transport)) {
            throw new IllegalArgumentException("the OpenAI module's JDK HTTP client cannot use " + transport);
        }
        return baseUrl;
    }
}
