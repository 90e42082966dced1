package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the mock answers a Responses request, as output items, like the chat mock's {@link DefaultReplies}: a
 * {@code reasoning} item first while the model thinks; a {@code function_call} of the function tool that fits the
 * question best (arguments made from its schema, numbers from the question) unless the input ends with a
 * {@code function_call_output}, which the answer then uses; one item per built-in tool offered; then a message that
 * says it is offline and echoes the question, the instructions, what the tools found and what earlier turns said
 * ("my name is Ada" earlier makes a question about the name answer "Your name is Ada."). A scripted reply
 * ({@link Completion}) replaces all of it.
 */
final class ResponsesAnswers {

    static final String OFFLINE = "[offline QwenMockServer: no Qwen API was called] ";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern NAME = Pattern.compile("(?i)\\bmy name is ([\\p{L}\\p{N}_-]+)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{3,}");

    /**
     * The turn's output.
     *
     * @param output    the output items
     * @param builtIns  {@code usage.x_tools} counts
     * @param reasoning the reasoning text, or null
     * @param text      the message text, or null when the turn calls a function
     */
    record Turn(List<ObjectNode> output, Map<String, Integer> builtIns, String reasoning, String text) {}

    private ResponsesAnswers() {}

    /**
     * @param request  the request
     * @param history  earlier items (from {@code previous_response_id} or the conversation)
     * @param input    this turn's items
     * @param thinking whether the model thinks
     * @param scripted a queued reply, or null
     */
    static Turn answer(
            JsonNode request, List<ObjectNode> history, List<ObjectNode> input, boolean thinking, Completion scripted) {
        List<ObjectNode> context = new ArrayList<>(history);
        context.addAll(input);
        String question = ResponsesInput.lastUserText(context);
        List<ObjectNode> output = new ArrayList<>();
        if (scripted != null) {
            if (scripted.thinking() != null) {
                output.add(reasoning(scripted.thinking()));
            }
            for (Completion.Call call : scripted.toolCalls()) {
                output.add(functionCall(call.name(), call.argumentsJson()));
            }
            String text = scripted.toolCalls().isEmpty() ? scripted.text() : null;
            if (text != null) {
                output.add(message(text));
            }
            return new Turn(output, Map.of(), scripted.thinking(), text);
        }
        String reasoning = thinking ? "[offline] Thinking about: " + ResponsesInput.abbreviate(question) : null;
        if (reasoning != null) {
            output.add(reasoning(reasoning));
        }
        ObjectNode last = context.isEmpty() ? NODES.objectNode() : context.get(context.size() - 1);
        boolean afterToolOutput = "function_call_output".equals(ResponsesInput.type(last));
        List<JsonNode> functions = functionTools(request);
        if (!functions.isEmpty()
                && !afterToolOutput
                && !"none".equals(request.path("tool_choice").asText())) {
            JsonNode tool = bestTool(functions, question);
            output.add(functionCall(
                    tool.path("name").asText(),
                    new SchemaValues(question)
                            .objectFor(tool.path("parameters"))
                            .toString()));
            return new Turn(output, Map.of(), reasoning, null);
        }
        StringBuilder text = new StringBuilder(OFFLINE);
        Map<String, Integer> builtIns = Map.of();
        if (afterToolOutput) {
            text.append("The tool ")
                    .append(functionName(context, last.path("call_id").asText()))
                    .append(" returned: ")
                    .append(ResponsesInput.abbreviate(ResponsesInput.text(last)));
        } else {
            text.append("You asked: \"")
                    .append(ResponsesInput.abbreviate(question))
                    .append('"');
            String instructions = request.path("instructions").asText("");
            if (!instructions.isBlank()) {
                text.append(" Instructions: \"")
                        .append(ResponsesInput.abbreviate(instructions))
                        .append('"');
            }
            appendMemory(text, context, question);
            if (!"none".equals(request.path("tool_choice").asText())) {
                BuiltInTools.Run run = BuiltInTools.run(request.path("tools"), question);
                output.addAll(run.items());
                run.notes().forEach(note -> text.append(' ').append(note));
                builtIns = run.counts();
            }
        }
        output.add(message(text.toString()));
        return new Turn(output, builtIns, reasoning, text.toString());
    }

    /** What earlier turns said: the name the user gave, and the first thing they said. */
    private static void appendMemory(StringBuilder text, List<ObjectNode> context, String question) {
        List<String> earlier = new ArrayList<>();
        for (int i = 0; i < context.size() - 1; i++) {
            ObjectNode item = context.get(i);
            if ("message".equals(ResponsesInput.type(item))
                    && !"assistant".equals(item.path("role").asText())) {
                earlier.add(ResponsesInput.text(item));
            }
        }
        if (earlier.isEmpty()) {
            return;
        }
        if (question.toLowerCase(Locale.ROOT).contains("name")) {
            for (String said : earlier) {
                Matcher matcher = NAME.matcher(said);
                if (matcher.find()) {
                    text.append(" Your name is ").append(matcher.group(1)).append('.');
                    break;
                }
            }
        }
        text.append(" Earlier you said: \"")
                .append(ResponsesInput.abbreviate(earlier.get(0)))
                .append('"');
    }

    private static List<JsonNode> functionTools(JsonNode request) {
        List<JsonNode> functions = new ArrayList<>();
        for (JsonNode tool : request.path("tools")) {
            if ("function".equals(tool.path("type").asText()) && tool.hasNonNull("name")) {
                functions.add(tool);
            }
        }
        JsonNode choice = request.path("tool_choice");
        Set<String> allowed = new HashSet<>();
        if ("allowed_tools".equals(choice.path("type").asText())) {
            choice.path("tools").forEach(tool -> allowed.add(tool.path("name").asText()));
        } else if ("function".equals(choice.path("type").asText())) {
            allowed.add(choice.path("name").asText());
        }
        if (!allowed.isEmpty()) {
            List<JsonNode> chosen = functions.stream()
                    .filter(tool -> allowed.contains(tool.path("name").asText()))
                    .toList();
            return chosen.isEmpty() ? functions : chosen;
        }
        return functions;
    }

    /** The tool whose name and description share the most words with the question; the first on a tie. */
    private static JsonNode bestTool(List<JsonNode> tools, String question) {
        Set<String> asked = words(question);
        JsonNode best = tools.get(0);
        int bestScore = -1;
        for (JsonNode tool : tools) {
            Set<String> offered = words(tool.path("name")
                            .asText()
                            .replaceAll("([a-z])([A-Z])", "$1 $2")
                            .replace('_', ' ')
                            .replace('-', ' ')
                    + " " + tool.path("description").asText(""));
            offered.retainAll(asked);
            if (offered.size() > bestScore) {
                best = tool;
                bestScore = offered.size();
            }
        }
        return best;
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    private static String functionName(List<ObjectNode> context, String callId) {
        for (ObjectNode item : context) {
            if ("function_call".equals(ResponsesInput.type(item))
                    && callId.equals(item.path("call_id").asText())) {
                return item.path("name").asText("?");
            }
        }
        return "?";
    }

    static ObjectNode reasoning(String text) {
        ObjectNode item = NODES.objectNode();
        item.put("id", ResponsesInput.newItemId()).put("type", "reasoning");
        item.putArray("summary").addObject().put("type", "summary_text").put("text", text);
        return item;
    }

    static ObjectNode functionCall(String name, String arguments) {
        ObjectNode item = NODES.objectNode();
        item.put("id", ResponsesInput.newItemId()).put("type", "function_call").put("status", "completed");
        item.put("name", name).put("arguments", arguments);
        item.put(
                "call_id",
                "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        return item;
    }

    static ObjectNode message(String text) {
        ObjectNode item = NODES.objectNode();
        item.put("id", ResponsesInput.newItemId())
                .put("type", "message")
                .put("role", "assistant")
                .put("status", "completed");
        ObjectNode part = item.putArray("content").addObject();
        part.putArray("annotations");
        part.put("text", text).put("type", "output_text").putNull("logprobs");
        return item;
    }
}
