package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a Responses turn as Qwen does on {@code /compatible-mode/v1/responses}: the response object (fields as in
 * a real qwen3.8-max response and the "Retrieve a response" reference), its usage ({@code x_details} billing step,
 * {@code x_tools} for built-in tools, session-cache creation in {@code prompt_tokens_details}), and its event stream
 * in Qwen's framing ({@code id:<n>}, {@code event:<type>}, the {@code :HTTP_STATUS/200} comment, {@code data:<json>},
 * no space after the colons, {@code sequence_number} from 0, no {@code [DONE]}: the stream ends after
 * {@code response.completed}). Sources: https://www.alibabacloud.com/help/en/model-studio/qwen-api-via-openai-responses
 * (event types, {@code reasoning_summary_text.*} with {@code summary_index}), real probes of the new path in
 * github.com/yobo2u/omugw docs/research/2026-09-27-dashscope-compatible-responses-endpoint.md (framing, no [DONE],
 * {@code response.failed} as HTTP 200). {@code response.function_call_arguments.*} are not in Qwen's docs; they are
 * sent as OpenAI does (inferred), and the full call is also in {@code output_item.done}.
 */
public final class ResponsesRenderer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int STREAM_PIECES = 4;

    private ResponsesRenderer() {}

    /** The usage figures of a turn. */
    record Usage(int input, int cached, int cacheCreation, int output, int reasoning, Map<String, Integer> builtIns) {

        ObjectNode toJson() {
            ObjectNode usage = NODES.objectNode();
            usage.put("input_tokens", input);
            usage.putObject("input_tokens_details").put("cached_tokens", cached);
            usage.put("output_tokens", output);
            usage.putObject("output_tokens_details").put("reasoning_tokens", reasoning);
            usage.put("total_tokens", input + output);
            ObjectNode step = usage.putArray("x_details").addObject();
            step.put("input_tokens", input).put("output_tokens", output).put("total_tokens", input + output);
            step.putObject("output_tokens_details").put("reasoning_tokens", reasoning);
            ObjectNode prompt = step.putObject("prompt_tokens_details").put("cached_tokens", cached);
            if (cacheCreation > 0) {
                prompt.put("cache_creation_input_tokens", cacheCreation);
                prompt.putObject("cache_creation").put("ephemeral_5m_input_tokens", cacheCreation);
                prompt.put("cache_type", "ephemeral");
            }
            step.put("x_billing_type", "response_api");
            if (!builtIns.isEmpty()) {
                ObjectNode tools = usage.putObject("x_tools");
                builtIns.forEach((tool, count) -> tools.putObject(tool).put("count", count));
            }
            return usage;
        }
    }

    /** The response object; {@code usage} null while it is not finished. */
    static ObjectNode response(
            JsonNode request,
            String id,
            long createdAt,
            String status,
            List<ObjectNode> output,
            ObjectNode usage,
            String conversationId) {
        ObjectNode root = NODES.objectNode();
        root.put("id", id);
        root.put("object", "response");
        root.put("created_at", createdAt);
        root.put("status", status);
        root.put("model", request.path("model").asText());
        ArrayNode items = root.putArray("output");
        output.forEach(item -> items.add(item.deepCopy()));
        root.putNull("error");
        if ("incomplete".equals(status)) {
            root.putObject("incomplete_details").put("reason", "max_output_tokens");
        } else {
            root.putNull("incomplete_details");
        }
        echo(root, request, "instructions", null);
        root.set("metadata", request.path("metadata").isObject() ? request.get("metadata") : NODES.objectNode());
        root.set(
                "parallel_tool_calls",
                request.has("parallel_tool_calls") ? request.get("parallel_tool_calls") : NODES.booleanNode(true));
        echo(root, request, "temperature", NODES.numberNode(1.0));
        echo(root, request, "top_p", NODES.numberNode(1.0));
        echo(root, request, "tool_choice", NODES.textNode("auto"));
        root.set("tools", request.path("tools").isArray() ? request.get("tools") : NODES.arrayNode());
        root.put("background", false);
        if (conversationId != null) {
            root.putObject("conversation").put("id", conversationId); // OpenAI's shape; Qwen's is not documented
        } else {
            root.putNull("conversation");
        }
        echo(root, request, "max_output_tokens", null);
        echo(root, request, "previous_response_id", null);
        echo(root, request, "reasoning", null);
        root.put("service_tier", "default");
        root.put("store", request.path("store").asBoolean(true));
        echo(root, request, "text", null);
        root.put("top_logprobs", 0);
        root.putNull("truncation");
        root.putNull("user");
        root.put("frequency_penalty", 0.0);
        root.put("presence_penalty", 0.0);
        if (usage != null) {
            root.set("usage", usage);
            root.put("completed_at", createdAt);
        }
        return root;
    }

    private static void echo(ObjectNode root, JsonNode request, String field, JsonNode fallback) {
        JsonNode value = request.get(field);
        root.set(field, value != null ? value : fallback == null ? NODES.nullNode() : fallback);
    }

    /**
     * The whole stream of a finished (completed or incomplete) response; with {@code withoutOutput}, the last event
     * carries {@code "output": []}, as in Qwen's own web_search_image example stream (Model Studio, "Text-to-image
     * search", help.aliyun.com/zh/model-studio/web-search-image): the items are then only in
     * {@code response.output_item.done}.
     */
    static List<String> stream(ObjectNode response, boolean withoutOutput) {
        Events events = new Events();
        start(events, response);
        int index = 0;
        for (JsonNode item : response.path("output")) {
            item(events, (ObjectNode) item, index++, null);
        }
        String type =
                "incomplete".equals(response.path("status").asText()) ? "response.incomplete" : "response.completed";
        ObjectNode last = response;
        if (withoutOutput) {
            last = response.deepCopy();
            last.putArray("output");
        }
        events.add(type, NODES.objectNode().set("response", last));
        return events.frames;
    }

    /**
     * A stream that fails: with no output, the single {@code response.failed} event Qwen sends for a request it
     * refuses after accepting it (a real probe with an unsupported model); with output, its items streamed (the last
     * one cut off) before the failure, as a mid-stream error.
     */
    static List<String> failedStream(ObjectNode failed, List<ObjectNode> partial) {
        Events events = new Events();
        if (!partial.isEmpty()) {
            start(events, failed);
            for (int i = 0; i < partial.size(); i++) {
                item(events, partial.get(i), i, i == partial.size() - 1 ? "cut" : null);
            }
        }
        events.add("response.failed", NODES.objectNode().set("response", failed));
        return events.frames;
    }

    /** A failed response: {@code status: failed}, {@code error: {message, code}}, as in the real stream. */
    static ObjectNode failed(JsonNode request, String id, long createdAt, List<ObjectNode> output, QwenError error) {
        ObjectNode response = response(request, id, createdAt, "failed", output, null, null);
        response.putObject("error").put("message", error.message()).put("code", error.code());
        return response;
    }

    private static void start(Events events, ObjectNode response) {
        ObjectNode skeleton = NODES.objectNode();
        skeleton.putArray("output");
        skeleton.set("parallel_tool_calls", response.get("parallel_tool_calls"));
        skeleton.set("created_at", response.get("created_at"));
        skeleton.set("tool_choice", response.get("tool_choice"));
        skeleton.put("model", ""); // the documented skeletons carry an empty model
        skeleton.set("id", response.get("id"));
        skeleton.set("tools", response.get("tools"));
        skeleton.put("object", "response");
        skeleton.put("status", "queued");
        events.add("response.created", NODES.objectNode().set("response", skeleton.deepCopy()));
        skeleton.put("status", "in_progress");
        events.add("response.in_progress", NODES.objectNode().set("response", skeleton));
    }

    /** The events of one output item; {@code cut} streams only half of a message's text and does not finish it. */
    private static void item(Events events, ObjectNode item, int index, String cut) {
        String type = item.path("type").asText();
        String id = item.path("id").asText();
        ObjectNode added = item.deepCopy();
        switch (type) {
            case "message" -> {
                added.put("status", "in_progress").putArray("content");
                events.add("response.output_item.added", itemEvent(added, index));
                JsonNode part = item.path("content").path(0);
                String text = part.path("text").asText("");
                ObjectNode emptyPart = part.deepCopy();
                emptyPart.put("text", "");
                events.add("response.content_part.added", partEvent(id, index).set("part", emptyPart));
                List<String> pieces = pieces(cut == null ? text : text.substring(0, text.length() / 2));
                for (String piece : pieces) {
                    ObjectNode delta = partEvent(id, index).put("delta", piece);
                    delta.putArray("logprobs");
                    events.add("response.output_text.delta", delta);
                }
                if (cut != null) {
                    return;
                }
                ObjectNode done = partEvent(id, index).put("text", text);
                done.putArray("logprobs");
                events.add("response.output_text.done", done);
                events.add("response.content_part.done", partEvent(id, index).set("part", part.deepCopy()));
            }
            case "reasoning" -> {
                added.putArray("summary");
                events.add("response.output_item.added", itemEvent(added, index));
                String text = item.path("summary").path(0).path("text").asText("");
                for (String piece : pieces(text)) {
                    events.add(
                            "response.reasoning_summary_text.delta",
                            itemIdEvent(id, index).put("summary_index", 0).put("delta", piece));
                }
                events.add(
                        "response.reasoning_summary_text.done",
                        itemIdEvent(id, index).put("summary_index", 0).put("text", text));
            }
            case "function_call" -> {
                added.put("status", "in_progress").put("arguments", "");
                events.add("response.output_item.added", itemEvent(added, index));
                String arguments = item.path("arguments").asText();
                int half = arguments.length() / 2;
                for (String piece : List.of(arguments.substring(0, half), arguments.substring(half))) {
                    events.add(
                            "response.function_call_arguments.delta",
                            itemIdEvent(id, index).put("delta", piece));
                }
                events.add(
                        "response.function_call_arguments.done",
                        itemIdEvent(id, index).put("arguments", arguments));
            }
            case "web_search_call", "code_interpreter_call", "file_search_call" -> {
                added.put("status", "in_progress").remove(List.of("outputs", "results"));
                if (added.has("action")) {
                    ((ObjectNode) added.get("action")).remove("sources");
                }
                events.add("response.output_item.added", itemEvent(added, index));
                String middle = "code_interpreter_call".equals(type) ? "interpreting" : "searching";
                for (String phase : List.of("in_progress", middle, "completed")) {
                    events.add("response." + type + "." + phase, itemIdEvent(id, index));
                }
            }
            case "mcp_call" -> {
                added.put("status", "in_progress").remove("output");
                events.add("response.output_item.added", itemEvent(added, index));
                events.add(
                        "response.mcp_call_arguments.done",
                        itemIdEvent(id, index)
                                .put("arguments", item.path("arguments").asText()));
                events.add("response.mcp_call.in_progress", itemIdEvent(id, index));
                events.add("response.mcp_call.completed", itemIdEvent(id, index));
            }
            default -> { // web_extractor_call, web_search_image_call, image_search_call: no events of their own
                added.put("status", "in_progress").remove("output");
                events.add("response.output_item.added", itemEvent(added, index));
            }
        }
        events.add("response.output_item.done", itemEvent(item.deepCopy(), index));
    }

    private static ObjectNode itemEvent(ObjectNode item, int index) {
        ObjectNode event = NODES.objectNode();
        event.set("item", item);
        event.put("output_index", index);
        return event;
    }

    private static ObjectNode itemIdEvent(String id, int index) {
        return NODES.objectNode().put("item_id", id).put("output_index", index);
    }

    private static ObjectNode partEvent(String id, int index) {
        return itemIdEvent(id, index).put("content_index", 0);
    }

    /** A few deltas, cut after a space where there is one, never inside a surrogate pair. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int target = Math.max(1, text.length() / STREAM_PIECES);
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + target);
            int space = text.indexOf(' ', end);
            if (space > 0 && space - end < 20) {
                end = space + 1;
            }
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    /** Numbers the events and frames them as Qwen does. */
    private static final class Events {

        private final List<String> frames = new ArrayList<>();

        void add(String type, ObjectNode payload) {
            payload.put("sequence_number", frames.size());
            payload.put("type", type);
            frames.add(
                    "id:" + (frames.size() + 1) + "\nevent:" + type + "\n:HTTP_STATUS/200\ndata:" + payload + "\n\n");
        }
    }
}
