package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Qwen's Responses API, in memory: {@code POST /responses} (JSON or an event stream), {@code GET} and
 * {@code DELETE /responses/{id}}, {@code GET /responses/{id}/input_items}. Responses are kept unless
 * {@code store: false}, so that {@code previous_response_id} rebuilds the earlier turn's input and output as
 * context (a response created with {@code store: false} is "Not found", as a real probe showed). A
 * {@code conversation} prepends its items and gets the turn's input and output appended. With
 * {@code x-dashscope-session-cache: enable}, a turn of 1024 input tokens or more creates a cache (reported in
 * {@code x_details[].prompt_tokens_details.cache_creation_input_tokens}) and the next turn chained to it with the
 * header reads the earlier input from it ({@code input_tokens_details.cached_tokens}), as Model Studio's context
 * cache page describes. Sources: https://help.aliyun.com/zh/model-studio/qwen-api-via-openai-responses,
 * https://docs.qwencloud.com/developer-guides/text-generation/context-cache, probes in github.com/yobo2u/omugw.
 */
final class MockResponses {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int CACHE_MINIMUM = 1024;

    private record Stored(
            ObjectNode response,
            List<ObjectNode> input,
            List<ObjectNode> context,
            int inputTokens,
            boolean cached,
            long createdAtMillis) {}

    private final Map<String, Stored> stored = new ConcurrentHashMap<>();
    private final ResponsesApi.Scripts scripts;
    private final MockConversations conversations;
    private final boolean completedWithoutOutput;

    MockResponses(ResponsesApi.Scripts scripts, MockConversations conversations, boolean completedWithoutOutput) {
        this.scripts = scripts;
        this.conversations = conversations;
        this.completedWithoutOutput = completedWithoutOutput;
    }

    void reset() {
        stored.clear();
    }

    HttpReply create(JsonNode request, boolean sessionCache, String requestId) {
        QwenError error = ResponsesRules.checkParameters(request);
        if (error != null) {
            return HttpReply.flatError(error, requestId);
        }
        boolean stream = request.path("stream").asBoolean(false);
        boolean thinking = ResponsesRules.thinks(request);
        String id = "resp_" + UUID.randomUUID();
        long createdAt = System.currentTimeMillis() / 1000;
        error = ResponsesRules.checkModel(request, thinking);
        List<ObjectNode> history = List.of();
        Stored previous = null;
        String previousId = request.path("previous_response_id").asText("");
        String conversationId = request.path("conversation").isObject()
                ? request.path("conversation").path("id").asText("")
                : request.path("conversation").asText("");
        if (error == null && !previousId.isEmpty()) {
            previous = stored.get(previousId);
            if (previous == null) {
                error = QwenError.flatInvalid("Not found previous_response_id: " + previousId);
            } else {
                history = previous.context();
            }
        }
        if (error == null && !conversationId.isEmpty()) {
            history = conversations.items(conversationId);
            if (history == null) {
                error = QwenError.flatInvalid("Not found conversation: " + conversationId); // wording inferred
            }
        }
        if (error != null) {
            return stream
                    ? HttpReply.stream(ResponsesRenderer.failedStream(
                            ResponsesRenderer.failed(request, id, createdAt, List.of(), error), List.of()))
                    : HttpReply.flatError(error, requestId);
        }
        ResponsesApi.Scripted scripted = scripts.next();
        if (scripted != null && scripted.drop()) {
            return HttpReply.dropConnection();
        }
        if (scripted != null && scripted.error() != null && !(stream && scripted.midStream())) {
            return HttpReply.flatError(scripted.error(), requestId);
        }
        List<ObjectNode> input = ResponsesInput.items(request.path("input"));
        ResponsesAnswers.Turn turn = ResponsesAnswers.answer(
                request, history, input, thinking, scripted == null ? null : scripted.completion());
        if (scripted != null && scripted.error() != null) {
            return HttpReply.stream(ResponsesRenderer.failedStream(
                    ResponsesRenderer.failed(request, id, createdAt, List.of(), scripted.error()), turn.output()));
        }
        int historyTokens = ResponsesInput.tokens(history);
        int inputTokens = historyTokens
                + ResponsesInput.tokens(input)
                + Tokens.estimate(request.path("instructions").asText(""))
                + Tokens.estimate(
                        request.path("tools").isArray() ? request.get("tools").toString() : "");
        int cachedTokens = sessionCache && previous != null && previous.cached()
                ? Math.min(previous.inputTokens(), historyTokens)
                : 0;
        int cacheCreation = sessionCache && inputTokens >= CACHE_MINIMUM ? inputTokens - cachedTokens : 0;
        int reasoningTokens = Tokens.estimate(turn.reasoning());
        List<ObjectNode> output = new ArrayList<>(turn.output());
        int outputTokens = reasoningTokens
                + ResponsesInput.tokens(output.stream()
                        .filter(item -> !"reasoning".equals(item.path("type").asText()))
                        .toList());
        String status = "completed";
        JsonNode maxOutput = request.get("max_output_tokens");
        if (maxOutput != null
                && maxOutput.canConvertToInt()
                && turn.text() != null
                && Tokens.estimate(turn.text()) > maxOutput.asInt()) {
            // cut off as Qwen does when max_output_tokens is reached: status incomplete, the message unfinished
            status = "incomplete";
            ObjectNode message = output.get(output.size() - 1);
            ObjectNode part = (ObjectNode) message.path("content").get(0);
            part.put("text", turn.text().substring(0, Math.min(turn.text().length(), maxOutput.asInt() * 4)));
            message.put("status", "incomplete");
            outputTokens = maxOutput.asInt();
        }
        ObjectNode usage = new ResponsesRenderer.Usage(
                        inputTokens, cachedTokens, cacheCreation, outputTokens, reasoningTokens, turn.builtIns())
                .toJson();
        ObjectNode response = ResponsesRenderer.response(
                request, id, createdAt, status, output, usage, conversationId.isEmpty() ? null : conversationId);
        List<ObjectNode> context = new ArrayList<>(history);
        context.addAll(input);
        context.addAll(output);
        if (request.path("store").asBoolean(true)) {
            stored.put(
                    id,
                    new Stored(
                            response,
                            input,
                            List.copyOf(context),
                            inputTokens,
                            cacheCreation > 0 || cachedTokens > 0,
                            System.currentTimeMillis()));
        }
        if (!conversationId.isEmpty()) {
            // Which item types Qwen writes to a conversation is not documented: the mock keeps all but reasoning.
            List<ObjectNode> turnItems = new ArrayList<>(input);
            output.stream()
                    .filter(item -> !"reasoning".equals(item.path("type").asText()))
                    .forEach(turnItems::add);
            conversations.append(conversationId, turnItems);
        }
        return stream
                ? HttpReply.stream(ResponsesRenderer.stream(response, completedWithoutOutput))
                : HttpReply.json(200, response.toString());
    }

    HttpReply retrieve(String id, String requestId) {
        Stored response = stored.get(id);
        return response == null
                ? notFound(id, requestId)
                : HttpReply.json(200, response.response().toString());
    }

    /** The answer's body is not documented by Qwen: OpenAI's {@code response.deleted} (inferred). */
    HttpReply delete(String id, String requestId) {
        Stored response = stored.remove(id);
        return response == null
                ? notFound(id, requestId)
                : HttpReply.json(
                        200,
                        NODES.objectNode()
                                .put("id", id)
                                .put("object", "response.deleted")
                                .put("deleted", true)
                                .toString());
    }

    /**
     * The page plus the response's id, model and {@code created_at} in milliseconds, as in the input-items example
     * of github.com/yobo2u/omugw docs/research/2026-09-27-dashscope-compatible-responses-endpoint.md.
     */
    HttpReply inputItems(String id, String rawQuery, String requestId) {
        Stored response = stored.get(id);
        if (response == null) {
            return notFound(id, requestId);
        }
        ItemPages.Result result = ItemPages.page(response.input(), rawQuery);
        if (result.error() != null) {
            return HttpReply.flatError(result.error(), requestId);
        }
        ObjectNode page = result.page();
        page.put("id", id)
                .put("model", response.response().path("model").asText())
                .put("created_at", response.createdAtMillis());
        return HttpReply.json(200, page.toString());
    }

    /**
     * The message of the retrieve and input-items pages ("Response with id 'resp_xxx' not found."), in the flat
     * envelope every probed error of this API used; the status is not documented (inferred 404).
     */
    private static HttpReply notFound(String id, String requestId) {
        return HttpReply.flatError(
                QwenError.flat(404, "InvalidParameter", "Response with id '" + id + "' not found."), requestId);
    }
}
