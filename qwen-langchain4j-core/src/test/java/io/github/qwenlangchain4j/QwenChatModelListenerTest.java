package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** ChatModelListeners see the merged request, the Qwen response metadata, and failures, for both models. */
class QwenChatModelListenerTest extends QwenWireMockSupport {

    static class RecordingListener implements ChatModelListener {
        final List<Object> events = new CopyOnWriteArrayList<>();

        @Override
        public void onRequest(ChatModelRequestContext context) {
            events.add(context.chatRequest());
        }

        @Override
        public void onResponse(ChatModelResponseContext context) {
            events.add(context.chatResponse());
        }

        @Override
        public void onError(ChatModelErrorContext context) {
            events.add(context.error());
        }
    }

    @Test
    void should_tell_listeners_about_request_and_response() {
        stubBasicAnswer();
        RecordingListener listener = new RecordingListener();

        model().topK(5).listeners(List.of(listener)).build().chat("Who are you?");

        assertThat(listener.events).hasSize(2);
        dev.langchain4j.model.chat.request.ChatRequest request =
                (dev.langchain4j.model.chat.request.ChatRequest) listener.events.get(0);
        assertThat(request.parameters()).isInstanceOf(QwenChatRequestParameters.class);
        assertThat(request.parameters().topK()).isEqualTo(5);
        assertThat(request.parameters().modelName()).isEqualTo("qwen-plus");
        dev.langchain4j.model.chat.response.ChatResponse response =
                (dev.langchain4j.model.chat.response.ChatResponse) listener.events.get(1);
        assertThat(response.metadata()).isInstanceOf(QwenChatResponseMetadata.class);
        assertThat(((QwenChatResponseMetadata) response.metadata()).requestId()).isEqualTo(REQUEST_ID);
    }

    @Test
    void should_tell_listeners_about_a_failure() {
        stubChat(error(429, openAiError("limit_requests", "Requests rate limit exceeded")));
        RecordingListener listener = new RecordingListener();

        Throwable thrown = catchThrowable(
                () -> model().maxRetries(0).listeners(List.of(listener)).build().chat("hi"));

        assertThat(thrown).isInstanceOf(RateLimitException.class);
        assertThat(listener.events).hasSize(2);
        assertThat(listener.events.get(1)).isSameAs(thrown);
    }

    @Test
    void should_tell_listeners_about_a_streamed_response() throws Exception {
        stubChat(sse(Fixtures.sseFromJsonLines("chat/stream_basic.sse.jsonl")));
        RecordingListener listener = new RecordingListener();
        RecordingHandler handler = new RecordingHandler();

        QwenStreamingChatModel.builder()
                .apiKey(API_KEY)
                .baseUrl(baseUrl())
                .listeners(List.of(listener))
                .build()
                .chat("Who are you?", handler);
        dev.langchain4j.model.chat.response.ChatResponse response = handler.awaitResponse();

        assertThat(listener.events).hasSize(2);
        assertThat(listener.events.get(1)).isSameAs(response);
    }
}
