package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What Qwen's Responses API refuses, with its messages (real probes of {@code /compatible-mode/v1/responses} in
 * github.com/yobo2u/omugw docs/research/2026-09-27-dashscope-compatible-responses-endpoint.md unless noted).
 * {@link #checkParameters} are the gateway's checks, answered with a 400 even for a stream; {@link #checkModel}
 * are found after the request is accepted, so a stream gets them as {@code response.failed} (seen for an
 * unsupported model; assumed for the others).
 */
final class ResponsesRules {

    private static final List<String> EFFORTS = List.of("none", "minimal", "low", "medium", "high", "xhigh", "max");

    /**
     * Models the Responses API refuses: embedding, rerank, image, speech and video models, and names that are not
     * model names at all (the probe's {@code __no_such_model__}). Every chat model the mock serves is accepted, though
     * Qwen lists fewer: "models not in the list get only basic compatibility" (help.aliyun.com, newest reference).
     */
    private static final Pattern UNSUPPORTED = Pattern.compile(
            "[^a-z0-9].*|.*embedding.*|.*rerank.*|wanx?.*|qwen-image.*|.*-tts.*|.*-asr.*|sambert.*|paraformer.*"
                    + "|cosyvoice.*|.*no[-_]such.*|.*nope.*");

    private ResponsesRules() {}

    /** Parameter checks done before anything runs; null when the request passes. */
    static QwenError checkParameters(JsonNode request) {
        if (request.hasNonNull("previous_response_id") && request.hasNonNull("conversation")) {
            return QwenError.flatInvalid("Mutually exclusive parameters: Ensure you are only providing one of:"
                    + " previous_response_id or conversation.");
        }
        JsonNode maxOutput = request.get("max_output_tokens");
        if (maxOutput != null && !maxOutput.isNull() && maxOutput.asLong() < 16) {
            return QwenError.flatInvalid(
                    "Invalid 'max_output_tokens': must be greater than or equal to 16, got " + maxOutput + ".");
        }
        JsonNode temperature = request.get("temperature");
        if (temperature != null
                && temperature.isNumber()
                && (temperature.asDouble() < 0 || temperature.asDouble() >= 2)) {
            return QwenError.flatInvalid("Invalid 'temperature': " + temperature + ". Expected a value between [0,2),"
                    + " but got " + temperature + " instead.");
        }
        JsonNode topP = request.get("top_p");
        if (topP != null && topP.isNumber() && (topP.asDouble() <= 0 || topP.asDouble() > 1)) {
            return QwenError.flatInvalid(
                    "Invalid 'top_p': " + topP + ". Expected a value between (0,1], but got " + topP + " instead.");
        }
        JsonNode store = request.get("store");
        if (store != null && !store.isNull() && !store.isBoolean()) {
            return QwenError.flatInvalid("Invalid 'store': " + store.asText() + ". Must be a boolean.");
        }
        JsonNode effort = request.path("reasoning").get("effort");
        if (effort != null && !effort.isNull() && !EFFORTS.contains(effort.asText())) {
            return QwenError.flatInvalid("Invalid 'reasoning.effort': " + effort.asText() + ". Supported values are:"
                    + " ('none','minimal','low','medium','high','xhigh','max').");
        }
        return null;
    }

    /** Checks the model makes once the request is accepted; null when it is served. */
    static QwenError checkModel(JsonNode request, boolean thinking) {
        String model = request.path("model").asText("");
        if (model.isEmpty()
                || UNSUPPORTED.matcher(model.toLowerCase(Locale.ROOT)).matches()) {
            return QwenError.flatInvalid("Unsupported model: '" + model + "'");
        }
        for (JsonNode tool : request.path("tools")) {
            if ("function".equals(tool.path("type").asText()) && tool.has("function") && !tool.has("name")) {
                // the chat-style nested {"type":"function","function":{...}} tool
                return QwenError.flatInvalid("<400> InternalError.Algo.InvalidParameter: The parameters, when"
                        + " provided as a dict, must confirm to a valid openai-compatible JSON...");
            }
            if ("web_extractor".equals(tool.path("type").asText()) && !thinking) {
                // message seen by CherryHQ/cherry-studio#18349; envelope inferred
                return QwenError.flatInvalid(
                        "<400> InternalError.Algo.InvalidParameter: Normal mode does not support web_extractor");
            }
        }
        JsonNode input = request.path("input");
        if (!(input.isTextual() || input.isArray())) {
            return QwenError.flatInvalid("Required parameter 'input' missing."); // wording inferred
        }
        return null;
    }

    /**
     * Whether the model thinks: {@code reasoning.effort} wins ({@code none} switches it off), then
     * {@code enable_thinking}, then the model's default as the chat mock knows it.
     */
    static boolean thinks(JsonNode request) {
        JsonNode effort = request.path("reasoning").get("effort");
        if (effort != null
                && effort.isTextual()
                && MockModels.modeOf(request.path("model").asText("")) != MockModels.Mode.THINKING_ONLY) {
            return !"none".equals(effort.asText());
        }
        return QwenRules.thinks(request);
    }
}
