package io.github.qwenlangchain4j.responses;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call Qwen made of a built-in tool while answering (an output item such as {@code web_search_call} or
 * {@code code_interpreter_call}). {@link #details()} is the whole item as Qwen sent it; the accessors read the parts
 * users look for most: the search queries and sources, the code and its output.
 */
public final class QwenBuiltInToolCall {

    private final String type;
    private final String id;
    private final String status;
    private final Map<String, Object> details;

    /**
     * A call as Qwen reported it.
     *
     * @param type    the item type, e.g. {@code web_search_call}
     * @param id      the item id, or null
     * @param status  e.g. {@code completed}, or null
     * @param details the whole item; copied
     */
    public QwenBuiltInToolCall(String type, String id, String status, Map<String, Object> details) {
        this.type = Objects.requireNonNull(type, "type");
        this.id = id;
        this.status = status;
        this.details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * The item type, e.g. {@code web_search_call}, {@code web_extractor_call}, {@code code_interpreter_call},
     * {@code image_search_call}, {@code mcp_call}.
     *
     * @return the type
     */
    public String type() {
        return type;
    }

    /**
     * The item id.
     *
     * @return the id, or null when Qwen sent none
     */
    public String id() {
        return id;
    }

    /**
     * The call's status, e.g. {@code completed}, {@code in_progress}, {@code failed}.
     *
     * @return the status, or null when Qwen sent none
     */
    public String status() {
        return status;
    }

    /**
     * The whole item as Qwen sent it (JSON objects as maps, arrays as lists).
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> details() {
        return details;
    }

    /**
     * The search queries of a web or image search ({@code action.queries}, else {@code action.query}).
     *
     * @return the queries; empty for other tools or when Qwen sent none
     */
    public List<String> queries() {
        Map<String, Object> action = map(details.get("action"));
        List<String> queries = new ArrayList<>();
        for (Object query : list(action.get("queries"))) {
            if (query instanceof String text) {
                queries.add(text);
            }
        }
        if (queries.isEmpty() && action.get("query") instanceof String query) {
            queries.add(query);
        }
        return List.copyOf(queries);
    }

    /**
     * The sources a search or extraction used ({@code action.sources}, or the item's {@code sources} or
     * {@code results}), each with its URL and, where Qwen sent them, title and snippet.
     *
     * @return the sources; empty for other tools or when Qwen sent none
     */
    public List<QwenSource> sources() {
        List<Object> raw = list(map(details.get("action")).get("sources"));
        if (raw.isEmpty()) {
            raw = list(details.get("sources"));
        }
        if (raw.isEmpty()) {
            raw = list(details.get("results"));
        }
        List<QwenSource> sources = new ArrayList<>();
        for (Object entry : raw) {
            Map<String, Object> source = map(entry);
            String url = text(source, "url", "link");
            if (url != null || text(source, "title") != null) {
                sources.add(new QwenSource(url, text(source, "title", "name"), text(source, "snippet", "content")));
            }
        }
        return List.copyOf(sources);
    }

    /**
     * The code a code interpreter ran ({@code code}).
     *
     * @return the code, or null for other tools
     */
    public String code() {
        return text(details, "code");
    }

    /**
     * What the code printed or returned ({@code outputs[].logs}, or {@code output}), joined by newlines.
     *
     * @return the output, or null when there is none
     */
    public String output() {
        List<String> parts = new ArrayList<>();
        for (Object entry : list(details.get("outputs"))) {
            String logs = text(map(entry), "logs", "output", "text");
            if (logs != null) {
                parts.add(logs);
            }
        }
        if (parts.isEmpty() && details.get("output") instanceof String output) {
            return output;
        }
        return parts.isEmpty() ? null : String.join("\n", parts);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    private static String text(Map<String, Object> map, String... names) {
        for (String name : names) {
            if (map.get(name) instanceof String text && !text.isEmpty()) {
                return text;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QwenBuiltInToolCall that
                && type.equals(that.type)
                && Objects.equals(id, that.id)
                && Objects.equals(status, that.status)
                && details.equals(that.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, id, status, details);
    }

    @Override
    public String toString() {
        return "QwenBuiltInToolCall{type=" + type + ", id=" + id + ", status=" + status + ", details=" + details + '}';
    }
}
