package io.github.qwenlangchain4j.internal.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.langchain4j.data.message.UserMessage;
import io.github.qwenlangchain4j.internal.json.Json;
import io.github.qwenlangchain4j.responses.QwenResponsesChatRequestParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponsesRequestMapperTest {

    /** Fails on a key given twice, which a custom parameter next to a typed field of its name would write. */
    private static final ObjectReader STRICT = Json.MAPPER.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @Test
    void should_send_custom_parameters_at_top_level_replacing_typed_fields_of_their_name() throws Exception {
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("temperature", 0.9);
        custom.put("stream", false);
        custom.put("reasoning", Map.of("effort", "high"));
        QwenResponsesChatRequestParameters parameters = QwenResponsesChatRequestParameters.builder()
                .modelName("qwen3-max")
                .temperature(0.1)
                .store(true)
                .customParameters(custom)
                .build();

        ResponsesRequest request = ResponsesRequestMapper.toBody(List.of(UserMessage.from("Hi")), parameters, true);
        JsonNode sent = STRICT.readTree(Json.MAPPER.writeValueAsString(request));

        assertThat(request.temperature()).isNull();
        assertThat(request.stream()).isNull();
        assertThat(sent.get("temperature").asDouble()).isEqualTo(0.9);
        assertThat(sent.get("stream").asBoolean(true)).isFalse();
        assertThat(sent.get("reasoning").get("effort").asText()).isEqualTo("high");
        assertThat(sent.get("store").asBoolean()).isTrue();
        assertThat(sent.get("model").asText()).isEqualTo("qwen3-max");
        assertThat(sent.has("custom_parameters")).isFalse();
    }

    @Test
    void should_send_no_extra_fields_without_custom_parameters() throws Exception {
        QwenResponsesChatRequestParameters parameters = QwenResponsesChatRequestParameters.builder()
                .modelName("qwen3-max")
                .customParameters(Map.of())
                .build();

        JsonNode sent = STRICT.readTree(Json.MAPPER.writeValueAsString(
                ResponsesRequestMapper.toBody(List.of(UserMessage.from("Hi")), parameters, false)));

        assertThat(sent.size()).isEqualTo(2);
        assertThat(sent.has("model")).isTrue();
        assertThat(sent.has("input")).isTrue();
    }
}
