package io.github.qwenlangchain4j;

import java.util.List;

/**
 * One page of a list call. Pass {@link #lastId()} as {@code after} to get the next page while {@link #hasMore()}.
 *
 * @param data    the items of this page
 * @param firstId the id of the first item, or null
 * @param lastId  the id of the last item, or null
 * @param hasMore whether more items follow
 * @param <T>     the item type
 */
public record QwenPage<T>(List<T> data, String firstId, String lastId, boolean hasMore) {

    /**
     * A page; created by the library.
     *
     * @param data    the items of this page (copied); null means none
     * @param firstId the id of the first item, or null
     * @param lastId  the id of the last item, or null
     * @param hasMore whether more items follow
     */
    public QwenPage {
        data = data == null ? List.of() : List.copyOf(data);
    }
}
