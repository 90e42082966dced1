package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the live API refuses, with the messages it uses: the checks the library must absorb, so that tests against
 * the mock fail where real calls would.
 */
public final class QwenRules {

    private static final Map<String, List<Integer>> DIMENSIONS = Map.of(
            "text-embedding-v4", List.of(2048, 1536, 1024, 768, 512, 256, 128, 64),
            "text-embedding-v3", List.of(1024, 768, 512),
            "text-embedding-v2", List.of(1536),
            "text-embedding-v1", List.of(1536));

    private static final List<String> EFFORTS = List.of("none", "minimal", "low", "medium", "high", "xhigh", "max");

    private QwenRules() {}

    /** The refusal Qwen gives this chat request, or null when it would be served. */
    public static QwenError checkChat(JsonNode request) {
        String model = request.path("model").asText("");
        if (model.isEmpty()) {
            return QwenError.invalidParameter("Required parameter 'model' missing.");
        }
        if (!request.path("messages").isArray() || request.path("messages").isEmpty()) {
            return QwenError.invalidParameter("Required parameter 'messages' missing or empty.");
        }
        JsonNode messages = request.path("messages");
        for (int i = 1; i < messages.size(); i++) {
            // Qwen-Long's document references are system messages of their own, after the first one.
            if ("system".equals(messages.get(i).path("role").asText())
                    && !messages.get(i).path("content").asText("").strip().startsWith("fileid://")) {
                return QwenError.invalidParameter("The system message must be the first message.");
            }
        }
        JsonNode toolChoice = request.path("tool_choice");
        if (toolChoice.isTextual() && "required".equals(toolChoice.asText())) {
            return QwenError.invalidParameter(
                    "tool_choice parameter only support 'auto', 'none' or a specified function.");
        }
        JsonNode effort = request.get("reasoning_effort");
        if (effort != null && !effort.isNull() && !EFFORTS.contains(effort.asText())) {
            // the values and wording of the Responses API's refusal of reasoning.effort (ResponsesRules), for the
            // top-level field of Chat Completions (qwen3.8-max: none / minimal / low / medium / high / xhigh / max)
            return QwenError.invalidParameter("Invalid 'reasoning_effort': " + effort.asText() + ". Supported values"
                    + " are: ('none','minimal','low','medium','high','xhigh','max').");
        }
        boolean stream = request.path("stream").asBoolean(false);
        JsonNode enableThinking = request.get("enable_thinking");
        MockModels.Mode mode = MockModels.modeOf(model);
        if (mode == MockModels.Mode.THINKING_ONLY && enableThinking != null && !enableThinking.asBoolean(true)) {
            return QwenError.invalidParameter(
                    "<400> InternalError.Algo.InvalidParameter: The value of the enable_thinking parameter is restricted"
                            + " to True.");
        }
        boolean thinking = thinks(request);
        if (thinking && toolChoice.isObject()) {
            return QwenError.invalidParameter(
                    "<400> InternalError.Algo.InvalidParameter: The tool_choice parameter does"
                            + " not support being set to required or object in thinking mode");
        }
        if (thinking
                && "json_object"
                        .equals(request.path("response_format").path("type").asText())) {
            return QwenError.invalidParameter("Json mode response is not supported when enable_thinking is true");
        }
        if ("json_object".equals(request.path("response_format").path("type").asText())
                && !messages.toString().toLowerCase(Locale.ROOT).contains("json")) {
            return QwenError.invalidParameter("'messages' must contain the word 'json' in some form, to use"
                    + " 'response_format' of type 'json_object'.");
        }
        if (!stream) {
            if (ChatRenderer.speaks(request)) {
                // Model Studio error codes: audio output is served on streams only
                return QwenError.invalidParameter("'audio' output only support with stream=true");
            }
            if (MockModels.isStreamOnly(model)) {
                return QwenError.invalidParameter(
                        "This model only support stream mode, please enable the stream parameter to access the model. ");
            }
            if (thinking && MockModels.isOpenWeight(model)) {
                return QwenError.invalidParameter(
                        "parameter.enable_thinking must be set to false for non-streaming calls");
            }
        }
        return null;
    }

    /** Thinking-only and Omni models only stream. */
    public static boolean isStreamOnly(String model) {
        return MockModels.isStreamOnly(model);
    }

    /**
     * Whether the model thinks in this request: thinking-only models always; hybrids as {@code enable_thinking} says,
     * else by their default (on for Qwen3.5 and later and the open Qwen3 hybrids, off for qwen-plus and the like).
     */
    public static boolean thinks(JsonNode request) {
        String model = request.path("model").asText("");
        MockModels.Mode mode = MockModels.modeOf(model);
        if (mode == MockModels.Mode.THINKING_ONLY) {
            return true;
        }
        JsonNode enableThinking = request.get("enable_thinking");
        if (enableThinking != null && enableThinking.isBoolean()) {
            return enableThinking.asBoolean();
        }
        if ("none".equals(request.path("reasoning_effort").asText()) && MockModels.takesReasoningEffort(model)) {
            // reasoning_effort "none" switches thinking off on the models that read it
            return false;
        }
        return mode == MockModels.Mode.HYBRID_ON;
    }

    /** The refusal Qwen gives this embeddings request, or null. */
    public static QwenError checkEmbeddings(JsonNode request) {
        String model = request.path("model").asText("");
        if (model.isEmpty()) {
            return QwenError.invalidParameter("Required parameter 'model' missing.");
        }
        JsonNode input = request.path("input");
        int count = input.isArray() ? input.size() : (input.isTextual() ? 1 : 0);
        if (count == 0) {
            return QwenError.invalidParameter("Required parameter 'input' missing or empty.");
        }
        for (JsonNode text : input.isArray() ? input : List.of(input)) {
            if (!text.isTextual() || text.asText().isBlank()) {
                return QwenError.invalidParameter(
                        "Value error, contents is neither str nor list of str.: input.contents");
            }
        }
        int limit = maxInputs(model);
        if (count > limit) {
            return QwenError.invalidParameter(
                    "batch size is invalid, it should not be larger than " + limit + ".: input.contents");
        }
        JsonNode dimensions = request.get("dimensions");
        List<Integer> allowed = DIMENSIONS.get(model);
        if (dimensions != null && allowed != null && !allowed.contains(dimensions.asInt())) {
            return QwenError.invalidParameter(
                    "Value error, dimension should be one of " + allowed + ".: parameters.dimension");
        }
        String format = request.path("encoding_format").asText("float");
        if (!"float".equals(format)) {
            return QwenError.invalidParameter("encoding_format only supports float.");
        }
        return null;
    }

    /** Inputs per request: 25 for v1/v2, 10 otherwise. */
    public static int maxInputs(String model) {
        return model.equals("text-embedding-v1") || model.equals("text-embedding-v2") ? 25 : 10;
    }

    /** The vector size a request gets. */
    public static int dimension(JsonNode request) {
        JsonNode dimensions = request.get("dimensions");
        if (dimensions != null && dimensions.asInt() > 0) {
            return dimensions.asInt();
        }
        String model = request.path("model").asText("");
        return model.equals("text-embedding-v1") || model.equals("text-embedding-v2") ? 1536 : 1024;
    }
}
