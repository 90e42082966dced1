package io.github.qwenlangchain4j.spring;

import dev.langchain4j.exception.ContentFilteredException;
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
 * conventions (opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-metrics): with the actuator, Spring Boot turns it into
 * a trace span and the {@value #OPERATION_DURATION} histogram, failed calls included.
 *
 * <p>Low-cardinality key values (metric tags): {@code gen_ai.operation.name}, {@code gen_ai.provider.name},
 * {@code gen_ai.request.model}, {@code server.address}, {@code server.port}; {@code gen_ai.response.model} when Qwen
 * named the model that answered; {@code error.type} only when the call failed, as the conventions ask ("conditionally
 * required if the operation ended in an error"). Micrometer's Prometheus registry wants one set of label names per
 * metric up to Micrometer 1.15 (Spring Boot 3.5), so {@link GenAiMeterFilter} gives the series the labels they lack with an empty value, which Prometheus
 * treats as no label at all. High-cardinality ones (span attributes only) are numbers and identifiers: the request's
 * sampling options, Qwen's response id, its finish reason as sent and token counts. None carries prompt or answer
 * text or the API key.
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

    static final String OPERATION_NAME = "gen_ai.operation.name";
    static final String PROVIDER_NAME = "gen_ai.provider.name";
    static final String REQUEST_MODEL = "gen_ai.request.model";
    static final String RESPONSE_MODEL = "gen_ai.response.model";
    static final String SERVER_ADDRESS = "server.address";
    static final String SERVER_PORT = "server.port";
    static final String ERROR_TYPE = "error.type";

    /**
     * The {@code error.type} of a call Qwen's content moderation refused ({@code data_inspection_failed} in
     * compatible mode, {@code DataInspectionFailed} in DashScope's native shape, in a response or inside a stream):
     * Qwen's own code, which the conventions prefer to an exception name, so that policy refusals count apart from
     * errors.
     */
    static final String CONTENT_FILTERED = "data_inspection_failed";

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
        URI uri = parse(baseUrl);
        this.serverAddress = uri == null ? null : uri.getHost();
        this.serverPort = serverAddress == null
                ? null
                : Integer.toString(
                        uri.getPort() != -1 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443);
    }

    /**
     * This observer for a model that calls {@code baseUrl}: the same registries, that server.
     *
     * @param baseUrl the base URL the model calls
     * @return the observer of that model's calls
     */
    GenAiObserver forBaseUrl(String baseUrl) {
        return new GenAiObserver(registry, meters, baseUrl);
    }

    private static URI parse(String baseUrl) {
        try {
            return baseUrl == null ? null : URI.create(baseUrl.strip());
        } catch (IllegalArgumentException notAUri) {
            return null; // no server.address rather than a failing model: the URL is checked where it is configured
        }
    }

    /**
     * Starts the observation of a call, on the caller's thread (so that it is a child of the current one) but
     * without opening a scope: a streaming call ends on another thread.
     *
     * @param operation    {@value #CHAT} or {@value #EMBEDDINGS}
     * @param requestModel the model the request names, or null
     * @param request      the span attributes of the request (numbers only)
     * @return the started observation
     */
    Observation start(String operation, String requestModel, KeyValues request) {
        Observation observation = Observation.createNotStarted(OPERATION_DURATION, registry)
                .contextualName(requestModel == null ? operation : operation + " " + requestModel)
                .lowCardinalityKeyValue(OPERATION_NAME, operation)
                .lowCardinalityKeyValue(PROVIDER_NAME, PROVIDER);
        if (requestModel != null) {
            observation.lowCardinalityKeyValue(REQUEST_MODEL, requestModel);
        }
        if (serverAddress != null) {
            observation
                    .lowCardinalityKeyValue(SERVER_ADDRESS, serverAddress)
                    .lowCardinalityKeyValue(SERVER_PORT, serverPort);
        }
        return observation.highCardinalityKeyValues(request).start();
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
        if (responseModel != null) {
            observation.lowCardinalityKeyValue(RESPONSE_MODEL, responseModel);
        }
        observation.highCardinalityKeyValues(response).highCardinalityKeyValues(usage(usage));
        if (usage != null) {
            meters.recordTokens(observation.getContext().getLowCardinalityKeyValues(), usage);
        }
        observation.stop();
    }

    /**
     * Ends the observation of a failed call with its {@code error.type} ({@link #errorType}).
     *
     * @param observation what {@link #start} returned
     * @param error       why the call failed
     */
    void failed(Observation observation, Throwable error) {
        observation.lowCardinalityKeyValue(ERROR_TYPE, errorType(error)).error(error);
        observation.stop();
    }

    /**
     * The {@code error.type} of a failure: {@value #CONTENT_FILTERED} for a content-moderation refusal (a
     * {@link ContentFilteredException}, which the library raises for Qwen's data-inspection errors only), else the
     * exception's class name, as the conventions ask when the error is an exception. LangChain4j's exception types
     * name the kind: {@code RateLimitException}, {@code TimeoutException}, {@code AuthenticationException},
     * {@code InvalidRequestException}, {@code ModelNotFoundException}, {@code InternalServerException}; a request the
     * library refuses before sending is an {@code IllegalArgumentException}.
     *
     * @param error why the call failed
     * @return its error type, low-cardinality
     */
    static String errorType(Throwable error) {
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < 8; depth++, cause = cause.getCause()) {
            if (cause instanceof ContentFilteredException) {
                return CONTENT_FILTERED;
            }
        }
        String name = error.getClass().getCanonicalName();
        return name != null ? name : error.getClass().getName();
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
