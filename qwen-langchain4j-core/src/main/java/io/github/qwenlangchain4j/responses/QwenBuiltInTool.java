package io.github.qwenlangchain4j.responses;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tool that runs on Qwen's side during a Responses API call: Qwen decides when to call it, runs it and feeds the
 * result back to the model before answering, so the application executes nothing. The calls it made come back on
 * {@link QwenResponsesChatResponseMetadata#builtInToolCalls()} (with the search queries and sources, the code and its
 * output), and while streaming to a {@link QwenResponsesStreamingHandler}.
 *
 * <p>Built-in tools work beside function tools ({@code ToolSpecification}s and {@code @Tool} methods), which the
 * application executes as with Chat Completions.
 */
public final class QwenBuiltInTool {

    private static final QwenBuiltInTool WEB_SEARCH = new QwenBuiltInTool(Map.of("type", "web_search"));
    private static final QwenBuiltInTool WEB_EXTRACTOR = new QwenBuiltInTool(Map.of("type", "web_extractor"));
    private static final QwenBuiltInTool CODE_INTERPRETER = new QwenBuiltInTool(Map.of("type", "code_interpreter"));
    private static final QwenBuiltInTool IMAGE_SEARCH = new QwenBuiltInTool(Map.of("type", "image_search"));
    private static final QwenBuiltInTool WEB_SEARCH_IMAGE = new QwenBuiltInTool(Map.of("type", "web_search_image"));

    /**
     * The fields each built-in tool Qwen documents accepts besides {@code type} (Model Studio, "OpenAI Responses API
     * reference", tools): Qwen ignores unknown fields silently, so a misspelt option would do nothing; it is refused
     * here instead.
     */
    private static final Map<String, Set<String>> KNOWN_FIELDS = Map.of(
            "web_search", Set.of(),
            "web_extractor", Set.of(),
            "code_interpreter", Set.of(),
            "image_search", Set.of(),
            "web_search_image", Set.of(),
            "file_search", Set.of("vector_store_ids"),
            "mcp", Set.of("server_protocol", "server_label", "server_description", "server_url", "headers"));

    /** The tool's JSON object as sent in {@code tools}, {@code type} first. */
    private final Map<String, Object> definition;

    private QwenBuiltInTool(Map<String, Object> definition) {
        this.definition = definition;
    }

    /**
     * Web search ({@code {"type":"web_search"}}): the model searches the web and answers with what it found; the
     * sources come back on the search call.
     *
     * @return the tool
     */
    public static QwenBuiltInTool webSearch() {
        return WEB_SEARCH;
    }

    /**
     * Web page extraction ({@code {"type":"web_extractor"}}): the model reads the pages at URLs found by web search
     * or given in the question. Qwen requires {@link #webSearch()} beside it.
     *
     * @return the tool
     */
    public static QwenBuiltInTool webExtractor() {
        return WEB_EXTRACTOR;
    }

    /**
     * Code interpreter ({@code {"type":"code_interpreter"}}): the model writes Python and runs it in Qwen's sandbox,
     * e.g. to calculate; the code and its output come back on the call.
     *
     * @return the tool
     */
    public static QwenBuiltInTool codeInterpreter() {
        return CODE_INTERPRETER;
    }

    /**
     * Image search ({@code {"type":"image_search"}}): the model searches the web for images.
     *
     * @return the tool
     */
    public static QwenBuiltInTool imageSearch() {
        return IMAGE_SEARCH;
    }

    /**
     * Text-to-image search ({@code {"type":"web_search_image"}}): the model searches the web for images matching a
     * description.
     *
     * @return the tool
     */
    public static QwenBuiltInTool webSearchImage() {
        return WEB_SEARCH_IMAGE;
    }

    /**
     * Search in a knowledge base ({@code {"type":"file_search","vector_store_ids":[id]}}); Qwen takes exactly one.
     *
     * @param vectorStoreId the knowledge base's id
     * @return the tool
     */
    public static QwenBuiltInTool fileSearch(String vectorStoreId) {
        return of(Map.of("type", "file_search", "vector_store_ids", List.of(vectorStoreId)));
    }

    /**
     * A remote MCP server whose tools the model may call ({@code {"type":"mcp", ...}}), e.g. one of Model Studio's
     * hosted servers.
     *
     * @param serverLabel the server's label, e.g. {@code amap-maps}
     * @param serverUrl   its URL, e.g. {@code https://dashscope-intl.aliyuncs.com/api/v1/mcps/amap-maps/sse}
     * @param headers     headers Qwen sends to the server (e.g. its {@code Authorization}), or null; masked in
     *                    {@link #toString()}
     * @return the tool, with {@code server_protocol} {@code sse}
     */
    public static QwenBuiltInTool mcp(String serverLabel, String serverUrl, Map<String, String> headers) {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("type", "mcp");
        definition.put("server_protocol", "sse");
        definition.put("server_label", serverLabel);
        definition.put("server_url", serverUrl);
        if (headers != null && !headers.isEmpty()) {
            definition.put("headers", Map.copyOf(headers));
        }
        return of(definition);
    }

    /**
     * A built-in tool this library does not type yet, or one of the typed ones with options, given as its JSON
     * object, e.g. {@code Map.of("type", "mcp", "server_label", "amap-maps", "server_url", url)}.
     *
     * @param definition the tool's fields; {@code type} is required
     * @return the tool
     * @throws IllegalArgumentException when {@code type} is missing or blank, is {@code function} (function tools are
     *         {@code ToolSpecification}s), a field name is null, or a tool Qwen documents gets a field it does not
     *         take or lacks one it needs
     */
    public static QwenBuiltInTool of(Map<String, ?> definition) {
        Objects.requireNonNull(definition, "definition");
        Object type = definition.get("type");
        if (!(type instanceof String name) || name.isBlank()) {
            throw new IllegalArgumentException(
                    "A built-in tool needs a \"type\" such as \"web_search\", but got " + definition.keySet());
        }
        if (name.equals("function")) {
            throw new IllegalArgumentException("Function tools are not built-in tools: give them as ToolSpecifications"
                    + " (or @Tool methods of an AI service)");
        }
        if (definition.keySet().stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("A built-in tool's field names must not be null");
        }
        Set<String> known = KNOWN_FIELDS.get(name);
        if (known != null) {
            for (String field : definition.keySet()) {
                if (!field.equals("type") && !known.contains(field)) {
                    throw new IllegalArgumentException("The built-in tool " + name + " has no option '" + field + "'"
                            + (known.isEmpty() ? "; it takes none" : "; it takes " + new TreeSet<>(known))
                            + " (Qwen would silently ignore it)");
                }
            }
            checkRequired(name, definition);
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        copy.put("type", name);
        definition.forEach((key, value) -> copy.putIfAbsent(key, value));
        return new QwenBuiltInTool(Collections.unmodifiableMap(copy));
    }

    private static void checkRequired(String type, Map<String, ?> definition) {
        if (type.equals("file_search")) {
            if (!(definition.get("vector_store_ids") instanceof List<?> ids)
                    || ids.size() != 1
                    || !(ids.get(0) instanceof String id)
                    || id.isBlank()) {
                throw new IllegalArgumentException("file_search needs vector_store_ids with exactly one knowledge base"
                        + " id, but got " + definition.get("vector_store_ids"));
            }
        }
        if (type.equals("mcp")) {
            for (String field : List.of("server_label", "server_url")) {
                if (!(definition.get(field) instanceof String value) || value.isBlank()) {
                    throw new IllegalArgumentException("An mcp tool needs " + field);
                }
            }
        }
    }

    /**
     * The tool's type, e.g. {@code web_search}.
     *
     * @return the type
     */
    public String type() {
        return (String) definition.get("type");
    }

    /**
     * The tool's JSON object as sent in the request's {@code tools}.
     *
     * @return an unmodifiable map, {@code type} first
     */
    public Map<String, Object> definition() {
        return definition;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QwenBuiltInTool that && definition.equals(that.definition);
    }

    @Override
    public int hashCode() {
        return definition.hashCode();
    }

    /** The definition, with header values of MCP servers (which may hold keys) masked. */
    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>(definition);
        if (shown.containsKey("headers")) {
            shown.put("headers", "***");
        }
        if (shown.containsKey("authorization")) {
            shown.put("authorization", "***");
        }
        return "QwenBuiltInTool" + shown;
    }
}
