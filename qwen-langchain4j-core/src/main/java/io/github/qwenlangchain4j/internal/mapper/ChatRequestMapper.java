package io.github.qwenlangchain4j.internal.mapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.data.video.Video;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.internal.JsonSchemaElementJsonUtils;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import io.github.qwenlangchain4j.QwenChatRequestParameters;
import io.github.qwenlangchain4j.QwenSearchOptions;
import io.github.qwenlangchain4j.internal.api.ChatCompletionRequest;
import io.github.qwenlangchain4j.internal.api.ContentPart;
import io.github.qwenlangchain4j.internal.api.Message;
import io.github.qwenlangchain4j.internal.api.SearchOptions;
import io.github.qwenlangchain4j.internal.api.StreamOptions;
import io.github.qwenlangchain4j.internal.api.Tool;
import io.github.qwenlangchain4j.internal.api.ToolCall;
import io.github.qwenlangchain4j.internal.api.ToolChoiceFunction;
import io.github.qwenlangchain4j.internal.client.QwenClient;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * LangChain4j chat request -> Qwen wire request, for sync and streaming alike. Everything Qwen would refuse, or
 * silently ignore, is refused here, before anything is sent (DESIGN sections 3 and 4).
 */
public final class ChatRequestMapper {

    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    static final String JSON_NOTE = "Respond with a single valid JSON object and nothing else.";
    static final String JSON_SCHEMA_NOTE =
            "Respond with a single valid JSON object and nothing else. The JSON must conform to this JSON schema:\n";

    private ChatRequestMapper() {}

    /**
     * Maps messages and merged parameters to the wire request, sent as {@code plan} says (thinking, JSON mode,
     * streaming); see {@link CallPlanner}.
     *
     * @param sendThinking whether earlier assistant thinking is sent back as {@code reasoning_content}
     */
    public static ChatCompletionRequest toRequest(List<ChatMessage> messages, QwenChatRequestParameters parameters,
                                                  CallPlan plan, boolean sendThinking) {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty: a chat request needs at least one message");
        }
        validateParameters(parameters);
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

        return new ChatCompletionRequest(
                parameters.modelName(),
                toMessages(messages, sendThinking, formatNote),
                parameters.temperature(),
                parameters.topP(),
                parameters.topK(),
                parameters.maxOutputTokens(),
                emptyToNull(parameters.stopSequences()),
                parameters.seed(),
                parameters.presencePenalty(),
                parameters.repetitionPenalty(),
                plan.enableThinking(),
                parameters.thinkingBudget(),
                parameters.enableSearch(),
                toSearchOptions(parameters.searchOptions()),
                parameters.vlHighResolutionImages(),
                parameters.enableCodeInterpreter(),
                parameters.parallelToolCalls(),
                tools,
                toolChoice,
                plan.jsonMode() ? io.github.qwenlangchain4j.internal.api.ResponseFormat.JSON_OBJECT : null,
                plan.stream() ? Boolean.TRUE : null,
                plan.stream() ? StreamOptions.INCLUDE_USAGE : null);
    }

    /**
     * The body to send: the request itself, or, when custom parameters are set, its JSON tree with them merged in
     * at top level (they win over typed fields of the same name).
     */
    public static Object withCustomParameters(ChatCompletionRequest request, Map<String, Object> customParameters) {
        if (customParameters == null || customParameters.isEmpty()) {
            return request;
        }
        ObjectNode tree = QwenClient.JSON.valueToTree(request);
        customParameters.forEach((name, value) -> tree.set(name, QwenClient.JSON.valueToTree(value)));
        return tree;
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

    private static List<Message> toMessages(List<ChatMessage> messages, boolean sendThinking, String systemNote) {
        // Qwen only accepts a system message in first position: merge every system message, in order, into one.
        StringBuilder system = new StringBuilder();
        List<Message> others = new ArrayList<>(messages.size() + 1);
        for (ChatMessage message : messages) {
            if (message == null) {
                throw new IllegalArgumentException("messages must not contain null");
            }
            if (message instanceof SystemMessage systemMessage) {
                appendParagraph(system, systemMessage.text());
            } else if (message instanceof UserMessage userMessage) {
                others.add(Message.user(toUserContent(userMessage), userMessage.name()));
            } else if (message instanceof AiMessage aiMessage) {
                others.add(toAssistantMessage(aiMessage, sendThinking));
            } else if (message instanceof ToolExecutionResultMessage result) {
                others.add(Message.tool(result.id(), result.toolName(), toolResultText(result)));
            } else {
                throw new UnsupportedFeatureException("Qwen cannot take messages of type " + message.type()
                        + "; use system, user, AI and tool result messages");
            }
        }
        if (systemNote != null) {
            appendParagraph(system, systemNote);
        }
        if (system.length() == 0) {
            return others;
        }
        List<Message> result = new ArrayList<>(others.size() + 1);
        result.add(Message.system(system.toString()));
        result.addAll(others);
        return result;
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

    /**
     * The content of a {@code role: tool} message. Qwen takes tool results as text: a LangChain4j 1.19 tool that
     * returns several contents has its text parts joined; other parts (images, audio, ...) cannot be sent there.
     */
    static String toolResultText(ToolExecutionResultMessage result) {
        List<Content> contents = result.contents();
        if (contents == null || contents.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (Content content : contents) {
            if (!(content instanceof TextContent part)) {
                throw new UnsupportedFeatureException("The result of tool '" + result.toolName() + "' contains "
                        + content.type() + " content, but Qwen takes tool results as text only (role \"tool\"). Return"
                        + " text from the tool (e.g. a URL or a description), or send the " + content.type()
                        .name().toLowerCase(Locale.ROOT) + " in a UserMessage after the tool result.");
            }
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(part.text());
        }
        return text.toString();
    }

    private static Object toUserContent(UserMessage message) {
        if (message.hasSingleText()) {
            return message.singleText();
        }
        List<Content> contents = message.contents();
        List<ContentPart> parts = new ArrayList<>(contents.size());
        for (Content content : contents) {
            parts.add(toContentPart(content));
        }
        return parts;
    }

    private static ContentPart toContentPart(Content content) {
        if (content instanceof TextContent text) {
            return ContentPart.text(text.text());
        }
        if (content instanceof ImageContent imageContent) {
            Image image = imageContent.image();
            return ContentPart.image(urlOrDataUrl(image.url(), image.base64Data(), image.mimeType(), "image"));
        }
        if (content instanceof VideoContent videoContent) {
            Video video = videoContent.video();
            return ContentPart.video(urlOrDataUrl(video.url(), video.base64Data(), video.mimeType(), "video"));
        }
        if (content instanceof AudioContent audioContent) {
            return toAudioPart(audioContent.audio());
        }
        throw new UnsupportedFeatureException("Qwen's compatible mode cannot take " + content.type()
                + " content in a user message; supported are text, image, video and audio");
    }

    private static String urlOrDataUrl(java.net.URI url, String base64, String mimeType, String what) {
        if (url != null) {
            return url.toString();
        }
        if (base64 == null || base64.isEmpty()) {
            throw new IllegalArgumentException("The " + what + " content has neither a URL nor base64 data");
        }
        if (mimeType == null || mimeType.isBlank()) {
            throw new IllegalArgumentException("The " + what + " content has base64 data but no MIME type; Qwen needs"
                    + " it to read the data (e.g. \"" + what + (what.equals("image") ? "/png" : "/mp4") + "\")");
        }
        return "data:" + mimeType + ";base64," + base64;
    }

    private static ContentPart toAudioPart(Audio audio) {
        if (audio.url() != null) {
            String url = audio.url().toString();
            return ContentPart.audio(url, audioFormat(audio.mimeType(), url));
        }
        String base64 = audio.base64Data();
        if ((base64 == null || base64.isEmpty()) && audio.binaryData() != null) {
            base64 = Base64.getEncoder().encodeToString(audio.binaryData());
        }
        if (base64 == null || base64.isEmpty()) {
            throw new IllegalArgumentException("The audio content has neither a URL nor data");
        }
        String format = audioFormat(audio.mimeType(), null);
        if (format == null) {
            throw new IllegalArgumentException("The audio content has data but no MIME type; Qwen needs the format"
                    + " (e.g. \"audio/mp3\" or \"audio/wav\")");
        }
        // Qwen-Omni's documented form for inline audio is "data:;base64,<data>" with the format beside it.
        return ContentPart.audio("data:;base64," + base64, format);
    }

    /**
     * The {@code input_audio.format} of a MIME type (parameters such as {@code ;codecs=opus} dropped, {@code x-}
     * and alias subtypes normalised) or else of the URL's file extension.
     */
    static String audioFormat(String mimeType, String url) {
        if (mimeType != null && mimeType.contains("/")) {
            String subtype = mimeType.substring(mimeType.indexOf('/') + 1);
            int parameters = subtype.indexOf(';');
            if (parameters >= 0) {
                subtype = subtype.substring(0, parameters);
            }
            subtype = subtype.strip().toLowerCase(Locale.ROOT);
            if (subtype.startsWith("x-")) {
                subtype = subtype.substring(2);
            }
            return switch (subtype) {
                case "mpeg", "mpeg3", "mpeg-3", "mp3" -> "mp3";
                case "wave", "vnd.wave", "wav" -> "wav";
                case "m4a", "mp4", "mp4a-latm", "aac-latm" -> "m4a";
                case "flac" -> "flac";
                case "vorbis", "opus+ogg" -> "ogg";
                case "aac", "aacp" -> "aac";
                case "amr", "amr-wb" -> "amr";
                default -> subtype;
            };
        }
        if (url != null) {
            String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            int dot = path.lastIndexOf('.');
            if (dot > path.lastIndexOf('/')) {
                return path.substring(dot + 1).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static Message toAssistantMessage(AiMessage message, boolean sendThinking) {
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
        return Message.assistant(text, thinking, toolCalls);
    }

    private static List<Tool> toTools(List<ToolSpecification> specifications) {
        if (specifications == null || specifications.isEmpty()) {
            return null;
        }
        List<Tool> tools = new ArrayList<>(specifications.size());
        for (ToolSpecification specification : specifications) {
            String name = specification.name();
            if (name == null || !TOOL_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Invalid tool name '" + name + "': Qwen accepts 1 to 64 characters"
                        + " from A-Z, a-z, 0-9, '_' and '-'");
            }
            Map<String, Object> parameters = specification.parameters() == null
                    ? emptyObjectSchema()
                    : withProperties(JsonSchemaElementJsonUtils.toMap(specification.parameters()));
            tools.add(Tool.function(name, specification.description(), parameters));
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
        return new SearchOptions(options.forcedSearch(), options.searchStrategy(), options.enableSearchExtension(),
                options.freshness(), options.assignedSiteList());
    }

    private static boolean mentionsJson(List<ChatMessage> messages) {
        for (ChatMessage message : messages) {
            String text = null;
            if (message instanceof SystemMessage m) {
                text = m.text();
            } else if (message instanceof UserMessage m) {
                text = m.hasSingleText() ? m.singleText() : textOf(m.contents());
            } else if (message instanceof AiMessage m) {
                text = m.text();
            } else if (message instanceof ToolExecutionResultMessage m) {
                text = textOf(m.contents());
            }
            if (text != null && text.toLowerCase(Locale.ROOT).contains("json")) {
                return true;
            }
        }
        return false;
    }

    private static String textOf(List<Content> contents) {
        StringBuilder sb = new StringBuilder();
        for (Content content : contents) {
            if (content instanceof TextContent text) {
                sb.append(text.text()).append(' ');
            }
        }
        return sb.toString();
    }

    private static String schemaJson(JsonSchema schema) {
        try {
            return QwenClient.JSON.writeValueAsString(JsonSchemaElementJsonUtils.toMap(schema.rootElement()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The JSON schema of the response format cannot be serialised", e);
        }
    }

    private static <T> List<T> emptyToNull(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}
