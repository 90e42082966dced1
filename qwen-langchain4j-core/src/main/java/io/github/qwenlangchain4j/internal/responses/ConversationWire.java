package io.github.qwenlangchain4j.internal.responses;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * Wire records of the Conversations API (Model Studio, "Conversations API" reference): a conversation
 * ({@code created_at} in milliseconds, unlike responses), its items (messages), item lists and deletions.
 */
public final class ConversationWire {

    private ConversationWire() {}

    /** {@code POST /conversations}: up to 20 items and up to 16 metadata pairs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreateBody(List<Map<String, Object>> items, Map<String, String> metadata) {}

    /** {@code POST /conversations/{id}}: the new metadata, replacing the old. */
    public record UpdateBody(Map<String, String> metadata) {}

    /** {@code POST /conversations/{id}/items}. */
    public record ItemsBody(List<Map<String, Object>> items) {}

    /** A conversation object. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Conversation(String id, String object, Long createdAt, Map<String, String> metadata) {}

    /** A conversation item: a message with input_text or output_text parts. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(String id, String type, String role, String status, Object content) {}

    /** A page of items. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ItemList(List<Item> data, String firstId, String lastId, Boolean hasMore) {}

    /** What a deletion returns ({@code conversation.deleted} or {@code conversation.item.deleted}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Deleted(String id, String object, Boolean deleted) {}
}
