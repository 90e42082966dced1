package io.github.qwenlangchain4j.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An error body in either of Qwen's two HTTP shapes: OpenAI-style {@code {"error":{message,type,param,code},
 * "request_id"}} or flat DashScope-style {@code {"code","message","request_id"}}. The in-stream shape is
 * {@link ChatCompletionResponse#error()}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ErrorBody(Error error, String code, String message, String requestId, String id) {

    /**
     * The nested OpenAI-style error. {@code code} may be a string or a number on the wire. {@code id} is where some
     * gateways (workspace and token-plan endpoints) put the request id, with no {@code request_id} beside it;
     * others put a {@code request_id} inside the error.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Error(String message, String type, String param, String code, String id, String requestId) {

        /** The request id the error itself names: its {@code request_id}, else its {@code id}; or null. */
        public String ownRequestId() {
            return requestId != null && !requestId.isBlank() ? requestId : id;
        }
    }
}
