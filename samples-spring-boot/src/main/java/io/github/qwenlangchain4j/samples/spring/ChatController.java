package io.github.qwenlangchain4j.samples.spring;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.io.IOException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code POST /chat} and {@code POST /chat/stream}. */
@RestController
class ChatController {

    /** The request body of both endpoints. */
    record ChatRequestBody(String message) {}

    /** The answer of {@code POST /chat}. */
    record ChatAnswer(String answer) {}

    private final ChatApplication.Assistant assistant;
    private final StreamingChatModel streamingModel;

    ChatController(ChatApplication.Assistant assistant, StreamingChatModel streamingModel) {
        this.assistant = assistant;
        this.streamingModel = streamingModel;
    }

    @PostMapping("/chat")
    ChatAnswer chat(@RequestBody ChatRequestBody body) {
        return new ChatAnswer(assistant.chat(body.message()));
    }

    /** Server-sent events: {@code thinking} and {@code text} deltas as they arrive, then {@code done}. */
    @PostMapping("/chat/stream")
    SseEmitter stream(@RequestBody ChatRequestBody body) {
        SseEmitter emitter = new SseEmitter(0L);
        streamingModel.chat(body.message(), new StreamingChatResponseHandler() {
            @Override
            public void onPartialThinking(PartialThinking thinking) {
                send(emitter, "thinking", thinking.text());
            }

            @Override
            public void onPartialResponse(String text) {
                send(emitter, "text", text);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                send(emitter, "done", String.valueOf(response.tokenUsage().totalTokenCount()));
                emitter.complete();
            }

            @Override
            public void onError(Throwable error) {
                emitter.completeWithError(error);
            }
        });
        return emitter;
    }

    private static void send(SseEmitter emitter, String event, String data) {
        try {
            emitter.send(SseEmitter.event().name(event).data(data));
        } catch (IOException e) {
            throw new IllegalStateException("the client went away", e);
        }
    }
}
