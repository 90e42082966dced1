package io.github.qwenlangchain4j.internal.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One line of a batch input file: {@code {"custom_id","method":"POST","url","body"}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"custom_id", "method", "url", "body"})
public record RequestLine(String customId, String method, String url, Object body) {}
