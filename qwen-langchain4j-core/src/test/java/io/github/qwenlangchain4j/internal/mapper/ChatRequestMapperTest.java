package io.github.qwenlangchain4j.internal.mapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import io.github.qwenlangchain4j.Fixtures;
import io.github.qwenlangchain4j.QwenAudioOutput;
import io.github.qwenlangchain4j.QwenChatRequestParameters;
import io.github.qwenlangchain4j.QwenReasoningEffort;
import io.github.qwenlangchain4j.QwenSearchOptions;
import io.github.qwenlangchain4j.internal.api.ChatCompletionRequest;
import io.github.qwenlangchain4j.internal.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatRequestMapperTest {

    static final UserMessage HELLO = UserMessage.from("Hello");

    static QwenChatRequestParameters.Builder params() {
        return QwenChatRequestParameters.builder().modelName("qwen-plus");
    }

    /** The request as planned for a call that is not streamed (a batch line), so that no stream fields appear. */
    static ChatCompletionRequest request(
            List<ChatMessage> messages, QwenChatRequestParameters parameters, boolean sendThinking) {
        return ChatRequestMapper.toRequest(
                messages, parameters, new CallPlanner().plan(parameters, CallPlanner.Transport.BATCH), sendThinking);
    }

    /** The body exactly as the client would serialise it, as a JSON tree. */
    static JsonNode body(List<ChatMessage> messages, QwenChatRequestParameters parameters, boolean sendThinking) {
        ChatCompletionRequest request = request(messages, parameters, sendThinking);
        try {
            return Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(request));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode body(List<ChatMessage> messages, QwenChatRequestParameters parameters) {
        return body(messages, parameters, false);
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    static ToolSpecification weatherTool() {
        return ToolSpecification.builder()
                .name("get_current_weather")
                .description("Useful when you want to check the weather in a specific city.")
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty(
                                "location", "A city or district, such as Beijing, Hangzhou, or Yuhang District.")
                        .required("location")
                        .build())
                .build();
    }

    static ToolSpecification timeTool() {
        return ToolSpecification.builder()
                .name("get_current_time")
                .description("Useful when you want to know the current time.")
                .build();
    }

    // ---- Options ----

    @Test
    void should_send_only_model_and_messages_when_nothing_else_is_set() {
        assertThat(body(List.of(HELLO), params().build()))
                .isEqualTo(json("{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"));
    }

    @Test
    void should_map_every_option_to_its_snake_case_top_level_field() {
        QwenChatRequestParameters parameters = params().temperature(0.7)
                .topP(0.8)
                .topK(20)
                .maxOutputTokens(512)
                .stopSequences(List.of("END", "STOP"))
                .presencePenalty(1.5)
                .seed(42)
                .repetitionPenalty(1.05)
                .enableThinking(false)
                .thinkingBudget(1000)
                .enableSearch(true)
                .searchOptions(QwenSearchOptions.builder()
                        .forcedSearch(true)
                        .searchStrategy("agent_max")
                        .enableSearchExtension(true)
                        .freshness(30)
                        .assignedSiteList(List.of("baidu.com", "sina.cn"))
                        .build())
                .vlHighResolutionImages(true)
                .enableCodeInterpreter(true)
                .parallelToolCalls(true)
                .build();

        assertThat(body(List.of(HELLO), parameters)).isEqualTo(json("""
                {
                  "model": "qwen-plus",
                  "messages": [{"role": "user", "content": "Hello"}],
                  "temperature": 0.7,
                  "top_p": 0.8,
                  "top_k": 20,
                  "max_tokens": 512,
                  "stop": ["END", "STOP"],
                  "seed": 42,
                  "presence_penalty": 1.5,
                  "repetition_penalty": 1.05,
                  "enable_thinking": false,
                  "thinking_budget": 1000,
                  "enable_search": true,
                  "search_options": {
                    "forced_search": true,
                    "search_strategy": "agent_max",
                    "enable_search_extension": true,
                    "freshness": 30,
                    "assigned_site_list": ["baidu.com", "sina.cn"]
                  },
                  "vl_high_resolution_images": true,
                  "enable_code_interpreter": true,
                  "parallel_tool_calls": true
                }"""));
    }

    /**
     * Model Studio names {@code max_completion_tokens} the Chat Completions limit on reasoning plus answer ("Notice of
     * Changes to Certain Model Fields", alibabacloud.com/en/notice/model_studio_notice_of_changes_to_certain_model_fields_724,
     * April 2026) and keeps {@code max_tokens}, whose meaning varies by model before qwen4-max-preview ("API
     * compatibility upgrades", alibabacloud.com/help/en/model-studio/api-compatibility-upgrade-notice, 2 November 2026).
     */
    @Test
    void should_send_max_completion_tokens_instead_of_max_tokens_when_asked() {
        JsonNode body = body(List.of(HELLO), params().maxCompletionTokens(4096).build());

        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(4096);
        assertThat(body.has("max_tokens")).isFalse();
    }

    @Test
    void should_not_send_an_empty_stop_list() {
        assertThat(body(List.of(HELLO), params().stopSequences(List.of()).build())
                        .has("stop"))
                .isFalse();
    }

    @Test
    void should_add_stream_and_include_usage_when_streaming() {
        QwenChatRequestParameters parameters = params().build();
        ChatCompletionRequest streamed = ChatRequestMapper.toRequest(
                List.of(HELLO), parameters, new CallPlanner().plan(parameters, CallPlanner.Transport.STREAM), false);
        JsonNode tree = Json.MAPPER.valueToTree(streamed);
        assertThat(tree.get("stream").asBoolean()).isTrue();
        assertThat(tree.get("stream_options")).isEqualTo(json("{\"include_usage\":true}"));
        assertThat(Json.MAPPER
                        .<JsonNode>valueToTree(request(List.of(HELLO), parameters, false))
                        .has("stream"))
                .isFalse();
    }

    @Test
    void should_refuse_frequency_penalty_and_name_the_alternatives() {
        assertThatThrownBy(() ->
                        body(List.of(HELLO), params().frequencyPenalty(0.5).build()))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("frequencyPenalty")
                .hasMessageContaining("repetitionPenalty")
                .hasMessageContaining("presencePenalty");
    }

    @Test
    void should_refuse_a_missing_model_name() {
        assertThatThrownBy(() -> request(
                        List.of(HELLO), QwenChatRequestParameters.builder().build(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("modelName");
    }

    @Test
    void should_refuse_empty_messages() {
        assertThatThrownBy(() -> request(List.of(), params().build(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("messages");
    }

    // ---- CustomParameters ----

    @Test
    void should_merge_custom_parameters_at_top_level() {
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("modalities", List.of("text", "audio"));
        custom.put("audio", Map.of("voice", "Cherry", "format", "wav"));
        JsonNode tree = body(List.of(HELLO), params().customParameters(custom).build());
        assertThat(tree.get("modalities")).isEqualTo(json("[\"text\",\"audio\"]"));
        assertThat(tree.get("audio")).isEqualTo(json("{\"voice\":\"Cherry\",\"format\":\"wav\"}"));
        assertThat(tree.get("model").asText()).isEqualTo("qwen-plus");
    }

    @Test
    void should_let_custom_parameters_win_over_typed_fields() {
        JsonNode tree = body(
                List.of(HELLO),
                params().temperature(0.1)
                        .topK(5)
                        .customParameters(Map.of("temperature", 0.9, "top_k", 50, "model", "qwen-max"))
                        .build());
        assertThat(tree.get("temperature").asDouble()).isEqualTo(0.9);
        assertThat(tree.get("top_k").asInt()).isEqualTo(50);
        assertThat(tree.get("model").asText()).isEqualTo("qwen-max");
    }

    @Test
    void should_send_a_custom_parameter_that_names_a_typed_field_once_with_the_custom_value() throws Exception {
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("top_k", 50);
        custom.put("stop", null);
        custom.put("x_extension", Map.of("nested", List.of(1, 2)));
        QwenChatRequestParameters parameters = params().topK(5)
                .stopSequences(List.of("END"))
                .temperature(0.3)
                .customParameters(custom)
                .build();

        ChatCompletionRequest request = request(List.of(HELLO), parameters, false);
        String json = Json.MAPPER.writeValueAsString(request);

        assertThat(request.topK()).isNull();
        assertThat(request.stop()).isNull();
        assertThat(request.temperature()).isEqualTo(0.3);
        assertThat(STRICT.readTree(json))
                .isEqualTo(json("{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"Hello\"}],\"temperature\":0.3,\"top_k\":50,\"stop\":null,"
                        + "\"x_extension\":{\"nested\":[1,2]}}"));
        assertThat(json).doesNotContain("custom_parameters").doesNotContain("customParameters");
    }

    @Test
    void should_let_a_custom_parameter_replace_every_typed_field_of_the_request() throws Exception {
        // a name the model table does not know: it takes every option, audio output and every thinking control
        QwenChatRequestParameters.Builder everything = params().modelName("omni-like-model")
                .temperature(0.7)
                .topP(0.8)
                .topK(20)
                .maxOutputTokens(512)
                .stopSequences(List.of("END"))
                .seed(42)
                .presencePenalty(1.5)
                .repetitionPenalty(1.05)
                .enableThinking(false)
                .thinkingBudget(100)
                .reasoningEffort(QwenReasoningEffort.LOW)
                .preserveThinking(true)
                .enableSearch(true)
                .searchOptions(QwenSearchOptions.builder().forcedSearch(true).build())
                .vlHighResolutionImages(true)
                .enableCodeInterpreter(true)
                .parallelToolCalls(true)
                .audioOutput(QwenAudioOutput.voice("Cherry"))
                .toolSpecifications(weatherTool())
                .toolChoice(ToolChoice.AUTO)
                .responseFormat(ResponseFormat.JSON);
        JsonNode typed = STRICT.readTree(Json.MAPPER.writeValueAsString(streamed(everything.build())));
        List<String> names = new ArrayList<>();
        typed.fieldNames().forEachRemaining(names::add);
        // every typed field is set above but customParameters and max_completion_tokens (the other output limit, never
        // sent with max_tokens): one added to the request later fails this count until it is set too
        assertThat(names).hasSize(ChatCompletionRequest.class.getRecordComponents().length - 2);

        Map<String, Object> custom = new LinkedHashMap<>();
        names.forEach(name -> custom.put(name, "custom " + name));
        ChatCompletionRequest replaced =
                streamed(everything.customParameters(custom).build());
        JsonNode sent = STRICT.readTree(Json.MAPPER.writeValueAsString(replaced));

        assertThat(sent).hasSize(names.size());
        names.forEach(name -> assertThat(sent.get(name).asText()).as(name).isEqualTo("custom " + name));
    }

    /** Parses JSON failing on a key given twice, which a custom parameter next to a typed field would write. */
    private static final ObjectReader STRICT = Json.MAPPER.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static ChatCompletionRequest streamed(QwenChatRequestParameters parameters) {
        return ChatRequestMapper.toRequest(
                List.of(HELLO), parameters, new CallPlanner().plan(parameters, CallPlanner.Transport.STREAM), false);
    }

    // ---- SystemMessages ----

    @Test
    void should_merge_several_system_messages_in_order_into_one_at_index_0() {
        List<ChatMessage> messages = List.of(
                SystemMessage.from("You are helpful."),
                UserMessage.from("Hi"),
                AiMessage.from("Hello!"),
                SystemMessage.from("Answer in French."),
                UserMessage.from("How are you?"));
        assertThat(body(messages, params().build()).get("messages")).isEqualTo(json("""
                [
                  {"role": "system", "content": "You are helpful.\\n\\nAnswer in French."},
                  {"role": "user", "content": "Hi"},
                  {"role": "assistant", "content": "Hello!"},
                  {"role": "user", "content": "How are you?"}
                ]"""));
    }

    @Test
    void should_move_a_single_system_message_from_the_middle_to_the_front() {
        List<ChatMessage> messages = List.of(UserMessage.from("Hi"), SystemMessage.from("Be brief."));
        JsonNode sent = body(messages, params().build()).get("messages");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).isEqualTo(json("{\"role\":\"system\",\"content\":\"Be brief.\"}"));
        assertThat(sent.get(1)).isEqualTo(json("{\"role\":\"user\",\"content\":\"Hi\"}"));
    }

    @Test
    void should_send_no_system_message_when_there_is_none() {
        JsonNode sent = body(List.of(HELLO), params().build()).get("messages");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).get("role").asText()).isEqualTo("user");
    }

    // ---- UserContent ----

    @Test
    void should_send_single_text_as_a_plain_string() {
        JsonNode message = body(List.of(UserMessage.from("Hi")), params().build())
                .get("messages")
                .get(0);
        assertThat(message.get("content").isTextual()).isTrue();
    }

    @Test
    void should_send_several_text_parts_as_parts() {
        UserMessage message = UserMessage.from(TextContent.from("a"), TextContent.from("b"));
        assertThat(body(List.of(message), params().build())
                        .get("messages")
                        .get(0)
                        .get("content"))
                .isEqualTo(json("[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}]"));
    }

    @Test
    void should_reproduce_the_image_url_fixture() {
        UserMessage message = UserMessage.from(
                ImageContent.from("https://dashscope.oss-cn-beijing.aliyuncs.com/images/dog_and_girl.jpeg"),
                TextContent.from("What is this?"));
        assertThat(body(List.of(message), params().modelName("qwen-vl-plus").build()))
                .isEqualTo(json(Fixtures.read("chat/request_image_url.json")));
    }

    @Test
    void should_reproduce_the_image_base64_fixture_with_a_data_url() {
        UserMessage message = UserMessage.from(
                ImageContent.from("/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA", "image/jpg"),
                TextContent.from("Describe what you see in this image"));
        assertThat(body(List.of(message), params().modelName("qwen3.7-plus").build()))
                .isEqualTo(json(Fixtures.read("chat/request_image_base64.json")));
    }

    @Test
    void should_reproduce_the_vl_high_resolution_fixture() {
        UserMessage message = UserMessage.from(
                ImageContent.from("https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20250212/"
                        + "earbrt/vcg_VCG211286867973_RF.jpg"),
                TextContent.from("What festival atmosphere does this picture show?"));
        assertThat(body(
                        List.of(message),
                        params().modelName("qwen3.7-plus")
                                .vlHighResolutionImages(true)
                                .build()))
                .isEqualTo(json(Fixtures.read("chat/request_vl_high_resolution.json")));
    }

    @Test
    void should_reproduce_the_base64_video_fixture_without_fps() {
        ObjectNode expected = (ObjectNode) json(Fixtures.read("chat/request_video_base64_fps.json"));
        ((ObjectNode) expected.get("messages").get(0).get("content").get(0)).remove("fps");
        UserMessage message = UserMessage.from(
                VideoContent.from("/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA...", "video/mp4"),
                TextContent.from("What scene is depicted in the image?"));
        assertThat(body(List.of(message), params().modelName("qwen3.7-plus").build()))
                .isEqualTo(expected);
    }

    @Test
    void should_send_a_video_url_as_video_url() {
        UserMessage message = UserMessage.from(VideoContent.from("https://example.com/v.mp4"), TextContent.from("?"));
        assertThat(body(List.of(message), params().build())
                        .get("messages")
                        .get(0)
                        .get("content")
                        .get(0))
                .isEqualTo(json("{\"type\":\"video_url\",\"video_url\":{\"url\":\"https://example.com/v.mp4\"}}"));
    }

    @Test
    void should_reproduce_the_omni_audio_url_fixture_messages_with_the_format_from_the_extension() {
        UserMessage message = UserMessage.from(
                AudioContent.from("https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20250211/"
                        + "tixcef/cherry.wav"),
                TextContent.from("这段音频在说什么"));
        JsonNode expected = json(Fixtures.read("chat/omni_request_audio_url.json"));
        assertThat(body(List.of(message), params().modelName("qwen3-omni-flash").build())
                        .get("messages"))
                .isEqualTo(expected.get("messages"));
    }

    @Test
    void should_reproduce_the_omni_base64_audio_fixture_messages_with_the_format_from_the_mime_type() {
        UserMessage message = UserMessage.from(
                AudioContent.from("SUQzBAAAAAAAI1RTU0UAAAAPAAADTGF2ZjU4Ljc2LjEwMAAAAAAAAAAAAAAA", "audio/mpeg"),
                TextContent.from("这段音频在说什么"));
        JsonNode expected = json(Fixtures.read("chat/omni_request_audio_base64.json"));
        assertThat(body(List.of(message), params().modelName("qwen3-omni-flash").build())
                        .get("messages"))
                .isEqualTo(expected.get("messages"));
    }

    @Test
    void should_derive_the_audio_format_from_the_mime_type_before_the_url() {
        Audio audio = Audio.builder()
                .url("https://example.com/sound?x=1")
                .mimeType("audio/x-wav")
                .build();
        JsonNode part = body(
                        List.of(UserMessage.from(AudioContent.from(audio), TextContent.from("?"))), params().build())
                .get("messages")
                .get(0)
                .get("content")
                .get(0);
        assertThat(part)
                .isEqualTo(
                        json(
                                "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"https://example.com/sound?x=1\",\"format\":\"wav\"}}"));
    }

    @Test
    void should_ignore_the_query_string_when_deriving_the_audio_format_from_the_url() {
        JsonNode part = body(
                        List.of(UserMessage.from(
                                AudioContent.from("https://example.com/a/b.MP3?sig=abc.def"), TextContent.from("?"))),
                        params().build())
                .get("messages")
                .get(0)
                .get("content")
                .get(0);
        assertThat(part.get("input_audio").get("format").asText()).isEqualTo("mp3");
    }

    @Test
    void should_encode_binary_audio_data() {
        Audio audio = Audio.builder()
                .binaryData(new byte[] {1, 2, 3})
                .mimeType("audio/wav")
                .build();
        JsonNode part = body(
                        List.of(UserMessage.from(AudioContent.from(audio), TextContent.from("?"))), params().build())
                .get("messages")
                .get(0)
                .get("content")
                .get(0);
        assertThat(part.get("input_audio")).isEqualTo(json("{\"data\":\"data:;base64,AQID\",\"format\":\"wav\"}"));
    }

    @Test
    void should_refuse_base64_audio_without_a_mime_type() {
        Audio audio = Audio.builder().base64Data("AQID").build();
        assertThatThrownBy(() -> body(
                        List.of(UserMessage.from(AudioContent.from(audio), TextContent.from("?"))), params().build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MIME type");
    }

    @Test
    void should_refuse_base64_image_without_a_mime_type() {
        ImageContent image = ImageContent.from(
                dev.langchain4j.data.image.Image.builder().base64Data("AQID").build());
        assertThatThrownBy(() -> body(List.of(UserMessage.from(image, TextContent.from("?"))), params().build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MIME type");
    }

    @Test
    void should_refuse_content_qwen_cannot_take() {
        UserMessage message = UserMessage.from(
                dev.langchain4j.data.message.PdfFileContent.from("JVBERi0=", "application/pdf"), TextContent.from("?"));
        assertThatThrownBy(() -> body(List.of(message), params().build()))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("PDF");
    }

    // ---- AssistantAndToolMessages ----

    static final ToolExecutionRequest CALL = ToolExecutionRequest.builder()
            .id("call_1")
            .name("get_current_weather")
            .arguments("{\"location\": \"Beijing\"}")
            .build();

    @Test
    void should_send_empty_content_and_tool_calls_for_an_assistant_message_with_only_tool_calls() {
        List<ChatMessage> messages = List.of(
                UserMessage.from("Weather in Beijing?"),
                AiMessage.from(CALL),
                ToolExecutionResultMessage.from(CALL, "Sunny, 25°C"));
        assertThat(body(messages, params().build()).get("messages")).isEqualTo(json("""
                [
                  {"role": "user", "content": "Weather in Beijing?"},
                  {"role": "assistant", "content": "", "tool_calls": [
                    {"id": "call_1", "type": "function",
                     "function": {"name": "get_current_weather", "arguments": "{\\"location\\": \\"Beijing\\"}"}}
                  ]},
                  {"role": "tool", "content": "Sunny, 25°C", "tool_call_id": "call_1", "name": "get_current_weather"}
                ]"""));
    }

    @Test
    void should_keep_assistant_text_next_to_tool_calls() {
        JsonNode assistant = body(
                        List.of(UserMessage.from("?"), AiMessage.from("Let me check.", List.of(CALL))),
                        params().build())
                .get("messages")
                .get(1);
        assertThat(assistant.get("content").asText()).isEqualTo("Let me check.");
        assertThat(assistant.get("tool_calls")).hasSize(1);
    }

    @Test
    void should_send_reasoning_content_only_when_send_thinking_is_on() {
        AiMessage withThinking =
                AiMessage.builder().text("42").thinking("Let me think...").build();
        List<ChatMessage> messages = List.of(UserMessage.from("?"), withThinking, UserMessage.from("Why?"));

        JsonNode off = body(messages, params().build(), false).get("messages").get(1);
        JsonNode on = body(messages, params().build(), true).get("messages").get(1);

        assertThat(off).isEqualTo(json("{\"role\":\"assistant\",\"content\":\"42\"}"));
        assertThat(on)
                .isEqualTo(
                        json("{\"role\":\"assistant\",\"content\":\"42\",\"reasoning_content\":\"Let me think...\"}"));
    }

    // ---- Tools ----

    @Test
    void should_send_tools_in_the_shape_of_the_tools_fixture() {
        List<ChatMessage> messages = List.of(
                SystemMessage.from("You are a helpful assistant."),
                UserMessage.from("What is the weather like in Hangzhou?"));
        JsonNode expected = json(Fixtures.read("chat/request_tools.json"));
        // The fixture sends "parameters": {} for the tool without parameters; the library sends the explicit
        // empty object schema instead (docs/ARCHITECTURE.md, "Request mapping").
        ((ObjectNode) expected.get("tools").get(0).get("function"))
                .set("parameters", json("{\"type\":\"object\",\"properties\":{}}"));

        JsonNode actual = body(
                messages, params().toolSpecifications(timeTool(), weatherTool()).build());

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void should_send_an_empty_object_schema_for_a_tool_without_parameters() {
        JsonNode tool = body(
                        List.of(HELLO), params().toolSpecifications(timeTool()).build())
                .get("tools")
                .get(0);
        assertThat(tool.get("type").asText()).isEqualTo("function");
        assertThat(tool.get("function").get("parameters")).isEqualTo(json("{\"type\":\"object\",\"properties\":{}}"));
    }

    @Test
    void should_accept_tool_names_of_1_to_64_allowed_characters() {
        String longest = "a".repeat(64);
        for (String name : List.of("x", "get-weather_2", "ABC_def-123", longest)) {
            JsonNode tools = body(
                            List.of(HELLO),
                            params().toolSpecifications(ToolSpecification.builder()
                                            .name(name)
                                            .build())
                                    .build())
                    .get("tools");
            assertThat(tools.get(0).get("function").get("name").asText()).isEqualTo(name);
        }
    }

    @Test
    void should_refuse_invalid_tool_names_before_sending() {
        for (String name : List.of("a".repeat(65), "get weather", "get.weather", "天气", "a/b")) {
            assertThatThrownBy(() -> body(
                            List.of(HELLO),
                            params().toolSpecifications(ToolSpecification.builder()
                                            .name(name)
                                            .build())
                                    .build()))
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(name)
                    .hasMessageContaining("64");
        }
    }

    // ---- ToolChoices ----

    @Test
    void should_send_auto_and_none_as_strings() {
        assertThat(body(
                                List.of(HELLO),
                                params().toolSpecifications(weatherTool())
                                        .toolChoice(ToolChoice.AUTO)
                                        .build())
                        .get("tool_choice")
                        .asText())
                .isEqualTo("auto");
        assertThat(body(
                                List.of(HELLO),
                                params().toolSpecifications(weatherTool())
                                        .toolChoice(ToolChoice.NONE)
                                        .build())
                        .get("tool_choice")
                        .asText())
                .isEqualTo("none");
    }

    @Test
    void should_not_send_tool_choice_when_unset() {
        assertThat(body(
                                List.of(HELLO),
                                params().toolSpecifications(weatherTool()).build())
                        .has("tool_choice"))
                .isFalse();
    }

    @Test
    void should_force_the_only_tool_when_required() {
        JsonNode tree = body(
                List.of(HELLO),
                params().toolSpecifications(weatherTool())
                        .toolChoice(ToolChoice.REQUIRED)
                        .build());
        assertThat(tree.get("tool_choice"))
                .isEqualTo(json("{\"type\":\"function\",\"function\":{\"name\":\"get_current_weather\"}}"));
    }

    @Test
    void should_refuse_required_with_several_tools() {
        assertThatThrownBy(() -> body(
                        List.of(HELLO),
                        params().toolSpecifications(weatherTool(), timeTool())
                                .toolChoice(ToolChoice.REQUIRED)
                                .build()))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("REQUIRED")
                .hasMessageContaining("AUTO");
    }

    @Test
    void should_refuse_required_while_thinking() {
        assertThatThrownBy(() -> body(
                        List.of(HELLO),
                        params().enableThinking(true)
                                .toolSpecifications(weatherTool())
                                .toolChoice(ToolChoice.REQUIRED)
                                .build()))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("thinking");
    }

    @Test
    void should_refuse_required_on_a_model_that_always_thinks() {
        assertThatThrownBy(() -> body(
                        List.of(HELLO),
                        params().modelName("qwq-plus")
                                .toolSpecifications(weatherTool())
                                .toolChoice(ToolChoice.REQUIRED)
                                .build()))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("thinking");
    }

    @Test
    void should_refuse_required_without_tools() {
        assertThatThrownBy(() -> body(
                        List.of(HELLO), params().toolChoice(ToolChoice.REQUIRED).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no tools");
    }

    // ---- ResponseFormats ----

    static final JsonSchema PERSON = JsonSchema.builder()
            .name("Person")
            .rootElement(JsonObjectSchema.builder()
                    .addStringProperty("name")
                    .addIntegerProperty("age")
                    .required("name", "age")
                    .build())
            .build();

    static ResponseFormat withSchema() {
        return ResponseFormat.builder()
                .type(ResponseFormatType.JSON)
                .jsonSchema(PERSON)
                .build();
    }

    @Test
    void should_send_json_object_and_add_a_note_when_no_message_mentions_json() {
        JsonNode tree = body(
                List.of(UserMessage.from("Give me a person")),
                params().responseFormat(ResponseFormat.JSON).build());
        assertThat(tree.get("response_format")).isEqualTo(json("{\"type\":\"json_object\"}"));
        JsonNode system = tree.get("messages").get(0);
        assertThat(system.get("role").asText()).isEqualTo("system");
        assertThat(system.get("content").asText())
                .isEqualTo(ChatRequestMapper.JSON_NOTE)
                .contains("JSON");
    }

    @Test
    void should_append_the_note_to_an_existing_system_message() {
        JsonNode messages = body(
                        List.of(SystemMessage.from("Be terse."), UserMessage.from("Give me a person")),
                        params().responseFormat(ResponseFormat.JSON).build())
                .get("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("content").asText()).isEqualTo("Be terse.\n\n" + ChatRequestMapper.JSON_NOTE);
    }

    @Test
    void should_add_no_note_when_a_message_already_mentions_json() {
        JsonNode tree = body(
                List.of(UserMessage.from("Give me a person as json")),
                params().responseFormat(ResponseFormat.JSON).build());
        assertThat(tree.get("response_format")).isEqualTo(json("{\"type\":\"json_object\"}"));
        assertThat(tree.get("messages")).hasSize(1);
    }

    @Test
    void should_send_json_object_plus_the_schema_as_a_system_instruction() {
        JsonNode tree = body(
                List.of(UserMessage.from("Give me a person")),
                params().responseFormat(withSchema()).build());
        assertThat(tree.get("response_format")).isEqualTo(json("{\"type\":\"json_object\"}"));
        String note = tree.get("messages").get(0).get("content").asText();
        assertThat(note).startsWith(ChatRequestMapper.JSON_SCHEMA_NOTE);
        assertThat(json(note.substring(ChatRequestMapper.JSON_SCHEMA_NOTE.length())))
                .isEqualTo(json("""
                {"type": "object",
                 "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
                 "required": ["name", "age"]}"""));
    }

    @Test
    void should_send_no_response_format_but_the_schema_instruction_while_thinking() {
        JsonNode tree = body(
                List.of(UserMessage.from("Give me a person")),
                params().enableThinking(true).responseFormat(withSchema()).build());
        assertThat(tree.has("response_format")).isFalse();
        assertThat(tree.get("messages").get(0).get("content").asText()).startsWith(ChatRequestMapper.JSON_SCHEMA_NOTE);
    }

    @Test
    void should_send_no_response_format_but_the_json_note_while_thinking_without_schema() {
        JsonNode tree = body(
                List.of(UserMessage.from("Give me a person as JSON")),
                params().enableThinking(true)
                        .responseFormat(ResponseFormat.JSON)
                        .build());
        assertThat(tree.has("response_format")).isFalse();
        assertThat(tree.get("messages").get(0).get("content").asText()).isEqualTo(ChatRequestMapper.JSON_NOTE);
    }

    @Test
    void should_send_nothing_for_a_text_response_format() {
        JsonNode tree = body(
                List.of(HELLO), params().responseFormat(ResponseFormat.TEXT).build());
        assertThat(tree.has("response_format")).isFalse();
        assertThat(tree.get("messages")).hasSize(1);
    }

    // ---- WebSearch ----

    @Test
    void should_reproduce_the_web_search_fixture() {
        JsonNode tree = body(
                List.of(UserMessage.from("Qwen 2025年9月份发布了哪些模型")),
                params().enableSearch(true)
                        .searchOptions(QwenSearchOptions.builder()
                                .searchStrategy("max")
                                .build())
                        .build());
        assertThat(tree).isEqualTo(json(Fixtures.read("chat/web_search_request_max.json")));
    }

    @Test
    void should_refuse_null_messages_in_the_list() {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(HELLO);
        messages.add(null);
        assertThatThrownBy(() -> request(messages, params().build(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
    }
}
