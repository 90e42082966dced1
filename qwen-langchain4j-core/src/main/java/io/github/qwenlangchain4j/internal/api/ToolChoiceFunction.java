package io.github.qwenlangchain4j.internal.api;

/**
 * The forced-function form of {@code tool_choice}: {@code {"type":"function","function":{"name":...}}}. Qwen
 * rejects {@code "required"}, so this is how "call this tool" is said.
 */
public record ToolChoiceFunction(String type, Name function) {

    public static ToolChoiceFunction of(String name) {
        return new ToolChoiceFunction("function", new Name(name));
    }

    /** {@code {"name": ...}}. */
    public record Name(String name) {}
}
