package io.github.qwenlangchain4j.internal.batch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One line of a batch output or error file. A success has {@code response.status_code} 200 and the endpoint's
 * response as {@code response.body}; a failure has another status with an error body, or a top-level {@code error}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResultLine(String id, String customId, Response response, Error error) {

    /** The HTTP response the request got inside the batch. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Response(Integer statusCode, String requestId, JsonNode body) {}

    /** A request-level error without a response. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Error(String code, String message) {}
}
