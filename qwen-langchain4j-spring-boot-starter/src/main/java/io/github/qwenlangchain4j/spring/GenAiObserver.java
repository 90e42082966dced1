package io.github.qwenlangchain4j.spring;

import dev.langchain4j.model.output.TokenUsage;
import io.github.qwenlangchain4j.QwenTokenUsage;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * One Micrometer {@link Observation} per model call, named and tagged after OpenTelemetry's GenAI semantic
 * conventions: with the actuator, Spring Boot turns it into a trace span and the {@value #OPERATION_DURATION} timer.
 *
 * <p>Low-cardinality key values (metric tags): {@code gen_ai.operation.name}, {@code gen_ai.provider.name},
 * {@code gen_ai.request.model}, {@code gen_ai.response.model}, {@code server.address}, {@code server.port} and
 * {@code error.type}. Every series carries all of them, {@value #NONE} standing for a value a call does not have
 * (no response model after an error, no error type after a success), because Prometheus wants the same label names on
 * every series of a metric. High-cardinality ones (span attributes only) are numbers and identifiers: the request's
 * sampling options, Qwen's response id, finish reasons and token counts. None carries prompt or answer text or the
 * API key.
 */
final class GenAiObserver {

    static final String OPERATION_DURATION = "gen_ai.client.operation.duration";
    /**
     * OpenTelemetry registers no {@code gen_ai.provider.name} for Alibaba Cloud or Qwen (the well-known values in
     * open-telemetry/semantic-conventions-genai, model/gen-ai/registry.yaml); "dashscope" is the value Alibaba's own
     * Spring AI Alibaba reports for Model Studio (alibaba/spring-ai-alibaba,
     * spring-ai-alibaba-core/.../observation/conventions/AiProvider.java), and {@code server.address} tells the region.
     */
    static final String PROVIDER = "dashscope";

    static final String CHAT = "chat";
    static final String EMBEDDINGS = "embeddings";
    static final String NONE = KeyValue.NONE_VALUE;

    static final String OPERATION_NAME = "gen_ai.operation.name";
    static final String PROVIDER_NAME = "gen_ai.provider.name";
    static final String REQUEST_MODEL = "gen_ai.request.model";
    static final String RESPONSE_MODEL = "gen_ai.response.model";
    static final String SERVER_ADDRESS = "server.address";
    static final String SERVER_PORT = "server.port";
    static final String ERROR_TYPE = "error.type";

    private final ObservationRegistry registry;
    private final GenAiMeters meters;
    private final String serverAddress;
    private final String serverPort;

    /**
     * @param registry the registry that observes the calls
     * @param meters   where token usage goes
     * @param baseUrl  the base URL the models call, for {@code server.address} and {@code server.port}
     */
    GenAiObserver(ObservationRegistry registry, GenAiMeters meters, String baseUrl) {
        this.registry = registry;
        this.meters = meters;
        URI uri = URI.create(baseUrl);
        this.serverAddress = uri.getHost() == null ? NONE : uri.getHost();
        int port = uri.getPort() != -1 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        this.serverPort = Integer.toString(port);
    }

    /**
     * Starts the observation of a call, on the caller's thread (so that it is a child of the current one) but
     * without opening a scope: a streaming call ends on another thread.
     *
     * @param operation    {@value #CHAT} or {@value #EMBEDDINGS}
     * @param requestModel the model the request names
     * @param request      the span attributes of the request (numbers only)
     * @return the started observation
     */
    Observation start(String operation, String requestModel, KeyValues request) {
        String model = requestModel == null ? NONE : requestModel;
        return Observation.createNotStarted(OPERATION_DURATION, registry)
                .contextualName(operation + " " + model)
                .lowCardinalityKeyValue(OPERATION_NAME, operation)
                .lowCardinalityKeyValue(PROVIDER_NAME, PROVIDER)
                .lowCardinalityKeyValue(REQUEST_MODEL, model)
                .lowCardinalityKeyValue(SERVER_ADDRESS, serverAddress)
                .lowCardinalityKeyValue(SERVER_PORT, serverPort)
                .highCardinalityKeyValues(request)
                .start();
    }

    /**
     * Ends the observation of a successful call and records its token usage.
     *
     * @param observation   what {@link #start} returned
     * @param responseModel the model Qwen says answered, or null
     * @param usage         the usage Qwen reported, or null
     * @param response      the span attributes of the response (identifiers and numbers only)
     */
    void succeeded(Observation observation, String responseModel, TokenUsage usage, KeyValues response) {
        observation
                .lowCardinalityKeyValue(RESPONSE_MODEL, responseModel == null ? NONE : responseModel)
                .lowCardinalityKeyValue(ERROR_TYPE, NONE)
                .highCardinalityKeyValues(response)
                .highCardinalityKeyValues(usage(usage));
        if (usage != null) {
            KeyValues tags = KeyValues.of(observation.getContext().getLowCardinalityKeyValues().stream()
                    .filter(keyValue -> !keyValue.getKey().equals(ERROR_TYPE))
                    .toList());
            meters.recordTokens(tags, usage);
        }
        observation.stop();
    }

    /**
     * Ends the observation of a failed call; {@code error.type} is the exception's class name, as the conventions
     * ask when the error is an exception (LangChain4j's exception types tell rate limits, timeouts, auth failures).
     *
     * @param observation what {@link #start} returned
     * @param error       why the call failed
     */
    void failed(Observation observation, Throwable error) {
        observation
                .lowCardinalityKeyValue(RESPONSE_MODEL, NONE)
                .lowCardinalityKeyValue(ERROR_TYPE, error.getClass().getName())
                .error(error);
        observation.stop();
    }

    private static KeyValues usage(TokenUsage usage) {
        if (usage == null) {
            return KeyValues.empty();
        }
        List<KeyValue> values = new ArrayList<>();
        add(values, "gen_ai.usage.input_tokens", usage.inputTokenCount());
        add(values, "gen_ai.usage.output_tokens", usage.outputTokenCount());
        if (usage instanceof QwenTokenUsage qwen) {
            add(values, "gen_ai.usage.cache_read.input_tokens", qwen.cachedTokens());
            add(values, "gen_ai.usage.cache_creation.input_tokens", qwen.cacheCreationTokens());
            add(values, "gen_ai.usage.reasoning.output_tokens", qwen.reasoningTokens());
        }
        return KeyValues.of(values);
    }

    /** Adds {@code key=value} when the value is known; a span attribute that would say "null" says nothing. */
    static void add(List<KeyValue> values, String key, Object value) {
        if (value != null) {
            values.add(KeyValue.of(key, String.valueOf(value)));
        }
    }
}
