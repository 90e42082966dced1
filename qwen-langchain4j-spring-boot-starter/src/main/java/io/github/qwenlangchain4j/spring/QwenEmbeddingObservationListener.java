package io.github.qwenlangchain4j.spring;

import dev.langchain4j.model.embedding.listener.EmbeddingModelErrorContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.listener.EmbeddingModelRequestContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelResponseContext;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.List;

/**
 * Observes every call of a {@link QwenEmbeddingModel}: an {@code Observation} named
 * {@code gen_ai.client.operation.duration} with {@code gen_ai.operation.name=embeddings}, from {@link #onRequest} to
 * {@link #onResponse} or {@link #onError}, around all the batches of one {@code embedAll}. Created by
 * {@link QwenObservationAutoConfiguration} when qwen-langchain4j-embeddings is on the classpath; other providers'
 * embedding models are left alone.
 */
public final class QwenEmbeddingObservationListener
        implements EmbeddingModelListener, ServerAwareListener<EmbeddingModelListener> {

    /** The key of the call's observation in the listener attributes that LangChain4j keeps for one call. */
    private static final Object OBSERVATION = QwenEmbeddingObservationListener.class;

    private final GenAiObserver observer;

    QwenEmbeddingObservationListener(GenAiObserver observer) {
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
    public EmbeddingModelListener forBaseUrl(String baseUrl) {
        return new QwenEmbeddingObservationListener(observer.forBaseUrl(baseUrl));
    }

    /** Starts the call's observation, when the model is a {@link QwenEmbeddingModel}. */
    @Override
    public void onRequest(EmbeddingModelRequestContext context) {
        if (context.embeddingModel() instanceof QwenEmbeddingModel model) {
            EmbeddingRequest request = context.embeddingRequest();
            String modelName = request != null && request.modelName() != null ? request.modelName() : model.modelName();
            List<KeyValue> values = new ArrayList<>();
            GenAiObserver.add(
                    values, "gen_ai.embeddings.dimension.count", request == null ? null : request.dimensions());
            context.attributes()
                    .put(OBSERVATION, observer.start(GenAiObserver.EMBEDDINGS, modelName, KeyValues.of(values)));
        }
    }

    /** Stops the call's observation with the response model and input tokens, and records the tokens. */
    @Override
    public void onResponse(EmbeddingModelResponseContext context) {
        if (context.attributes().remove(OBSERVATION) instanceof Observation observation) {
            EmbeddingResponse response = context.embeddingResponse();
            TokenUsage usage = response == null ? null : response.tokenUsage();
            // embeddings have input tokens only: an output count Qwen may echo as 0 is not a measurement
            observer.succeeded(
                    observation,
                    response == null ? null : response.modelName(),
                    usage == null ? null : new TokenUsage(usage.inputTokenCount()),
                    KeyValues.empty());
        }
    }

    /** Stops the call's observation with the error's type. */
    @Override
    public void onError(EmbeddingModelErrorContext context) {
        if (context.attributes().remove(OBSERVATION) instanceof Observation observation) {
            observer.failed(observation, context.error());
        }
    }
}
