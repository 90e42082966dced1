package io.github.qwenlangchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What reaches the server: options, messages, tools, response format and headers (docs/ARCHITECTURE.md, "Request mapping"). */
class QwenChatModelRequestTest extends QwenWireMockSupport {

    private static final String ALL_OPTIONS_JSON = """
            {
              "model": "qwen-max",
              "messages": [{"role": "user", "content": "Hi"}],
              "temperature": 0.3,
              "top_p": 0.8,
              "top_k": 20,
              "max_tokens": 512,
              "stop": ["END", "###"],
              "seed": 42,
              "presence_penalty": 0.5,
              "repetition_penalty": 1.05,
              "enable_thinking": false,
              "thinking_budget": 1000,
              "enable_search": true,
              "search_options": {
                "forced_search": true,
                "search_strategy": "max",
                "enable_search_extension": true,
                "freshness": 30,
                "assigned_site_list": ["baike.baidu.com", "www.sina.com.cn"]
              },
              "vl_high_resolution_images": true,
              "enable_code_interpreter": true,
              "parallel_tool_calls": true
            }
            """;

    private static QwenSearchOptions allSearchOptions() {
        return QwenSearchOptions.builder()
                .forcedSearch(true)
                .searchStrategy("max")
                .enableSearchExtension(true)
                .freshness(30)
                .assignedSiteList(List.of("baike.baidu.com", "www.sina.com.cn"))
                .build();
    }

    private static final ToolSpecification WEATHER = ToolSpecification.builder()
            .name("get_current_weather")
            .description("Current weather of a city")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty("location")
                    .required("location")
                    .build())
            .build();

    private static final ToolSpecification TIME = ToolSpecification.builder()
            .name("get_current_time")
            .description("Current time")
            .build();

    @Test
    void should_send_every_qwen_option_set_on_the_builder_as_top_level_fields() {
        stubBasicAnswer();
        QwenChatModel model = model().modelName("qwen-max")
                .temperature(0.3)
                .topP(0.8)
                .topK(20)
                .maxTokens(512)
                .stop(List.of("END", "###"))
                .seed(42)
                .presencePenalty(0.5)
                .repetitionPenalty(1.05)
                .enableThinking(false)
                .thinkingBudget(1000)
                .enableSearch(true)
                .searchOptions(allSearchOptions())
                .vlHighResolutionImages(true)
                .enableCodeInterpreter(true)
                .parallelToolCalls(true)
                .build();

        model.chat(UserMessage.from("Hi"));

        server.verify(1, postRequestedFor(urlEqualTo(CHAT_PATH)).withRequestBody(equalToJson(ALL_OPTIONS_JSON)));
    }

    @Test
    void should_send_max_completion_tokens_set_on_the_builder_and_let_a_requests_max_tokens_replace_it() {
        stubBasicAnswer();
        QwenChatModel model = model().maxCompletionTokens(4096).build();

        model.chat(UserMessage.from("Hi"));
        model.chat(ChatRequest.builder()
                .messages(UserMessage.from("Hi"))
                .maxOutputTokens(256)
                .build());
        JsonNode modelDefault = sentBodies().get(0);
        JsonNode requestLimit = sentBodies().get(1);

        assertThat(modelDefault.get("max_completion_tokens").asInt()).isEqualTo(4096);
        assertThat(modelDefault.has("max_tokens")).isFalse();
        assertThat(requestLimit.get("max_tokens").asInt()).isEqualTo(256);
        assertThat(requestLimit.has("max_completion_tokens")).isFalse();
    }

    @Test
    void should_send_every_qwen_option_set_per_request() {
        stubBasicAnswer();
        QwenChatModel model = model().build();

        model.chat(ChatRequest.builder()
                .messages(UserMessage.from("Hi"))
                .parameters(QwenChatRequestParameters.builder()
                        .modelName("qwen-max")
                        .temperature(0.3)
                        .topP(0.8)
                        .topK(20)
                        .maxOutputTokens(512)
                        .stopSequences(List.of("END", "###"))
                        .seed(42)
                        .presencePenalty(0.5)
                        .repetitionPenalty(1.05)
                        .enableThinking(false)
                        .thinkingBudget(1000)
                        .enableSearch(true)
                        .searchOptions(allSearchOptions())
                        .vlHighResolutionImages(true)
                        .enableCodeInterpreter(true)
                        .parallelToolCalls(true)
                        .build())
                .build());

        server.verify(1, postRequestedFor(urlEqualTo(CHAT_PATH)).withRequestBody(equalToJson(ALL_OPTIONS_JSON)));
    }

    @Test
    void should_let_request_parameters_win_field_by_field_over_builder_defaults() {
        stubBasicAnswer();
        QwenChatModel model = model().temperature(0.1)
                .topK(10)
                .seed(1)
                .enableSearch(true)
                .searchOptions(
                        QwenSearchOptions.builder().searchStrategy("turbo").build())
                .customParameters(Map.of("a", 1, "b", 1))
                .build();

        model.chat(ChatRequest.builder()
                .messages(UserMessage.from("Hi"))
                .parameters(QwenChatRequestParameters.builder()
                        .modelName("qwen-max")
                        .seed(2)
                        .customParameters(Map.of("b", 2, "c", 3))
                        .build())
                .build());

        server.verify(postRequestedFor(urlEqualTo(CHAT_PATH)).withRequestBody(equalToJson("""
                {
                  "model": "qwen-max",
                  "messages": [{"role": "user", "content": "Hi"}],
                  "temperature": 0.1,
                  "top_k": 10,
                  "seed": 2,
                  "enable_search": true,
                  "search_options": {"search_strategy": "turbo"},
                  "a": 1,
                  "b": 2,
                  "c": 3
                }
                """)));
    }

    @Test
    void should_keep_qwen_defaults_when_a_request_uses_plain_langchain4j_parameters() {
        stubBasicAnswer();
        QwenChatModel model =
                model().topK(10).seed(1).enableSearch(true).temperature(0.1).build();

        model.chat(ChatRequest.builder()
                .messages(UserMessage.from("Hi"))
                .temperature(0.9)
                .topK(5)
                .maxOutputTokens(100)
                .build());

        server.verify(postRequestedFor(urlEqualTo(CHAT_PATH)).withRequestBody(equalToJson("""
                {
                  "model": "qwen-plus",
                  "messages": [{"role": "user", "content": "Hi"}],
                  "temperature": 0.9,
                  "top_k": 5,
                  "max_tokens": 100,
                  "seed": 1,
                  "enable_search": true
                }
                """)));
    }

    @Test
    void should_use_qwen_plus_when_no_model_name_is_given() {
        stubBasicAnswer();

        model().build().chat("Hi");

        assertThat(sentBody().get("model").asText()).isEqualTo("qwen-plus");
    }

    @Test
    void should_merge_custom_parameters_at_top_level_winning_over_typed_fields() {
        stubBasicAnswer();
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("top_k", 99);
        custom.put("enable_search", false);
        custom.put("x_extension", Map.of("nested", true, "list", List.of(1, 2)));
        QwenChatModel model =
                model().topK(10).enableSearch(true).customParameters(custom).build();

        model.chat("Hi");

        JsonNode body = sentBody();
        assertThat(body.get("top_k").asInt()).isEqualTo(99);
        assertThat(body.get("enable_search").asBoolean()).isFalse();
        assertThat(body.get("x_extension")).isEqualTo(parse("{\"nested\":true,\"list\":[1,2]}"));
        assertThat(body.has("custom_parameters")).isFalse();
    }

    @Test
    void should_merge_all_system_messages_in_order_into_one_at_index_0() {
        stubBasicAnswer();

        model().build()
                .chat(
                        UserMessage.from("first question"),
                        SystemMessage.from("You are terse."),
                        AiMessage.from("first answer"),
                        SystemMessage.from("Answer in French."),
                        UserMessage.from("second question"));

        server.verify(postRequestedFor(urlEqualTo(CHAT_PATH)).withRequestBody(equalToJson("""
                {"messages": [
                  {"role": "system", "content": "You are terse.\\n\\nAnswer in French."},
                  {"role": "user", "content": "first question"},
                  {"role": "assistant", "content": "first answer"},
                  {"role": "user", "content": "second question"}
                ]}
                """, false, true)));
    }

    @Test
    void should_send_multimodal_user_content_as_qwen_content_parts() {
        stubBasicAnswer();

        model().modelName("qwen3-vl-plus")
                .build()
                .chat(UserMessage.from(
                        TextContent.from("Describe these."),
                        ImageContent.from("https://example.com/dog.jpeg"),
                        ImageContent.from("iVBORw0KGgoAAAANSUhEUg==", "image/png"),
                        VideoContent.from("https://example.com/clip.mp4"),
                        VideoContent.from("AAAAIGZ0eXBpc29t", "video/mp4"),
                        AudioContent.from("https://example.com/welcome.mp3"),
                        AudioContent.from("UklGRiQAAABXQVZF", "audio/wav")));

        server.verify(postRequestedFor(urlEqualTo(CHAT_PATH)).withRequestBody(equalToJson("""
                {"messages": [{"role": "user", "content": [
                  {"type": "text", "text": "Describe these."},
                  {"type": "image_url", "image_url": {"url": "https://example.com/dog.jpeg"}},
                  {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg=="}},
                  {"type": "video_url", "video_url": {"url": "https://example.com/clip.mp4"}},
                  {"type": "video_url", "video_url": {"url": "data:video/mp4;base64,AAAAIGZ0eXBpc29t"}},
                  {"type": "input_audio", "input_audio": {"data": "https://example.com/welcome.mp3", "format": "mp3"}},
                  {"type": "input_audio", "input_audio": {"data": "data:;base64,UklGRiQAAABXQVZF", "format": "wav"}}
                ]}]}
                """, false, true)));
    }

    @Test
    void should_send_assistant_tool_calls_with_empty_content_and_tool_results_with_id_and_name() {
        stubBasicAnswer();
        ToolExecutionRequest call = ToolExecutionRequest.builder()
                .id("call_6596dafa2a6a46f7a217da")
                .name("get_current_weather")
                .arguments("{\"location\": \"Shanghai\"}")
                .build();

        model().build()
                .chat(
                        UserMessage.from("Weather in Shanghai?"),
                        AiMessage.from(call),
                        ToolExecutionResultMessage.from(call, "Sunny, 25 degrees"));

        server.verify(postRequestedFor(urlEqualTo(CHAT_PATH)).withRequestBody(equalToJson("""
                {"messages": [
                  {"role": "user", "content": "Weather in Shanghai?"},
                  {"role": "assistant", "content": "", "tool_calls": [{
                    "id": "call_6596dafa2a6a46f7a217da", "type": "function",
                    "function": {"name": "get_current_weather", "arguments": "{\\"location\\": \\"Shanghai\\"}"}
                  }]},
                  {"role": "tool", "content": "Sunny, 25 degrees",
                   "tool_call_id": "call_6596dafa2a6a46f7a217da", "name": "get_current_weather"}
                ]}
                """, false, true)));
    }

    @Test
    void should_send_reasoning_content_only_when_send_thinking_is_on() {
        stubBasicAnswer();
        AiMessage earlier =
                AiMessage.builder().text("4").thinking("2 plus 2 is 4.").build();

        model().build().chat(UserMessage.from("2+2?"), earlier, UserMessage.from("And 3+3?"));
        model().sendThinking(true).build().chat(UserMessage.from("2+2?"), earlier, UserMessage.from("And 3+3?"));

        List<JsonNode> bodies = sentBodies();
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0).at("/messages/1")).isEqualTo(parse("{\"role\":\"assistant\",\"content\":\"4\"}"));
        assertThat(bodies.get(1).at("/messages/1"))
                .isEqualTo(
                        parse("{\"role\":\"assistant\",\"content\":\"4\",\"reasoning_content\":\"2 plus 2 is 4.\"}"));
    }

    @Test
    void should_send_tools_as_functions_and_an_empty_object_schema_for_a_tool_without_parameters() {
        stubBasicAnswer();

        model().build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("Weather and time in Shanghai?"))
                        .toolSpecifications(WEATHER, TIME)
                        .toolChoice(ToolChoice.AUTO)
                        .build());

        server.verify(postRequestedFor(urlEqualTo(CHAT_PATH)).withRequestBody(equalToJson("""
                {
                  "tools": [
                    {"type": "function", "function": {
                      "name": "get_current_weather", "description": "Current weather of a city",
                      "parameters": {"type": "object", "properties": {"location": {"type": "string"}},
                                     "required": ["location"]}}},
                    {"type": "function", "function": {
                      "name": "get_current_time", "description": "Current time",
                      "parameters": {"type": "object", "properties": {}}}}
                  ],
                  "tool_choice": "auto"
                }
                """, false, true)));
    }

    @Test
    void should_force_the_only_tool_when_tool_choice_is_required() {
        stubBasicAnswer();

        model().build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("Weather in Shanghai?"))
                        .toolSpecifications(WEATHER)
                        .toolChoice(ToolChoice.REQUIRED)
                        .build());

        JsonNode body = sentBody();
        assertThat(body.get("tool_choice"))
                .isEqualTo(parse("{\"type\":\"function\",\"function\":{\"name\":\"get_current_weather\"}}"));
    }

    @Test
    void should_send_json_object_and_add_a_json_note_when_no_message_mentions_json() {
        stubBasicAnswer();

        model().build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("Give me a user profile."))
                        .responseFormat(ResponseFormat.JSON)
                        .build());

        JsonNode body = sentBody();
        assertThat(body.get("response_format")).isEqualTo(parse("{\"type\":\"json_object\"}"));
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/0/content").asText()).contains("JSON");
        assertThat(body.at("/messages/1"))
                .isEqualTo(parse("{\"role\":\"user\",\"content\":\"Give me a user profile.\"}"));
    }

    @Test
    void should_not_add_a_json_note_when_a_message_already_mentions_json() {
        stubBasicAnswer();

        model().responseFormat(ResponseFormat.JSON).build().chat("Give me a user profile as json.");

        JsonNode body = sentBody();
        assertThat(body.get("response_format")).isEqualTo(parse("{\"type\":\"json_object\"}"));
        assertThat(body.get("messages"))
                .isEqualTo(parse("[{\"role\":\"user\",\"content\":\"Give me a user profile as json.\"}]"));
    }

    @Test
    void should_send_a_json_schema_as_json_object_plus_a_system_instruction() {
        stubBasicAnswer();

        model().build()
                .chat(ChatRequest.builder()
                        .messages(SystemMessage.from("You extract people."), UserMessage.from("John is 42."))
                        .responseFormat(personFormat())
                        .build());

        JsonNode body = sentBody();
        assertThat(body.get("response_format")).isEqualTo(parse("{\"type\":\"json_object\"}"));
        assertThat(body.get("messages")).hasSize(2);
        String system = body.at("/messages/0/content").asText();
        assertThat(system).startsWith("You extract people.").contains("JSON");
        assertSchemaIn(system);
    }

    @Test
    void should_send_only_the_schema_instruction_and_no_response_format_when_thinking() {
        stubChat(sse(Fixtures.sseFromJsonLines("chat/stream_basic.sse.jsonl")));

        model().enableThinking(true)
                .build()
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("John is 42."))
                        .responseFormat(personFormat())
                        .build());

        JsonNode body = sentBody();
        assertThat(body.has("response_format")).isFalse();
        assertThat(body.get("enable_thinking").asBoolean()).isTrue();
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertSchemaIn(body.at("/messages/0/content").asText());
    }

    @Test
    void should_not_send_response_format_to_a_model_that_always_thinks() {
        stubChat(sse(Fixtures.sseFromJsonLines("chat/stream_basic.sse.jsonl")));

        model().modelName("qwq-plus")
                .responseFormat(ResponseFormat.JSON)
                .build()
                .chat("Give me a user profile.");

        JsonNode body = sentBody();
        assertThat(body.has("response_format")).isFalse();
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/0/content").asText()).contains("JSON");
    }

    @Test
    void should_send_bearer_auth_custom_headers_and_a_json_body() {
        stubBasicAnswer();

        model().customHeaders(Map.of("X-DashScope-WorkSpace", "ws-123", "X-Trace", "abc"))
                .build()
                .chat("Hi");

        server.verify(
                1,
                postRequestedFor(urlEqualTo(CHAT_PATH))
                        .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                        .withHeader("X-DashScope-WorkSpace", equalTo("ws-123"))
                        .withHeader("X-Trace", equalTo("abc"))
                        .withHeader("Content-Type", matching("application/json.*"))
                        .withRequestBody(matchingJsonPath("$.model", equalTo("qwen-plus"))));
        assertThat(sentBody().has("stream")).isFalse();
    }

    @Test
    void should_name_the_library_and_the_version_the_build_wrote_in_the_user_agent() {
        stubBasicAnswer();

        model().build().chat("Hi");

        // the version comes from the build (resource filtering), never a literal that goes stale
        server.verify(
                1,
                postRequestedFor(urlEqualTo(CHAT_PATH))
                        .withHeader("User-Agent", matching("qwen-langchain4j/\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?")));
    }

    private static ResponseFormat personFormat() {
        return ResponseFormat.builder()
                .type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder()
                        .name("Person")
                        .rootElement(JsonObjectSchema.builder()
                                .addStringProperty("name")
                                .addIntegerProperty("age")
                                .required("name", "age")
                                .build())
                        .build())
                .build();
    }

    private static void assertSchemaIn(String systemMessage) {
        assertThat(systemMessage).contains("JSON schema");
        String schema = systemMessage.substring(systemMessage.indexOf('{'));
        assertThat(parse(schema)).isEqualTo(parse("""
                {"type": "object",
                 "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
                 "required": ["name", "age"]}
                """));
    }
}
