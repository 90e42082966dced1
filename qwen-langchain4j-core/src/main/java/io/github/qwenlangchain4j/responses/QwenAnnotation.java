package io.github.qwenlangchain4j.responses;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An annotation of the answer's text ({@code output_text.annotations[]}), such as a {@code url_citation} that links
 * a passage to its source.
 *
 * @param type       e.g. {@code url_citation}
 * @param url        the cited URL, or null
 * @param title      the cited page's title, or null
 * @param startIndex where the annotated passage starts in the text, or null
 * @param endIndex   where it ends, or null
 * @param details    the whole annotation as Qwen sent it
 */
public record QwenAnnotation(
        String type, String url, String title, Integer startIndex, Integer endIndex, Map<String, Object> details) {

    /**
     * Copies {@code details}, so that the record is immutable.
     *
     * @param type see the record's description
     * @param url see the record's description
     * @param title see the record's description
     * @param startIndex see the record's description
     * @param endIndex see the record's description
     * @param details see the record's description
     */
    public QwenAnnotation {
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
