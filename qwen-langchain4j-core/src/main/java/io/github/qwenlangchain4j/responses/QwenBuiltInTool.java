package io.github.qwenlangchain4j.responses;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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
     * A built-in tool this library does not type yet, or one of the typed ones with options, given as its JSON
     * object, e.g. {@code Map.of("type", "mcp", "server_label", "amap-maps", "server_url", url)}.
     *
     * @param definition the tool's fields; {@code type} is required
     * @return the tool
     * @throws IllegalArgumentException when {@code type} is missing or blank, is {@code function} (function tools are
     *         {@code ToolSpecification}s), or a field name is null
     */
    public static QwenBuiltInTool of(Map<String, ?> definition) {
        Objects.requireNonNull(definition, "definition");
        Object type = definition.get("type");
        if (!(type instanceof String name) || name.isBlank()) {
            throw new IllegalArgumentException("A built-in tool needs a \"type\" such as \"web_search\", but got "
                    + definition.keySet());
        }
        if (name.equals("function")) {
            throw new IllegalArgumentException("Function tools are not built-in tools: give them as ToolSpecifications"
                    + " (or @Tool methods of an AI service)");
        }
        if (definition.containsKey(null)) {
            throw new IllegalArgumentException("A built-in tool's field names must not be null");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        copy.put("type", name);
        definition.forEach((key, value) -> copy.putIfAbsent(key, value));
        return new QwenBuiltInTool(Collections.unmodifiableMap(copy));
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
