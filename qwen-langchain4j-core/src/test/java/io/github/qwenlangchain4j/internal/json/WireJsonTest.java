package io.github.qwenlangchain4j.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import io.github.qwenlangchain4j.Fixtures;
import io.github.qwenlangchain4j.QwenChatRequestParameters;
import io.github.qwenlangchain4j.QwenSearchOptions;
import io.github.qwenlangchain4j.internal.api.ChatCompletionRequest;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.api.ContentPart;
import io.github.qwenlangchain4j.internal.api.Message;
import io.github.qwenlangchain4j.internal.api.SearchOptions;
import io.github.qwenlangchain4j.internal.api.StreamOptions;
import io.github.qwenlangchain4j.internal.api.Tool;
import io.github.qwenlangchain4j.internal.api.ToolCall;
import io.github.qwenlangchain4j.internal.api.ToolChoiceFunction;
import io.github.qwenlangchain4j.internal.mapper.CallPlanner;
import io.github.qwenlangchain4j.internal.mapper.ChatRequestMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The hand-written codec must be databind, byte for byte and record for record: on every recorded response, on
 * thousands of mutations of them (wrong types, nulls, unknown and duplicate fields, malformed text), and on
 * thousands of seeded random requests.
 */
class WireJsonTest {

    /** The completions, chunks and in-stream errors of the fixtures. */
    static List<String> recordedResponses() {
        return recordedResponses(Integer.MAX_VALUE);
    }

    /** Those of them to mutate: every completion, and the first and last events of each stream (same shapes between). */
    static List<String> mutationSources() {
        return recordedResponses(2);
    }

    private static List<String> firstAndLast(List<String> events, int each) {
        if (events.size() <= 2L * each) {
            return events;
        }
        List<String> kept = new ArrayList<>(events.subList(0, each));
        kept.addAll(events.subList(events.size() - each, events.size()));
        return kept;
    }

    private static List<String> recordedResponses(int eventsFromEachEnd) {
        List<String> texts = new ArrayList<>();
        for (String path : List.of("chat/chat_response_nonstream_basic.json", "chat/ocr_response_nonstream.json",
                "chat/vision_response_thinking_qwen3.7-plus.json", "chat/web_search_response_nonstream.json",
                "written/chat_response_unknown_fields_reordered.json", "written/chat_response_no_choices.json",
                "errors/401_native_flat_shape.json", "errors/401_invalid_api_key_doc.json",
                "errors/401_invalid_api_key_cn_doc_variant.json")) {
            texts.add(Fixtures.read(path));
        }
        for (String path : List.of("chat/message_no_tool_call.json", "chat/message_tool_call_single.json",
                "chat/message_tool_call_parallel.json")) {
            texts.add("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"message\":" + Fixtures.read(path)
                    + ",\"finish_reason\":\"tool_calls\"}]}");
        }
        for (String path : List.of("chat/stream_basic.sse.jsonl", "stream/thinking.sse.jsonl",
                "stream/tool_calls_parallel.sse.jsonl")) {
            texts.addAll(firstAndLast(Fixtures.read(path).lines().filter(line -> !line.isBlank()).toList(),
                    eventsFromEachEnd));
        }
        for (String path : List.of("chat/omni_stream_text_audio_qwen3-omni-flash.sse.txt",
                "chat/omni_stream_thinking_qwen3-omni-flash.sse.txt", "written/stream_thinking_qwen-plus.sse.txt",
                "written/stream_tool_calls_parallel.sse.txt", "written/stream_error_data_inspection_failed.sse.txt",
                "stream/mid_stream_error.sse.txt")) {
            texts.addAll(firstAndLast(Fixtures.read(path).lines().filter(line -> line.startsWith("data:"))
                    .map(line -> line.substring(5).strip()).filter(data -> !data.equals("[DONE]")).toList(),
                    eventsFromEachEnd));
        }
        return texts;
    }

    @Test
    void every_recorded_completion_and_chunk_is_read_by_hand_as_databind_reads_it() throws Exception {
        List<String> texts = recordedResponses();
        assertThat(texts).hasSizeGreaterThan(40);
        for (String text : texts) {
            Object byHand = WireJson.readByHand(text);
            assertThat(byHand).as(text).isNotSameAs(WireJson.FALLBACK)
                    .isEqualTo(Json.MAPPER.readValue(text, ChatCompletionResponse.class));
            assertThat(WireJson.readByHand(text.getBytes(StandardCharsets.UTF_8))).as(text).isEqualTo(byHand);
        }
    }

    /** What parsing gave: the value, or the exception's type and message. */
    private static Object outcome(Callable call) {
        try {
            return call.call();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    @FunctionalInterface
    private interface Callable {
        Object call() throws Exception;
    }

    private static void assertReadsAsDatabind(String text) {
        Object expected = outcome(() -> Json.MAPPER.readValue(text, ChatCompletionResponse.class));
        assertThat(outcome(() -> WireJson.read(text, ChatCompletionResponse.class))).as(text).isEqualTo(expected);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Object expectedFromBytes = outcome(() -> Json.MAPPER.readValue(bytes, ChatCompletionResponse.class));
        assertThat(outcome(() -> WireJson.read(bytes, ChatCompletionResponse.class))).as(text)
                .isEqualTo(expectedFromBytes);
    }

    /** Values put in place of each value of a recorded response, one at a time. */
    private static final List<String> REPLACEMENTS = List.of("null", "\"7\"", "7", "7.5", "3000000000",
            "123456789012345678901234567890", "true", "{}", "[]", "[null]", "{\"x\":[1,{\"y\":\"z\"}]}",
            "\"\\u00e9\\ud83d\\ude00\\n\\\"\"");

    @Test
    void mutated_responses_are_read_as_databind_reads_them_or_fail_as_it_fails() throws Exception {
        int cases = 0;
        for (String text : mutationSources()) {
            JsonNode root = Json.MAPPER.readTree(text);
            List<Supplier<String>> variants = new ArrayList<>();
            mutations(root, root, variants);
            for (Supplier<String> variant : variants) {
                assertReadsAsDatabind(variant.get());
                cases++;
            }
            for (int cut = 1; cut < text.length(); cut += Math.max(1, text.length() / 7)) {
                assertReadsAsDatabind(text.substring(0, cut)); // malformed: cut short
                cases++;
            }
        }
        for (String text : List.of("", " ", "null", "[]", "\"text\"", "7", "{}", "{\"choices\":[]}trailing", "{,}",
                "{\"id\":\"a\",\"id\":\"b\"}", "{\"choices\":[{\"index\":0},{\"index\":1}]}",
                "{\"choices\":[{\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}}]}",
                "{\"usage\":{\"prompt_tokens\":1,\"prompt_tokens\":2}}", "{\"created\":9223372036854775807}",
                "{\"created\":9223372036854775808}", "{\"choices\":[{\"index\":2147483648}]}")) {
            assertReadsAsDatabind(text);
            cases++;
        }
        System.out.println("WireJsonTest: " + cases + " mutated responses read as databind reads them");
        assertThat(cases).isGreaterThan(3_000);
    }

    /** Each value of the tree replaced by each replacement, plus an unknown field and a duplicated key per object. */
    private static void mutations(JsonNode root, JsonNode node, List<Supplier<String>> variants) {
        if (node instanceof ObjectNode object) {
            for (String name : iterable(object)) {
                JsonNode original = object.get(name);
                for (String replacement : REPLACEMENTS) {
                    variants.add(() -> {
                        object.set(name, parse(replacement));
                        String text = root.toString();
                        object.set(name, original);
                        return text;
                    });
                }
                variants.add(() -> {
                    // the key twice: the last one wins
                    String text = root.toString();
                    String pair = "\"" + name + "\":" + original;
                    return text.replaceFirst(java.util.regex.Pattern.quote(pair),
                            java.util.regex.Matcher.quoteReplacement(pair + ",\"" + name + "\":null"));
                });
                mutations(root, original, variants);
            }
            variants.add(() -> {
                object.set("unknown_field", parse("{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"}"));
                String text = root.toString();
                object.remove("unknown_field");
                return text;
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                JsonNode original = array.get(i);
                for (String replacement : List.of("null", "7", "\"x\"", "[]")) {
                    variants.add(() -> {
                        array.set(index, parse(replacement));
                        String text = root.toString();
                        array.set(index, original);
                        return text;
                    });
                }
                mutations(root, original, variants);
            }
        }
    }

    private static List<String> iterable(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // ---- writing

    @Test
    void requests_the_mapper_builds_are_written_by_hand_byte_for_byte_as_databind_writes_them() throws Exception {
        ToolSpecification weather = ToolSpecification.builder().name("get_weather").description("Weather in a city")
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty("city", "the city, e.g. 杭州")
                        .addIntegerProperty("days")
                        .addNumberProperty("threshold")
                        .addBooleanProperty("metric")
                        .addProperty("unit", JsonEnumSchema.builder().enumValues("C", "F").build())
                        .addProperty("tags", JsonArraySchema.builder().items(JsonObjectSchema.builder()
                                .addStringProperty("name").build()).build())
                        .required("city")
                        .build())
                .build();
        List<ChatMessage> conversation = List.of(
                SystemMessage.from("You are \"helpful\".\n\tBe brief \\ kind."),
                UserMessage.from("Weather in 杭州? 😀"),
                AiMessage.from(List.of(ToolExecutionRequest.builder().id("call_1").name("get_weather")
                        .arguments("{\"city\":\"杭州\"}").build())),
                ToolExecutionResultMessage.from("call_1", "get_weather", "{\"temp\":21.5}"),
                UserMessage.from(TextContent.from("And this?"), ImageContent.from("https://example.com/a.png")));
        List<QwenChatRequestParameters> parameters = List.of(
                QwenChatRequestParameters.builder().modelName("qwen-plus").build(),
                QwenChatRequestParameters.builder().modelName("qwen-plus").temperature(0.7).topP(0.8).topK(20)
                        .maxOutputTokens(512).stopSequences(List.of("END", "停")).seed(42).presencePenalty(1.5)
                        .repetitionPenalty(1.05).enableSearch(true)
                        .searchOptions(QwenSearchOptions.builder().forcedSearch(true).searchStrategy("max").build())
                        .vlHighResolutionImages(true).parallelToolCalls(true).toolSpecifications(weather)
                        .toolChoice(ToolChoice.REQUIRED).build(),
                QwenChatRequestParameters.builder().modelName("qwen3-max").enableThinking(true).thinkingBudget(100)
                        .toolSpecifications(weather).build(),
                QwenChatRequestParameters.builder().modelName("qwen-plus").responseFormat(ResponseFormat.builder()
                        .type(ResponseFormatType.JSON).jsonSchema(JsonSchema.builder().name("answer")
                                .rootElement(JsonObjectSchema.builder().addStringProperty("answer").build()).build())
                        .build()).build(),
                QwenChatRequestParameters.builder().modelName("qwen-plus").cacheSystemMessages(true)
                        .cacheConversation(true).build(),
                QwenChatRequestParameters.builder().modelName("qwen3-omni-flash")
                        .audioOutput(io.github.qwenlangchain4j.QwenAudioOutput.voice("Cherry")).build());
        int written = 0;
        for (QwenChatRequestParameters parameter : parameters) {
            for (CallPlanner.Transport transport : CallPlanner.Transport.values()) {
                if (parameter.audioOutput() != null && transport == CallPlanner.Transport.BATCH) {
                    continue; // spoken answers are refused in batch lines, which never stream
                }
                ChatCompletionRequest request = ChatRequestMapper.toRequest(conversation, parameter,
                        new CallPlanner().plan(parameter, transport), true);
                byte[] byHand = WireJson.writeByHand(request);
                assertThat(byHand).as("%s %s", parameter, transport).isNotNull();
                assertThat(new String(byHand, StandardCharsets.UTF_8))
                        .isEqualTo(new String(Json.MAPPER.writeValueAsBytes(request), StandardCharsets.UTF_8));
                written++;
            }
        }
        assertThat(written).isGreaterThanOrEqualTo(8);
    }

    @Test
    void seeded_random_requests_are_written_byte_for_byte_as_databind_writes_them() throws Exception {
        Random random = new Random(14);
        int byHand = 0;
        for (int i = 0; i < 3_000; i++) {
            boolean exotic = i % 10 == 9; // values databind writes and the hand-written code leaves to it
            ChatCompletionRequest request = randomRequest(random, exotic);
            byte[] expected = Json.MAPPER.writeValueAsBytes(request);
            byte[] written = WireJson.writeByHand(request);
            if (written != null) {
                byHand++;
                assertThat(new String(written, StandardCharsets.UTF_8)).as("request %d", i)
                        .isEqualTo(new String(expected, StandardCharsets.UTF_8));
            } else {
                assertThat(exotic).as("request %d fell back to databind: %s", i, request).isTrue();
            }
            assertThat(WireJson.write(request)).isEqualTo(expected);
        }
        assertThat(byHand).isGreaterThan(2_700);
    }

    @Test
    void other_bodies_and_types_go_to_databind() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", "qwen-plus");
        body.put("day", DayOfWeek.MONDAY);
        assertThat(WireJson.write(body)).isEqualTo(Json.MAPPER.writeValueAsBytes(body));
        String error = Fixtures.read("errors/401_invalid_api_key_doc.json");
        assertThat(WireJson.read(error, io.github.qwenlangchain4j.internal.api.ErrorBody.class))
                .isEqualTo(Json.MAPPER.readValue(error, io.github.qwenlangchain4j.internal.api.ErrorBody.class));
    }

    private static final String[] TEXTS = {"", "Who are you?", "通义千问", "quote \" backslash \\ slash /",
            "line\nbreak\ttab\r", "control \u0000\u0001\u001f\u007f", "emoji 😀 and é", "\u2028\u2029", "</script>"};

    private static String text(Random random) {
        return TEXTS[random.nextInt(TEXTS.length)] + (random.nextBoolean() ? "" : random.nextInt(1000));
    }

    private static <T> T maybe(Random random, Supplier<T> value) {
        return random.nextInt(3) == 0 ? null : value.get();
    }

    private static ChatCompletionRequest randomRequest(Random random, boolean exotic) {
        List<Message> messages = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            messages.add(random.nextInt(8) == 0 ? null : randomMessage(random));
        }
        List<Tool> tools = maybe(random, () -> {
            List<Tool> list = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                list.add(new Tool(maybe(random, () -> "function"), maybe(random, () -> new Tool.Function(
                        maybe(random, () -> text(random)), maybe(random, () -> text(random)),
                        maybe(random, () -> randomMap(random, 3, exotic))))));
            }
            return list;
        });
        Object toolChoice = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "auto";
            case 2 -> ToolChoiceFunction.of(text(random));
            default -> new ToolChoiceFunction(null, random.nextBoolean() ? null : new ToolChoiceFunction.Name(null));
        };
        return new ChatCompletionRequest(
                maybe(random, () -> text(random)),
                random.nextInt(6) == 0 ? null : messages,
                maybe(random, random::nextDouble),
                maybe(random, () -> random.nextFloat() * 1.0),
                maybe(random, () -> random.nextInt(200) - 100),
                maybe(random, () -> random.nextInt()),
                maybe(random, () -> random.nextBoolean() ? List.<String>of() : Arrays.asList(text(random), null)),
                maybe(random, () -> Integer.MAX_VALUE),
                maybe(random, () -> -2.0 + random.nextInt(5)),
                maybe(random, () -> 1e-7 * random.nextInt(100)),
                maybe(random, random::nextBoolean),
                maybe(random, () -> 0),
                maybe(random, random::nextBoolean),
                maybe(random, () -> new SearchOptions(maybe(random, random::nextBoolean),
                        maybe(random, () -> text(random)), maybe(random, random::nextBoolean),
                        maybe(random, () -> random.nextInt(30)),
                        maybe(random, () -> List.of(text(random), text(random))))),
                maybe(random, random::nextBoolean),
                maybe(random, random::nextBoolean),
                maybe(random, random::nextBoolean),
                maybe(random, () -> random.nextBoolean() ? List.of("text", "audio") : Arrays.asList("text", null)),
                maybe(random, () -> new ChatCompletionRequest.AudioOutput(maybe(random, () -> text(random)),
                        maybe(random, () -> "wav"))),
                tools,
                toolChoice,
                maybe(random, () -> random.nextBoolean() ? JSON_OBJECT_FORMAT : new io.github.qwenlangchain4j.internal.api.ResponseFormat(null)),
                maybe(random, () -> Boolean.TRUE),
                maybe(random, () -> random.nextBoolean() ? StreamOptions.INCLUDE_USAGE : new StreamOptions(null)));
    }

    private static final io.github.qwenlangchain4j.internal.api.ResponseFormat JSON_OBJECT_FORMAT =
            io.github.qwenlangchain4j.internal.api.ResponseFormat.JSON_OBJECT;

    private static Message randomMessage(Random random) {
        Object content = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1, 2 -> text(random);
            default -> {
                List<ContentPart> parts = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    parts.add(switch (random.nextInt(7)) {
                        case 0 -> ContentPart.text(text(random));
                        case 1 -> ContentPart.image("https://example.com/" + random.nextInt(9) + ".png");
                        case 2 -> ContentPart.video(text(random));
                        case 3 -> ContentPart.audio(text(random), maybe(random, () -> "mp3"));
                        case 4 -> ContentPart.text(text(random)).cached();
                        case 5 -> new ContentPart("text", null, null, null, null, new ContentPart.CacheControl(null));
                        default -> new ContentPart(null, null, new ContentPart.Url(null), null,
                                new ContentPart.InputAudio(null, null), null);
                    });
                }
                yield parts;
            }
        };
        List<ToolCall> toolCalls = maybe(random, () -> {
            List<ToolCall> calls = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                int index = i;
                calls.add(random.nextBoolean() ? ToolCall.of(text(random), text(random), "{\"a\":1}")
                        : new ToolCall(maybe(random, () -> index), null, null,
                                maybe(random, () -> new ToolCall.FunctionCall(null, maybe(random, () -> "{}")))));
            }
            return calls;
        });
        return new Message(maybe(random, () -> "user"), content, maybe(random, () -> text(random)), toolCalls,
                maybe(random, () -> text(random)), maybe(random, () -> text(random)));
    }

    /** A JSON-schema-like map: nested maps and lists of strings, numbers of every kind, booleans and nulls. */
    private static Map<String, Object> randomMap(Random random, int depth, boolean exotic) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            map.put(text(random) + i, randomValue(random, depth - 1, exotic));
        }
        return map;
    }

    private static Object randomValue(Random random, int depth, boolean exotic) {
        int kinds = exotic ? 14 : 12;
        return switch (random.nextInt(depth <= 0 ? 9 : kinds)) {
            case 0 -> null;
            case 1 -> text(random);
            case 2 -> random.nextBoolean();
            case 3 -> random.nextInt();
            case 4 -> random.nextLong();
            case 5 -> random.nextDouble() * 1e6;
            case 6 -> random.nextFloat();
            case 7 -> new BigDecimal("12345678901234567890.000123");
            case 8 -> new BigInteger("123456789012345678901234567890");
            case 9 -> randomMap(random, depth, exotic);
            case 10 -> new ArrayList<>(List.of(text(random), random.nextInt(9)));
            case 11 -> new LinkedHashSet<>(List.of("a", "b"));
            case 12 -> DayOfWeek.values()[random.nextInt(7)];
            default -> (short) 7;
        };
    }
}
