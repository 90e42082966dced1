package io.github.qwenlangchain4j.batch;

/**
 * An error that concerns a whole batch, typically a validation error of its input file.
 *
 * @param code    Qwen's code, e.g. {@code mismatched_model} or {@code duplicate_custom_id}, or null
 * @param message what went wrong
 * @param param   the parameter concerned, or null
 * @param line    the 1-based line of the input file, or null
 */
public record QwenBatchError(String code, String message, String param, Integer line) {

    @Override
    public String toString() {
        return (code == null ? "" : code + ": ") + message + (line == null ? "" : " (line " + line + ")");
    }
}
