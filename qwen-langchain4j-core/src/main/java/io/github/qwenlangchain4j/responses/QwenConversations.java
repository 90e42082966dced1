package io.github.qwenlangchain4j.responses;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.github.qwenlangchain4j.QwenConnectionBuilder;
import io.github.qwenlangchain4j.QwenPage;
import io.github.qwenlangchain4j.QwenRegion;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import io.github.qwenlangchain4j.internal.responses.ConversationWire;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Qwen's Conversations API: conversations whose history Qwen keeps, so that each Responses call sends only the new
 * turn ({@link QwenResponsesChatRequestParameters.Builder#conversationId}). Create one (with starting messages and
 * metadata), read, update and delete it, and list, add, read and delete its items.
 *
 * <pre>{@code
 * QwenConversations conversations = QwenConversations.builder().apiKey(System.getenv("DASHSCOPE_API_KEY")).build();
 * QwenConversation conversation = conversations.create(List.of(SystemMessage.from("Answer in one line.")),
 *         Map.of("user", "42"));
 * ChatRequest turn = ChatRequest.builder()
 *         .messages(UserMessage.from("My name is Ada."))
 *         .parameters(QwenResponsesChatRequestParameters.builder().conversationId(conversation.id()).build())
 *         .build();
 * }</pre>
 *
 * <p>Qwen's limits are checked before sending: at most 20 items per call, at most 16 metadata pairs with keys of at
 * most 64 and values of at most 512 characters. Only system, user and assistant text messages can be items. Creating
 * a conversation and adding items are not retried once the request may have reached Qwen (a retry would add them
 * twice). Thread-safe.
 */
public final class QwenConversations {

    /** Most items per create or add call. */
    public static final int MAX_ITEMS_PER_CALL = 20;
    /** Most metadata pairs of a conversation. */
    public static final int MAX_METADATA_PAIRS = 16;

    private static final String CONVERSATIONS = "/conversations";

    private final QwenClient client;

    private QwenConversations(QwenClient client) {
        this.client = client;
    }

    /**
     * A builder; only {@link QwenConnectionBuilder#apiKey(String) apiKey} is required, {@code region} picks the
     * region's {@link QwenRegion#responsesBaseUrl() Responses base URL}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a conversation.
     *
     * @param messages starting messages (system, user, assistant text), or null or empty for none; at most 20
     * @param metadata metadata pairs, or null for none; at most 16
     * @return the new conversation
     * @throws IllegalArgumentException when a limit is exceeded or a message cannot be an item
     */
    public QwenConversation create(List<? extends ChatMessage> messages, Map<String, String> metadata) {
        List<Map<String, Object>> items = messages == null || messages.isEmpty() ? null : toItems(messages);
        checkMetadata(metadata);
        return toConversation(client.create(
                        CONVERSATIONS,
                        new ConversationWire.CreateBody(items, metadata == null ? null : new LinkedHashMap<>(metadata)),
                        ConversationWire.Conversation.class)
                .body());
    }

    /**
     * Reads a conversation.
     *
     * @param conversationId its id
     * @return the conversation
     */
    public QwenConversation retrieve(String conversationId) {
        return toConversation(client.get(path(conversationId), null, ConversationWire.Conversation.class)
                .body());
    }

    /**
     * Replaces a conversation's metadata.
     *
     * @param conversationId its id
     * @param metadata       the new metadata (the old is dropped); at most 16 pairs
     * @return the updated conversation
     */
    public QwenConversation update(String conversationId, Map<String, String> metadata) {
        if (metadata == null) {
            throw new IllegalArgumentException("metadata is required: it replaces the conversation's metadata (pass an"
                    + " empty map to clear it)");
        }
        checkMetadata(metadata);
        return toConversation(client.post(
                        path(conversationId),
                        new ConversationWire.UpdateBody(metadata),
                        ConversationWire.Conversation.class)
                .body());
    }

    /**
     * Deletes a conversation (Qwen keeps its items' messages).
     *
     * @param conversationId its id
     * @return whether Qwen reports it deleted
     */
    public boolean delete(String conversationId) {
        return Boolean.TRUE.equals(client.delete(path(conversationId), ConversationWire.Deleted.class)
                .body()
                .deleted());
    }

    /**
     * Lists a conversation's items, newest first (Qwen's default order).
     *
     * @param conversationId its id
     * @return the first page of up to 20 items
     */
    public QwenPage<QwenConversationItem> listItems(String conversationId) {
        return listItems(conversationId, null, null, null);
    }

    /**
     * Lists a conversation's items.
     *
     * @param conversationId its id
     * @param after          the id of the item to list after (the previous page's {@code lastId}), or null
     * @param limit          items per page, 1 to 100, or null for 20
     * @param ascending      true for oldest first, false for newest first, null for Qwen's default (newest first)
     * @return one page
     */
    public QwenPage<QwenConversationItem> listItems(
            String conversationId, String after, Integer limit, Boolean ascending) {
        if (limit != null && (limit < 1 || limit > 100)) {
            throw new IllegalArgumentException("limit must be between 1 and 100, but was " + limit);
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("after", after);
        query.put("limit", limit == null ? null : limit.toString());
        query.put("order", ascending == null ? null : (ascending ? "asc" : "desc"));
        return toItems(client.get(path(conversationId) + "/items", query, ConversationWire.ItemList.class)
                .body());
    }

    /**
     * Adds messages to a conversation.
     *
     * @param conversationId its id
     * @param messages       system, user or assistant text messages; 1 to 20
     * @return the added items
     */
    public List<QwenConversationItem> addItems(String conversationId, List<? extends ChatMessage> messages) {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
        return toItems(client.create(
                                path(conversationId) + "/items",
                                new ConversationWire.ItemsBody(toItems(messages)),
                                ConversationWire.ItemList.class)
                        .body())
                .data();
    }

    /**
     * Reads one item of a conversation.
     *
     * @param conversationId the conversation's id
     * @param itemId         the item's id
     * @return the item
     */
    public QwenConversationItem retrieveItem(String conversationId, String itemId) {
        return toItem(client.get(
                        path(conversationId) + "/items/" + requireId(itemId, "itemId"),
                        null,
                        ConversationWire.Item.class)
                .body());
    }

    /**
     * Deletes one item of a conversation.
     *
     * @param conversationId the conversation's id
     * @param itemId         the item's id
     * @return whether Qwen reports it deleted
     */
    public boolean deleteItem(String conversationId, String itemId) {
        return Boolean.TRUE.equals(client.delete(
                        path(conversationId) + "/items/" + requireId(itemId, "itemId"), ConversationWire.Deleted.class)
                .body()
                .deleted());
    }

    private static String path(String conversationId) {
        return CONVERSATIONS + "/" + requireId(conversationId, "conversationId");
    }

    private static String requireId(String id, String name) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (!id.matches("[A-Za-z0-9_.:-]+")) {
            throw new IllegalArgumentException(name + " has characters Qwen's ids never have: '" + id + "'");
        }
        return id;
    }

    private static List<Map<String, Object>> toItems(List<? extends ChatMessage> messages) {
        if (messages.size() > MAX_ITEMS_PER_CALL) {
            throw new IllegalArgumentException("Qwen takes at most " + MAX_ITEMS_PER_CALL + " items per call, but got "
                    + messages.size() + "; add the rest with addItems");
        }
        List<Map<String, Object>> items = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            String role;
            String text;
            if (message instanceof SystemMessage system) {
                role = "system";
                text = system.text();
            } else if (message instanceof UserMessage user && user.hasSingleText()) {
                role = "user";
                text = user.singleText();
            } else if (message instanceof AiMessage ai && ai.text() != null && !ai.hasToolExecutionRequests()) {
                role = "assistant";
                text = ai.text();
            } else {
                throw new IllegalArgumentException("messages[" + i + "] cannot be a conversation item: Qwen keeps"
                        + " system, user and assistant text messages, not "
                        + (message == null
                                ? "null"
                                : message.type() + " messages with tool calls or non-text content"));
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("type", "message");
            item.put("role", role);
            item.put("content", text);
            items.add(item);
        }
        return items;
    }

    private static void checkMetadata(Map<String, String> metadata) {
        if (metadata == null) {
            return;
        }
        if (metadata.size() > MAX_METADATA_PAIRS) {
            throw new IllegalArgumentException(
                    "Qwen keeps at most " + MAX_METADATA_PAIRS + " metadata pairs, but got " + metadata.size());
        }
        metadata.forEach((key, value) -> {
            if (key == null || key.isEmpty() || key.length() > 64) {
                throw new IllegalArgumentException("metadata keys must have 1 to 64 characters, but got '" + key + "'");
            }
            if (value == null || value.length() > 512) {
                throw new IllegalArgumentException("metadata values must be at most 512 characters (and not null), but"
                        + " the value of '" + key + "' " + (value == null ? "is null" : "has " + value.length()));
            }
        });
    }

    private static QwenConversation toConversation(ConversationWire.Conversation wire) {
        return new QwenConversation(
                wire.id(), wire.createdAt() == null ? null : Instant.ofEpochMilli(wire.createdAt()), wire.metadata());
    }

    private static QwenPage<QwenConversationItem> toItems(ConversationWire.ItemList wire) {
        List<QwenConversationItem> items = new ArrayList<>();
        if (wire.data() != null) {
            for (ConversationWire.Item item : wire.data()) {
                if (item != null) {
                    items.add(toItem(item));
                }
            }
        }
        return new QwenPage<>(items, wire.firstId(), wire.lastId(), Boolean.TRUE.equals(wire.hasMore()));
    }

    private static QwenConversationItem toItem(ConversationWire.Item wire) {
        return new QwenConversationItem(wire.id(), wire.type(), wire.role(), wire.status(), textOf(wire.content()));
    }

    /** Content is a string or a list of {@code {type, text}} parts. */
    private static String textOf(Object content) {
        if (content instanceof String text) {
            return text;
        }
        if (!(content instanceof List<?> parts)) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Map<?, ?> map && map.get("text") instanceof String piece) {
                text.append(piece);
            }
        }
        return text.length() == 0 ? null : text.toString();
    }

    @Override
    public String toString() {
        return "QwenConversations{baseUrl=" + client.baseUrl() + ", apiKey=***}";
    }

    /** Builder of {@link QwenConversations}; only the connection settings. */
    public static final class Builder extends QwenConnectionBuilder<QwenConversations, Builder> {

        Builder() {}

        @Override
        public QwenConversations build() {
            return new QwenConversations(newClient(QwenRegion::responsesBaseUrl, Map.of()));
        }
    }
}
