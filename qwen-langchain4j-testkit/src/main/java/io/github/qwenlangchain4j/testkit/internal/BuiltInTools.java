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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline runs of Qwen's built-in tools, one output item per tool offered, in the shapes of Model Studio's
 * Responses reference (output_item.done examples): {@code web_search_call} (canned sources; {@code action.query} is
 * the placeholder {@code "Web search"} as Qwen sends it, the question is in {@code queries}),
 * {@code web_extractor_call}, {@code code_interpreter_call} (runs simple sums, see {@link Arithmetic}),
 * {@code web_search_image_call}, {@code image_search_call}, {@code file_search_call} and {@code mcp_call}.
 * Sources: https://www.alibabacloud.com/help/en/model-studio/qwen-api-via-openai-responses and
 * https://help.aliyun.com/zh/model-studio/qwen-api-via-openai-responses.
 */
final class BuiltInTools {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>)]+");

    /**
     * What the tools did.
     *
     * @param items  the output items, in the order of the tools
     * @param notes  a sentence per tool for the answer
     * @param counts {@code usage.x_tools}: calls per billed tool
     */
    record Run(List<ObjectNode> items, List<String> notes, Map<String, Integer> counts) {}

    private BuiltInTools() {}

    static boolean isBuiltIn(String type) {
        return switch (type) {
            case "web_search",
                    "web_extractor",
                    "code_interpreter",
                    "web_search_image",
                    "image_search",
                    "file_search",
                    "mcp" -> true;
            default -> false;
        };
    }

    static Run run(JsonNode tools, String question) {
        List<ObjectNode> items = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        String firstSource = null;
        for (JsonNode tool : tools) {
            String type = tool.path("type").asText();
            if (!isBuiltIn(type)) {
                continue;
            }
            ObjectNode item = NODES.objectNode();
            item.put("id", ResponsesInput.newItemId());
            item.put("type", type + "_call");
            item.put("status", "completed");
            switch (type) {
                case "web_search" -> {
                    ArrayNode sources = NODES.arrayNode();
                    String slug = slug(question);
                    sources.addObject()
                            .put("type", "url")
                            .put("url", "https://example.com/offline-search/" + slug)
                            .put("title", "Offline search result 1: " + abbreviate(question, 60));
                    sources.addObject()
                            .put("type", "url")
                            .put("url", "https://example.org/offline-search/" + slug)
                            .put("title", "Offline search result 2: " + abbreviate(question, 60));
                    ObjectNode action = item.putObject("action");
                    action.put("type", "search").put("query", "Web search");
                    action.putArray("queries").add(question);
                    action.set("sources", sources);
                    firstSource = sources.get(0).get("url").asText();
                    notes.add("Sources: " + sources.get(0).get("title").asText() + " ("
                            + sources.get(0).get("url").asText() + "), "
                            + sources.get(1).get("title").asText() + " ("
                            + sources.get(1).get("url").asText() + ").");
                }
                case "web_extractor" -> {
                    Matcher matcher = URL.matcher(question);
                    String url = matcher.find()
                            ? matcher.group()
                            : firstSource != null ? firstSource : "https://example.com/";
                    String goal = "Extract the information relevant to: " + abbreviate(question, 200);
                    item.put("goal", goal);
                    item.putArray("urls").add(url);
                    item.put(
                            "output",
                            "The useful information in " + url + " for user goal " + goal
                                    + " as follows: \n\nEvidence in page: \n[offline QwenMockServer: no page was fetched]"
                                    + "\n\nSummary: \nAn offline stand-in for the content of " + url + ".");
                    notes.add("Extracted from " + url + ".");
                }
                case "code_interpreter" -> {
                    Arithmetic run = Arithmetic.of(question);
                    item.put("code", run.code());
                    item.putArray("outputs").addObject().put("type", "logs").put("logs", run.logs());
                    item.put("container_id", "container_offline");
                    notes.add("The code interpreter ran " + run.code() + " and printed " + run.result() + ".");
                }
                case "web_search_image" -> {
                    ObjectNode arguments = NODES.objectNode();
                    arguments.putArray("queries").add(question);
                    item.put("name", "web_search_image").put("arguments", arguments.toString());
                    item.put("output", images("Offline image for: " + abbreviate(question, 60)));
                    notes.add("Found an image: https://example.com/offline-image-1.jpg.");
                }
                case "image_search" -> {
                    item.put("name", "image_search").put("arguments", "{\"img_idx\": 0, \"bbox\": [0, 0, 1000, 1000]}");
                    item.put("output", images("Offline image similar to the one given"));
                    notes.add("Found a similar image: https://example.com/offline-image-1.jpg.");
                }
                case "file_search" -> {
                    item.putArray("queries").add(question);
                    ObjectNode result = item.putArray("results").addObject();
                    result.put("file_id", "file_offline")
                            .put("filename", "offline.txt")
                            .put("score", 0.5)
                            .put("text", "[offline QwenMockServer] No knowledge base was searched.");
                    notes.add("The file search found offline.txt.");
                }
                default -> { // mcp
                    String label = tool.path("server_label").asText("MCP Server");
                    item.put("name", label + "-offline_tool")
                            .put("server_label", label)
                            .put("arguments", "{}");
                    item.put("output", "{\"offline\":true}");
                    notes.add("The MCP server " + label + " answered offline.");
                }
            }
            items.add(item);
            if (!"mcp".equals(type)) {
                counts.merge(type, 1, Integer::sum);
            }
        }
        return new Run(items, notes, counts);
    }

    private static String images(String title) {
        ArrayNode images = NODES.arrayNode();
        images.addObject()
                .put("title", title)
                .put("url", "https://example.com/offline-image-1.jpg")
                .put("index", 1);
        return images.toString();
    }

    private static String slug(String question) {
        String slug =
                question.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        slug = slug.length() > 40 ? slug.substring(0, 40) : slug;
        return slug.isEmpty() ? "query" : slug;
    }

    private static String abbreviate(String text, int max) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "...";
    }
}
