package io.github.qwenlangchain4j.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@link QwenResponsesStreamingChatModel} against the live Responses API: text deltas that add up to the final
 * answer, and the progress of a web search reaching a {@link QwenResponsesStreamingHandler}. Needs
 * {@code DASHSCOPE_API_KEY}; see {@link QwenResponsesChatModelIT} for {@code QWEN_REGION} and
 * {@code QWEN_RESPONSES_MODEL}.
 */
@EnabledIfEnvironmentVariable(named = "DASHSCOPE_API_KEY", matches = ".+")
class QwenResponsesStreamingChatModelIT {

    static QwenResponsesStreamingChatModel.Builder liveBuilder() {
        return QwenResponsesStreamingChatModel.builder()
                .apiKey(System.getenv("DASHSCOPE_API_KEY"))
                .region(QwenResponsesChatModelIT.liveRegion())
                .modelName(QwenResponsesChatModelIT.liveModel())
                .logRequests(true);
    }

    /** Records every callback; {@link #done} completes with the final response or the error. */
    static final class Recording implements QwenResponsesStreamingHandler {

        final List<String> partials = new CopyOnWriteArrayList<>();
        final List<QwenBuiltInToolEvent> toolEvents = new CopyOnWriteArrayList<>();
        final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        @Override
        public void onPartialResponse(String partialResponse) {
            partials.add(partialResponse);
        }

        @Override
        public void onBuiltInToolEvent(QwenBuiltInToolEvent event) {
            toolEvents.add(event);
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            done.complete(completeResponse);
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }

        ChatResponse await() throws Exception {
            return done.get(3, TimeUnit.MINUTES);
        }
    }

    @Test
    void should_stream_text_deltas_that_add_up_to_the_final_answer() throws Exception {
        Recording handler = new Recording();

        liveBuilder()
                .temperature(0.0)
                .build()
                .chat(List.of(UserMessage.from("Name the four seasons of the year, one per line.")), handler);

        ChatResponse response = handler.await();
        assertThat(handler.partials).as("several text deltas").hasSizeGreaterThan(1);
        assertThat(String.join("", handler.partials))
                .isEqualTo(response.aiMessage().text());
        assertThat(response.aiMessage().text()).containsIgnoringCase("summer");
        QwenResponsesChatResponseMetadata metadata = (QwenResponsesChatResponseMetadata) response.metadata();
        assertThat(metadata.responseId()).isNotBlank();
        assertThat(metadata.tokenUsage().outputTokenCount()).isPositive();
    }

    @Test
    void should_report_the_progress_of_a_web_search_to_the_handler() throws Exception {
        Recording handler = new Recording();

        liveBuilder()
                .builtInTools(QwenBuiltInTool.webSearch())
                .build()
                .chat(
                        List.of(UserMessage.from(
                                "Search the web: what is the weather forecast for Hangzhou tomorrow?")),
                        handler);

        ChatResponse response = handler.await();
        assertThat(response.aiMessage().text()).isNotBlank();
        assertThat(handler.toolEvents)
                .as("web search events")
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.eventType()).isNotBlank());
        assertThat(handler.toolEvents)
                .extracting(QwenBuiltInToolEvent::eventType)
                .anyMatch(type -> type.startsWith("response.web_search_call."));
        assertThat(handler.toolEvents)
                .extracting(QwenBuiltInToolEvent::stage)
                .anyMatch(stage -> stage.equals("completed") || stage.equals("done"));
        QwenResponsesChatResponseMetadata metadata = (QwenResponsesChatResponseMetadata) response.metadata();
        assertThat(metadata.builtInToolCalls())
                .extracting(QwenBuiltInToolCall::type)
                .contains("web_search_call");
    }
}
