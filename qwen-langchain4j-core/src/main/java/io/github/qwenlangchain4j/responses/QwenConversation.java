package io.github.qwenlangchain4j.responses;

import java.time.Instant;
import java.util.Map;

/**
 * A conversation Qwen keeps (Conversations API): pass its {@link #id()} as
 * {@link QwenResponsesChatRequestParameters.Builder#conversationId} and Qwen prepends its items to the request and
 * appends the turn to it.
 *
 * @param id        the conversation id, e.g. {@code conv_...}
 * @param createdAt when it was created, or null when Qwen did not say
 * @param metadata  its metadata (unmodifiable; empty when none)
 */
public record QwenConversation(String id, Instant createdAt, Map<String, String> metadata) {

    /**
     * Copies {@code metadata}, so that the record is immutable.
     *
     * @param id see the record's description
     * @param createdAt see the record's description
     * @param metadata see the record's description
     */
    public QwenConversation {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
