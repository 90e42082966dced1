package io.github.qwenlangchain4j.internal.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * A {@code POST /responses} body. {@code input} holds input items (messages, function calls and their outputs) as
 * maps, because their shapes differ by type; {@code tools} holds function tools and built-in tools alike.
 * {@code reasoning} is {@code {"effort": ...}}. {@code customParameters} are written as top-level fields of their own names, after the typed ones (null or empty:
 * none); a typed field they name is left null by the request mapper, so that the custom value is the only one sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResponsesRequest(
        String model,
        List<Map<String, Object>> input,
        String instructions,
        String previousResponseId,
        String conversation,
        Boolean store,
        Boolean stream,
        Double temperature,
        Double topP,
        Integer maxOutputTokens,
        List<Map<String, Object>> tools,
        Object toolChoice,
        Boolean parallelToolCalls,
        Boolean enableThinking,
        Map<String, Object> reasoning,
        Map<String, Object> text,
        @JsonAnyGetter Map<String, Object> customParameters) {}
