package io.github.qwenlangchain4j.internal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** A tool definition: {@code {"type":"function","function":{name, description, parameters}}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tool(String type, Function function) {

    public static Tool function(String name, String description, Map<String, Object> parameters) {
        return new Tool("function", new Function(name, description, parameters));
    }

    /** The function's name, description and JSON-schema parameters. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Function(String name, String description, Map<String, Object> parameters) {}
}
