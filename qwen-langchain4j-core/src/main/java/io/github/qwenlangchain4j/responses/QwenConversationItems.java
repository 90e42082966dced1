package io.github.qwenlangchain4j.responses;

import java.util.List;

/**
 * A page of a conversation's items, as {@link QwenConversations#listItems} returns it.
 *
 * @param items   the items of this page (unmodifiable)
 * @param firstId the first item's id, or null on an empty page
 * @param lastId  the last item's id (pass it as {@code after} for the next page), or null on an empty page
 * @param hasMore whether more items follow
 */
public record QwenConversationItems(List<QwenConversationItem> items, String firstId, String lastId, boolean hasMore) {

    /**
     * Copies {@code items}, so that the record is immutable.
     *
     * @param items see the record's description
     * @param firstId see the record's description
     * @param lastId see the record's description
     * @param hasMore see the record's description
     */
    public QwenConversationItems {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
