package io.github.qwenlangchain4j.internal.api;

/** {@code response_format}; the library only sends {@code json_object} (see the mapper for why). */
public record ResponseFormat(String type) {

    public static final ResponseFormat JSON_OBJECT = new ResponseFormat("json_object");
}
