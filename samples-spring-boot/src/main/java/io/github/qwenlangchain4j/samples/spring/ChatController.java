package io.github.qwenlangchain4j.samples.spring;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.io.IOException;
import org.springframework.http.MediaType;
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

    /** The data of a {@code thinking} or {@code text} event: one delta, as JSON so that its spaces survive. */
    record Delta(String text) {}

    /** The data of the final {@code done} event. */
    record Done(Integer totalTokens) {}

    /**
     * Server-sent events: {@code thinking} and {@code text} deltas as they arrive, then {@code done}. Each event's data
     * is JSON ({@code {"text":" next words"}}): SSE clients (browsers' {@code EventSource}, Spring's reader) drop the
     * first space after {@code data:}, which would glue the words of plain-text deltas together.
     */
    @PostMapping("/chat/stream")
    SseEmitter stream(@RequestBody ChatRequestBody body) {
        SseEmitter emitter = new SseEmitter(0L);
        streamingModel.chat(body.message(), new StreamingChatResponseHandler() {
            @Override
            public void onPartialThinking(PartialThinking thinking) {
                send(emitter, "thinking", new Delta(thinking.text()));
            }

            @Override
            public void onPartialResponse(String text) {
                send(emitter, "text", new Delta(text));
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                send(
                        emitter,
                        "done",
                        new Done(
                                response.tokenUsage() == null
                                        ? null
                                        : response.tokenUsage().totalTokenCount()));
                emitter.complete();
            }

            @Override
            public void onError(Throwable error) {
                emitter.completeWithError(error);
            }
        });
        return emitter;
    }

    private static void send(SseEmitter emitter, String event, Object data) {
        try {
            emitter.send(SseEmitter.event().name(event).data(data, MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            throw new IllegalStateException("the client went away", e);
        }
    }
}
