package io.github.qwenlangchain4j.spring;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.github.qwenlangchain4j.QwenChatRequestParameters;
import io.github.qwenlangchain4j.QwenChatResponseMetadata;
import io.github.qwenlangchain4j.responses.QwenResponsesChatRequestParameters;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Observes every call of the Qwen chat models (chat, streaming, and the Responses API models): an
 * {@code Observation} named {@code gen_ai.client.operation.duration} with {@code gen_ai.operation.name=chat}, started
 * in {@link #onRequest} and stopped in {@link #onResponse} or {@link #onError}; for a streaming call LangChain4j calls
 * {@code onResponse} when the stream completes, so the observation spans the whole answer. Created by
 * {@link QwenObservationAutoConfiguration}; the auto-configured models attach it like every {@link ChatModelListener}
 * bean.
 *
 * <p>Other providers' models that attach every listener bean are left alone: a call is observed only when its merged
 * parameters are Qwen's ({@link QwenChatRequestParameters} or {@link QwenResponsesChatRequestParameters}).
 */
public final class QwenChatObservationListener implements ChatModelListener, ServerAwareListener<ChatModelListener> {

    /** The key of the call's observation in the listener attributes that LangChain4j keeps for one call. */
    private static final Object OBSERVATION = QwenChatObservationListener.class;

    private final GenAiObserver observer;

    QwenChatObservationListener(GenAiObserver observer) {
        this.observer = observer;
    }

    /**
     * This listener for a model that calls {@code baseUrl}: the auto-configured models each get one, so that
     * {@code server.address} is the host of the model's own region or base URL.
     *
     * @param baseUrl the base URL the model calls
     * @return a listener reporting that server
     */
    @Override
    public ChatModelListener forBaseUrl(String baseUrl) {
        return new QwenChatObservationListener(observer.forBaseUrl(baseUrl));
    }

    /** Starts the call's observation, when the call is a Qwen model's. */
    @Override
    public void onRequest(ChatModelRequestContext context) {
        ChatRequestParameters parameters = context.chatRequest().parameters();
        if (parameters instanceof QwenChatRequestParameters
                || parameters instanceof QwenResponsesChatRequestParameters) {
            context.attributes()
                    .put(OBSERVATION, observer.start(GenAiObserver.CHAT, parameters.modelName(), request(parameters)));
        }
    }

    /** Stops the call's observation with the response model and token usage, and records the tokens. */
    @Override
    public void onResponse(ChatModelResponseContext context) {
        if (context.attributes().remove(OBSERVATION) instanceof Observation observation) {
            ChatResponse response = context.chatResponse();
            List<KeyValue> values = new ArrayList<>();
            GenAiObserver.add(values, "gen_ai.response.id", response.id());
            GenAiObserver.add(values, "gen_ai.response.finish_reasons", finishReason(response));
            observer.succeeded(observation, response.modelName(), response.tokenUsage(), KeyValues.of(values));
        }
    }

    /** Stops the call's observation with the error's type. */
    @Override
    public void onError(ChatModelErrorContext context) {
        if (context.attributes().remove(OBSERVATION) instanceof Observation observation) {
            observer.failed(observation, context.error());
        }
    }

    /**
     * The provider's finish reason, as the conventions ask: Qwen's {@code finish_reason} as sent ({@code stop},
     * {@code length}, {@code tool_calls}, ...); for the Responses API, which sends none, LangChain4j's reading in the
     * same vocabulary ({@code content_filter} for a response Qwen cut for its content).
     */
    static String finishReason(ChatResponse response) {
        if (response.metadata() instanceof QwenChatResponseMetadata qwen && qwen.qwenFinishReason() != null) {
            return qwen.qwenFinishReason();
        }
        FinishReason reason = response.finishReason();
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case TOOL_EXECUTION -> "tool_calls";
            default -> reason.name().toLowerCase(Locale.ROOT);
        };
    }

    /** The request's sampling options, as the conventions' span attributes; never the messages. */
    private static KeyValues request(ChatRequestParameters parameters) {
        List<KeyValue> values = new ArrayList<>();
        GenAiObserver.add(values, "gen_ai.request.temperature", parameters.temperature());
        GenAiObserver.add(values, "gen_ai.request.top_p", parameters.topP());
        GenAiObserver.add(values, "gen_ai.request.top_k", parameters.topK());
        GenAiObserver.add(values, "gen_ai.request.max_tokens", parameters.maxOutputTokens());
        GenAiObserver.add(values, "gen_ai.request.presence_penalty", parameters.presencePenalty());
        return KeyValues.of(values);
    }
}
