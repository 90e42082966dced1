package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Qwen's Conversations API, in memory: {@code POST /conversations} (at most 20 items, metadata at most 16 pairs, keys
 * up to 64 characters, values up to 512), {@code GET}, {@code POST} (update: the metadata is replaced) and
 * {@code DELETE /conversations/{id}}, {@code POST} and {@code GET /conversations/{id}/items} (message items only, at
 * most 20 per request; listed with after/order/limit), {@code GET} and {@code DELETE
 * /conversations/{id}/items/{item_id}}. {@code created_at} is in milliseconds here. Shapes from
 * https://www.alibabacloud.com/help/en/model-studio/openai-compatible-conversations and
 * https://docs.qwencloud.com/api-reference/platform-api/conversations. Qwen's messages for limits and unknown ids
 * are not documented: the mock uses OpenAI's wording for limits and "... not found." for ids (inferred).
 */
final class MockConversations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_ITEMS = 20;
    private static final int MAX_METADATA = 16;

    private record Conversation(String id, long createdAt, ObjectNode metadata, List<ObjectNode> items) {}

    private final Map<String, Conversation> conversations = new LinkedHashMap<>();

    synchronized void reset() {
        conversations.clear();
    }

    /** The items of a conversation, oldest first; null when there is no such conversation. */
    synchronized List<ObjectNode> items(String id) {
        Conversation conversation = conversations.get(id);
        return conversation == null ? null : List.copyOf(conversation.items());
    }

    /** Appends a turn's items after a response that used the conversation. */
    synchronized void append(String id, List<ObjectNode> items) {
        Conversation conversation = conversations.get(id);
        if (conversation != null) {
            items.forEach(item -> conversation.items().add(item.deepCopy()));
        }
    }

    /** {@code POST /conversations}. */
    synchronized HttpReply create(MockRequest request, JsonNode body) {
        return create(body, request.requestId());
    }

    /** {@code GET /conversations/{id}}. */
    synchronized HttpReply retrieve(MockRequest request) {
        Conversation conversation = conversations.get(request.param("id"));
        return conversation == null
                ? notFound(request)
                : HttpReply.json(200, json(conversation).toString());
    }

    /** {@code POST /conversations/{id}}: replaces the metadata. */
    synchronized HttpReply update(MockRequest request, JsonNode body) {
        Conversation conversation = conversations.get(request.param("id"));
        return conversation == null ? notFound(request) : update(conversation, body, request.requestId());
    }

    /** {@code DELETE /conversations/{id}}. */
    synchronized HttpReply delete(MockRequest request) {
        Conversation conversation = conversations.remove(request.param("id"));
        return conversation == null
                ? notFound(request)
                : HttpReply.json(
                        200,
                        NODES.objectNode()
                                .put("id", conversation.id())
                                .put("object", "conversation.deleted")
                                .put("deleted", true)
                                .toString());
    }

    /** {@code POST /conversations/{id}/items}. */
    synchronized HttpReply addItems(MockRequest request, JsonNode body) {
        Conversation conversation = conversations.get(request.param("id"));
        return conversation == null ? notFound(request) : addItems(conversation, body, request.requestId());
    }

    /** {@code GET /conversations/{id}/items}. */
    synchronized HttpReply listItems(MockRequest request) {
        Conversation conversation = conversations.get(request.param("id"));
        return conversation == null ? notFound(request) : list(conversation, request.rawQuery(), request.requestId());
    }

    /** {@code GET /conversations/{id}/items/{item}}. */
    synchronized HttpReply retrieveItem(MockRequest request) {
        Conversation conversation = conversations.get(request.param("id"));
        if (conversation == null) {
            return notFound(request);
        }
        ObjectNode item = item(conversation, request.param("item"));
        return item == null ? itemNotFound(conversation, request) : HttpReply.json(200, item.toString());
    }

    /** {@code DELETE /conversations/{id}/items/{item}}. */
    synchronized HttpReply deleteItem(MockRequest request) {
        Conversation conversation = conversations.get(request.param("id"));
        if (conversation == null) {
            return notFound(request);
        }
        ObjectNode item = item(conversation, request.param("item"));
        if (item == null) {
            return itemNotFound(conversation, request);
        }
        conversation.items().remove(item);
        return HttpReply.json(
                200,
                NODES.objectNode()
                        .put("id", request.param("item"))
                        .put("object", "conversation.item.deleted")
                        .put("deleted", true)
                        .toString());
    }

    private static ObjectNode item(Conversation conversation, String itemId) {
        return conversation.items().stream()
                .filter(i -> itemId.equals(i.path("id").asText()))
                .findFirst()
                .orElse(null);
    }

    private static HttpReply itemNotFound(Conversation conversation, MockRequest request) {
        return HttpReply.flatError(
                QwenError.flat(
                        404,
                        "NotFound",
                        "Item with id '" + request.param("item") + "' not found in conversation '" + conversation.id()
                                + "'."),
                request.requestId());
    }

    private HttpReply create(JsonNode body, String requestId) {
        QwenError error = checkMetadata(body.path("metadata"));
        List<ObjectNode> items = new ArrayList<>();
        if (error == null) {
            error = readItems(body.path("items"), items);
        }
        if (error != null) {
            return HttpReply.flatError(error, requestId);
        }
        ObjectNode metadata =
                body.path("metadata").isObject() ? body.get("metadata").deepCopy() : NODES.objectNode();
        Conversation conversation = new Conversation(
                "conv_" + UUID.randomUUID(), System.currentTimeMillis(), metadata, new ArrayList<>(items));
        conversations.put(conversation.id(), conversation);
        return HttpReply.json(200, json(conversation).toString());
    }

    private HttpReply update(Conversation conversation, JsonNode body, String requestId) {
        if (!body.path("metadata").isObject()) {
            return HttpReply.flatError(QwenError.flatInvalid("Missing required parameter: 'metadata'."), requestId);
        }
        QwenError error = checkMetadata(body.get("metadata"));
        if (error != null) {
            return HttpReply.flatError(error, requestId);
        }
        conversation.metadata().removeAll();
        conversation.metadata().setAll((ObjectNode) body.get("metadata").deepCopy());
        return HttpReply.json(200, json(conversation).toString());
    }

    private HttpReply addItems(Conversation conversation, JsonNode body, String requestId) {
        if (!body.path("items").isArray()) {
            return HttpReply.flatError(QwenError.flatInvalid("Missing required parameter: 'items'."), requestId);
        }
        List<ObjectNode> items = new ArrayList<>();
        QwenError error = readItems(body.get("items"), items);
        if (error != null) {
            return HttpReply.flatError(error, requestId);
        }
        conversation.items().addAll(items);
        ObjectNode page = NODES.objectNode();
        ArrayNode data = page.putArray("data");
        items.forEach(item -> data.add(item.deepCopy()));
        page.put("first_id", items.isEmpty() ? null : items.get(0).path("id").asText());
        page.put(
                "last_id",
                items.isEmpty() ? null : items.get(items.size() - 1).path("id").asText());
        page.put("has_more", false);
        return HttpReply.json(200, page.toString());
    }

    private HttpReply list(Conversation conversation, String rawQuery, String requestId) {
        ItemPages.Result result = ItemPages.page(conversation.items(), rawQuery);
        return result.error() != null
                ? HttpReply.flatError(result.error(), requestId)
                : HttpReply.json(200, result.page().toString());
    }

    private static QwenError readItems(JsonNode items, List<ObjectNode> into) {
        if (items.isMissingNode() || items.isNull()) {
            return null;
        }
        if (!items.isArray()) {
            return QwenError.flatInvalid("Invalid type for 'items': expected an array, but got "
                    + items.getNodeType().toString().toLowerCase(Locale.ROOT) + " instead.");
        }
        if (items.size() > MAX_ITEMS) {
            return QwenError.flatInvalid("Invalid 'items': array too long. Expected an array with maximum length "
                    + MAX_ITEMS + ", but got an array with length " + items.size() + " instead.");
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!"message".equals(item.path("type").asText("message")) || !item.has("role")) {
                return QwenError.flatInvalid(
                        "Invalid 'items[" + i + "]': only message items with a role are" + " supported.");
            }
            into.add(ResponsesInput.item(item));
        }
        return null;
    }

    private static QwenError checkMetadata(JsonNode metadata) {
        if (metadata.isMissingNode() || metadata.isNull()) {
            return null;
        }
        if (!metadata.isObject()) {
            return QwenError.flatInvalid("Invalid type for 'metadata': expected an object.");
        }
        if (metadata.size() > MAX_METADATA) {
            return QwenError.flatInvalid("Invalid 'metadata': too many properties. Expected an object with at most "
                    + MAX_METADATA + " properties, but got an object with " + metadata.size() + " properties instead.");
        }
        for (Map.Entry<String, JsonNode> entry : metadata.properties()) {
            if (entry.getKey().length() > 64) {
                return QwenError.flatInvalid("Invalid 'metadata': key too long. Expected a key with maximum length 64,"
                        + " but got a key with length " + entry.getKey().length() + " instead.");
            }
            String value = entry.getValue().asText();
            if (value.length() > 512) {
                return QwenError.flatInvalid("Invalid 'metadata." + entry.getKey() + "': string too long. Expected a"
                        + " string with maximum length 512, but got a string with length " + value.length()
                        + " instead.");
            }
        }
        return null;
    }

    private static HttpReply notFound(MockRequest request) {
        return HttpReply.flatError(
                QwenError.flat(404, "NotFound", "Conversation with id '" + request.param("id") + "' not found."),
                request.requestId());
    }

    private static ObjectNode json(Conversation conversation) {
        ObjectNode root = NODES.objectNode();
        root.put("id", conversation.id()).put("object", "conversation").put("created_at", conversation.createdAt());
        root.set("metadata", conversation.metadata().deepCopy());
        return root;
    }
}
