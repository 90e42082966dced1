package io.github.qwenlangchain4j.internal.mapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.internal.JsonSchemaElementJsonUtils;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import io.github.qwenlangchain4j.QwenChatRequestParameters;
import io.github.qwenlangchain4j.QwenContextCache;
import io.github.qwenlangchain4j.QwenReasoningEffort;
import io.github.qwenlangchain4j.QwenSearchOptions;
import io.github.qwenlangchain4j.internal.api.ChatCompletionRequest;
import io.github.qwenlangchain4j.internal.api.ContentPart;
import io.github.qwenlangchain4j.internal.api.Message;
import io.github.qwenlangchain4j.internal.api.SearchOptions;
import io.github.qwenlangchain4j.internal.api.StreamOptions;
import io.github.qwenlangchain4j.internal.api.Tool;
import io.github.qwenlangchain4j.internal.api.ToolCall;
import io.github.qwenlangchain4j.internal.api.ToolChoiceFunction;
import io.github.qwenlangchain4j.internal.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * LangChain4j chat request -> Qwen wire request, for sync, streaming and batch alike. Everything Qwen would refuse,
 * or silently ignore, is refused here, before anything is sent.
 */
public final class ChatRequestMapper {

    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final List<String> TEXT_AND_AUDIO = List.of("text", "audio");

    public static final String JSON_NOTE = "Respond with a single valid JSON object and nothing else.";
    public static final String JSON_SCHEMA_NOTE =
            "Respond with a single valid JSON object and nothing else. The JSON must conform to this JSON schema:\n";

    private ChatRequestMapper() {}

    /**
     * Maps messages and merged parameters to the wire request, sent as {@code plan} says (thinking, JSON mode,
     * streaming); see {@link CallPlanner}. The custom parameters go in as they are, at top level: one that has the
     * name of a typed field replaces it (the typed field is left null, so that only the custom value is sent), as
     * {@link QwenChatRequestParameters#customParameters()} documents.
     *
     * @param sendThinking whether earlier assistant thinking is sent back as {@code reasoning_content}
     */
    public static ChatCompletionRequest toRequest(
            List<ChatMessage> messages, QwenChatRequestParameters parameters, CallPlan plan, boolean sendThinking) {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty: a chat request needs at least one message");
        }
        validateParameters(parameters);
        validateAudioOutput(parameters, plan);
        List<Tool> tools = toTools(parameters.toolSpecifications());
        Object toolChoice = toToolChoice(parameters, plan.thinking());

        String formatNote = null;
        ResponseFormat format = parameters.responseFormat();
        if (format != null && format.type() == ResponseFormatType.JSON) {
            JsonSchema schema = format.jsonSchema();
            formatNote = schema == null ? null : JSON_SCHEMA_NOTE + schemaJson(schema);
            if (!plan.jsonMode()) {
                // Qwen refuses JSON mode while thinking; the instruction alone still steers the answer.
                formatNote = formatNote == null ? JSON_NOTE : formatNote;
            } else if (formatNote == null && !mentionsJson(messages)) {
                // json_object is refused unless a message contains the word "JSON".
                formatNote = JSON_NOTE;
            }
        }

        Map<String, Object> custom = parameters.customParameters();
        return new ChatCompletionRequest(
                unlessCustom(custom, "model", parameters.modelName()),
                unlessCustom(
                        custom,
                        "messages",
                        toMessages(messages, sendsThinking(sendThinking, parameters), formatNote, parameters)),
                unlessCustom(custom, "temperature", parameters.temperature()),
                unlessCustom(custom, "top_p", parameters.topP()),
                unlessCustom(custom, "top_k", parameters.topK()),
                unlessCustom(custom, "max_tokens", parameters.maxOutputTokens()),
                unlessCustom(custom, "max_completion_tokens", parameters.maxCompletionTokens()),
                unlessCustom(custom, "stop", emptyToNull(parameters.stopSequences())),
                unlessCustom(custom, "seed", parameters.seed()),
                unlessCustom(custom, "presence_penalty", parameters.presencePenalty()),
                unlessCustom(custom, "repetition_penalty", parameters.repetitionPenalty()),
                unlessCustom(custom, "enable_thinking", plan.enableThinking()),
                unlessCustom(
                        custom,
                        "thinking_budget",
                        sendsThinkingControls(parameters, plan) ? parameters.thinkingBudget() : null),
                unlessCustom(custom, "reasoning_effort", reasoningEffort(parameters, plan)),
                unlessCustom(custom, "preserve_thinking", parameters.preserveThinking()),
                unlessCustom(custom, "enable_search", parameters.enableSearch()),
                unlessCustom(custom, "search_options", toSearchOptions(parameters.searchOptions())),
                unlessCustom(custom, "vl_high_resolution_images", parameters.vlHighResolutionImages()),
                unlessCustom(custom, "enable_code_interpreter", parameters.enableCodeInterpreter()),
                unlessCustom(custom, "parallel_tool_calls", parameters.parallelToolCalls()),
                unlessCustom(custom, "modalities", parameters.audioOutput() == null ? null : TEXT_AND_AUDIO),
                unlessCustom(
                        custom,
                        "audio",
                        parameters.audioOutput() == null
                                ? null
                                : new ChatCompletionRequest.AudioOutput(
                                        parameters.audioOutput().voice(),
                                        parameters.audioOutput().format())),
                unlessCustom(custom, "tools", tools),
                unlessCustom(custom, "tool_choice", toolChoice),
                unlessCustom(
                        custom,
                        "response_format",
                        plan.jsonMode() ? io.github.qwenlangchain4j.internal.api.ResponseFormat.JSON_OBJECT : null),
                unlessCustom(custom, "stream", plan.stream() ? Boolean.TRUE : null),
                unlessCustom(custom, "stream_options", plan.stream() ? StreamOptions.INCLUDE_USAGE : null),
                custom);
    }

    /**
     * Whether the thinking budget and a reasoning effort other than {@code none} are sent: unless the planner itself
     * kept this request from thinking (JSON mode or a forced tool on a model that thinks by default, or reasoning
     * effort none), where they would contradict the switch. A caller's own {@code enableThinking(false)} sends them
     * as given, as every other option the caller sets.
     */
    private static boolean sendsThinkingControls(QwenChatRequestParameters parameters, CallPlan plan) {
        return plan.thinking() || CallPlanner.callerThinkingChoice(parameters) != null;
    }

    /**
     * The {@code reasoning_effort} to send: {@code none} whenever asked for (it is the switch that turns thinking
     * off), any other effort as {@link #sendsThinkingControls} says.
     */
    private static String reasoningEffort(QwenChatRequestParameters parameters, CallPlan plan) {
        QwenReasoningEffort effort = parameters.reasoningEffort();
        if (effort == null || (effort != QwenReasoningEffort.NONE && !sendsThinkingControls(parameters, plan))) {
            return null;
        }
        return effort.wireValue();
    }

    /**
     * Whether earlier thinking goes back as {@code reasoning_content}: when the model is told to send it, and whenever
     * {@code preserve_thinking} is on, since the model can keep only the reasoning it is given.
     */
    private static boolean sendsThinking(boolean sendThinking, QwenChatRequestParameters parameters) {
        return sendThinking || Boolean.TRUE.equals(parameters.preserveThinking());
    }

    /**
     * {@code typed}, or null when a custom parameter named {@code wireName} replaces it (a custom parameter wins over
     * the typed option of the same name; leaving the typed one out means the request never holds the name twice).
     *
     * @param custom the custom parameters, or null for none
     */
    public static <T> T unlessCustom(Map<String, Object> custom, String wireName, T typed) {
        return custom != null && custom.containsKey(wireName) ? null : typed;
    }

    public static void validateParameters(QwenChatRequestParameters parameters) {
        if (parameters.modelName() == null || parameters.modelName().isBlank()) {
            throw new IllegalArgumentException("modelName must be set, e.g. \"qwen-plus\"");
        }
        if (parameters.frequencyPenalty() != null) {
            throw new UnsupportedFeatureException("frequencyPenalty is not supported by Qwen (the API silently ignores"
                    + " it). Use repetitionPenalty (multiplicative, 1.0 = none) or presencePenalty instead.");
        }
    }

    private static List<Message> toMessages(
            List<ChatMessage> messages, boolean sendThinking, String systemNote, QwenChatRequestParameters parameters) {
        // Qwen only accepts instructions in a first system message: merge every system message, in order, into one;
        // except Qwen-Long's document references ("fileid://<id>[,<id>...]"), which Qwen reads only as system
        // messages of their own, kept where they are (Model Studio, Qwen-Long: a second system message per document).
        StringBuilder system = new StringBuilder();
        List<Message> others = new ArrayList<>(messages.size() + 1);
        ChatMessage last = messages.get(messages.size() - 1);
        boolean cacheLast = Boolean.TRUE.equals(parameters.cacheConversation());
        boolean cacheSystem =
                Boolean.TRUE.equals(parameters.cacheSystemMessages()) || (cacheLast && last instanceof SystemMessage);
        int markers = 0;
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            if (message == null) {
                throw new IllegalArgumentException("messages must not contain null");
            }
            boolean cached = (cacheLast && i == messages.size() - 1) || QwenContextCache.isMarked(message);
            if (message instanceof SystemMessage systemMessage && isDocumentReference(systemMessage.text())) {
                others.add(Message.system(systemMessage.text().strip()));
            } else if (message instanceof SystemMessage systemMessage) {
                appendParagraph(system, systemMessage.text());
            } else if (message instanceof UserMessage userMessage) {
                Object content = ContentMapper.toUserContent(userMessage);
                others.add(Message.user(cached ? cachedContent(content) : content, userMessage.name()));
            } else if (message instanceof AiMessage aiMessage) {
                others.add(toAssistantMessage(aiMessage, sendThinking, cached));
            } else if (message instanceof ToolExecutionResultMessage result) {
                String text = ContentMapper.toolResultText(result);
                others.add(Message.tool(result.id(), result.toolName(), cached ? cachedContent(text) : text));
            } else {
                throw new UnsupportedFeatureException("Qwen cannot take messages of type " + message.type()
                        + "; use system, user, AI and tool result messages");
            }
            markers += cached && !(message instanceof SystemMessage) ? 1 : 0;
        }
        if (systemNote != null) {
            appendParagraph(system, systemNote);
        }
        boolean systemCached = cacheSystem && system.length() > 0;
        checkCacheMarkers(markers + (systemCached ? 1 : 0), parameters.modelName());
        if (system.length() == 0) {
            return others;
        }
        List<Message> result = new ArrayList<>(others.size() + 1);
        String instructions = system.toString();
        result.add(Message.system(systemCached ? cachedContent(instructions) : instructions));
        result.addAll(others);
        return result;
    }

    /**
     * Refuses what Qwen's explicit cache cannot take, before sending: more than {@value QwenContextCache#MAX_MARKERS}
     * markers (Model Studio, "Context cache": "A single request supports a maximum of four cache markers"), or
     * markers on a model known not to have explicit caching.
     */
    private static void checkCacheMarkers(int markers, String model) {
        if (markers == 0) {
            return;
        }
        if (markers > QwenContextCache.MAX_MARKERS) {
            throw new IllegalArgumentException("This request has " + markers + " context-cache markers (cache_control),"
                    + " but Qwen takes at most " + QwenContextCache.MAX_MARKERS + " per request: mark fewer messages"
                    + " (cacheSystemMessages, cacheConversation and cache_control attributes all add one)");
        }
        if (QwenModels.refusesCacheMarkers(model)) {
            throw new UnsupportedFeatureException("The model " + model + " has no explicit context cache, so it cannot"
                    + " take cache_control markers. Use a model that has it (e.g. qwen-plus, qwen-flash, qwen3-max,"
                    + " qwen3-coder-plus), or drop cacheSystemMessages, cacheConversation and the cache_control"
                    + " attributes for this model.");
        }
    }

    /**
     * Content as a block array whose last block carries the cache marker: Qwen reads markers on content blocks.
     *
     * <p>The marker is {@code cache_control} for every model, Qwen4 included. Qwen4's explicit cache has a breakpoint
     * of its own, {@code "prompt_cache_breakpoint": {"mode": "explicit"}}, but Model Studio's "Explicit cache (Qwen4)"
     * (https://www.alibabacloud.com/help/en/model-studio/explicit-cache-qwen4) keeps the {@code cache_control} marker
     * of the OpenAI-compatible Chat Completions API compatible, used the same way. One marker that every
     * explicit-cache model reads keeps the request independent of a model-name test that Qwen's next series would
     * break (a Qwen4 breakpoint sent to an older model is a field its cache does not document), and a per-request
     * {@code modelName} override cannot leave a wrong marker behind.
     */
    private static List<ContentPart> cachedContent(Object content) {
        if (content instanceof String text) {
            return List.of(ContentPart.text(text).cached());
        }
        @SuppressWarnings("unchecked")
        List<ContentPart> parts = new ArrayList<>((List<ContentPart>) content);
        parts.set(parts.size() - 1, parts.get(parts.size() - 1).cached());
        return parts;
    }

    /**
     * Refuses a spoken answer where Qwen would refuse or ignore it: on a model known to answer in text only, and with
     * thinking on (Model Studio, Qwen-Omni: Qwen3-Omni-Flash speaks only in non-thinking mode).
     */
    private static void validateAudioOutput(QwenChatRequestParameters parameters, CallPlan plan) {
        if (parameters.audioOutput() == null) {
            return;
        }
        if (QwenModels.answersInTextOnly(parameters.modelName())) {
            throw new UnsupportedFeatureException("audioOutput needs a Qwen-Omni model (e.g. qwen3-omni-flash), but the"
                    + " model is " + parameters.modelName() + ", which answers in text only");
        }
        if (plan.thinking()) {
            throw new UnsupportedFeatureException("Qwen-Omni does not speak while thinking: set enableThinking(false)"
                    + " (or leave it unset) to get audioOutput, or drop audioOutput to think");
        }
        if (!plan.stream()) {
            throw new UnsupportedFeatureException("audioOutput is only served on a stream, and Batch API lines are not"
                    + " streamed: drop audioOutput for batch requests");
        }
    }

    /** A Qwen-Long system message that references uploaded documents: {@code fileid://file-fe-...}. */
    static boolean isDocumentReference(String text) {
        return text != null && text.strip().startsWith("fileid://");
    }

    private static void appendParagraph(StringBuilder sb, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        if (sb.length() > 0) {
            sb.append("\n\n");
        }
        sb.append(text);
    }

    private static Message toAssistantMessage(AiMessage message, boolean sendThinking, boolean cached) {
        List<ToolCall> toolCalls = null;
        if (message.hasToolExecutionRequests()) {
            toolCalls = new ArrayList<>(message.toolExecutionRequests().size());
            for (ToolExecutionRequest request : message.toolExecutionRequests()) {
                toolCalls.add(ToolCall.of(request.id(), request.name(), request.arguments()));
            }
        }
        // Qwen wants "content": "" rather than null next to tool calls.
        String text = message.text() == null ? "" : message.text();
        String thinking = sendThinking ? message.thinking() : null;
        if (cached && text.isEmpty()) {
            throw new IllegalArgumentException("An AiMessage without text cannot carry a context-cache marker (Qwen"
                    + " reads markers on text blocks): mark the tool results that follow it, or the next user message");
        }
        return Message.assistant(cached ? cachedContent(text) : text, thinking, toolCalls);
    }

    /** A function tool's name, checked against what Qwen accepts. */
    public static String toolName(ToolSpecification specification) {
        String name = specification.name();
        if (name == null || !TOOL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid tool name '" + name + "': Qwen accepts 1 to 64 characters"
                    + " from A-Z, a-z, 0-9, '_' and '-'");
        }
        return name;
    }

    /** A function tool's parameters as a JSON schema; a tool without parameters gets {@code "properties":{}}. */
    public static Map<String, Object> toolParameters(ToolSpecification specification) {
        return specification.parameters() == null
                ? emptyObjectSchema()
                : withProperties(JsonSchemaElementJsonUtils.toMap(specification.parameters()));
    }

    private static List<Tool> toTools(List<ToolSpecification> specifications) {
        if (specifications == null || specifications.isEmpty()) {
            return null;
        }
        List<Tool> tools = new ArrayList<>(specifications.size());
        for (ToolSpecification specification : specifications) {
            tools.add(
                    Tool.function(toolName(specification), specification.description(), toolParameters(specification)));
        }
        return tools;
    }

    /** Qwen wants {@code "properties"} on an object schema, even an empty one ({@code "properties": {}}). */
    private static Map<String, Object> withProperties(Map<String, Object> schema) {
        if ("object".equals(schema.get("type")) && !schema.containsKey("properties")) {
            Map<String, Object> copy = new LinkedHashMap<>(schema);
            copy.put("properties", Map.of());
            return copy;
        }
        return schema;
    }

    private static Map<String, Object> emptyObjectSchema() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", Map.of());
        return schema;
    }

    private static Object toToolChoice(QwenChatRequestParameters parameters, boolean thinking) {
        ToolChoice choice = parameters.toolChoice();
        List<ToolSpecification> tools = parameters.toolSpecifications();
        if (choice == null) {
            return null;
        }
        if (choice == ToolChoice.AUTO) {
            return "auto";
        }
        if (choice == ToolChoice.NONE) {
            return "none";
        }
        // REQUIRED: Qwen rejects tool_choice "required"; it can only force one named function.
        if (tools == null || tools.isEmpty()) {
            throw new IllegalArgumentException("toolChoice is REQUIRED but no tools are given");
        }
        if (tools.size() > 1) {
            throw new UnsupportedFeatureException("Qwen does not support toolChoice REQUIRED with several tools (it"
                    + " rejects tool_choice \"required\"). Pass only the tool that must be called (it is then forced),"
                    + " or use ToolChoice.AUTO and ask for a tool call in the prompt.");
        }
        if (thinking) {
            throw new UnsupportedFeatureException("Qwen does not allow forcing a tool call (toolChoice REQUIRED) in"
                    + " thinking mode. Use ToolChoice.AUTO, or set enableThinking(false) on a hybrid model.");
        }
        return ToolChoiceFunction.of(tools.get(0).name());
    }

    private static SearchOptions toSearchOptions(QwenSearchOptions options) {
        if (options == null) {
            return null;
        }
        return new SearchOptions(
                options.forcedSearch(),
                options.searchStrategy(),
                options.enableSearchExtension(),
                options.freshness(),
                options.assignedSiteList());
    }

    public static boolean mentionsJson(List<ChatMessage> messages) {
        for (ChatMessage message : messages) {
            String text = null;
            if (message instanceof SystemMessage m) {
                text = m.text();
            } else if (message instanceof UserMessage m) {
                text = m.hasSingleText() ? m.singleText() : ContentMapper.textOf(m.contents());
            } else if (message instanceof AiMessage m) {
                text = m.text();
            } else if (message instanceof ToolExecutionResultMessage m) {
                text = ContentMapper.textOf(m.contents());
            }
            if (text != null && text.toLowerCase(Locale.ROOT).contains("json")) {
                return true;
            }
        }
        return false;
    }

    public static String schemaJson(JsonSchema schema) {
        try {
            return Json.MAPPER.writeValueAsString(JsonSchemaElementJsonUtils.toMap(schema.rootElement()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The JSON schema of the response format cannot be serialised", e);
        }
    }

    private static <T> List<T> emptyToNull(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}
