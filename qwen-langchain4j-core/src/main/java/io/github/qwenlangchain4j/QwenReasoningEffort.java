package io.github.qwenlangchain4j;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How hard a model that takes {@code reasoning_effort} thinks (Qwen3.8 and later, e.g. {@code qwen3.8-max}, whose
 * default is {@link #XHIGH}). {@link #NONE} switches thinking off for the request. The values are the ones Qwen
 * accepts: its refusal of any other reads "Supported values are: ('none','minimal','low','medium','high','xhigh',
 * 'max')".
 */
public enum QwenReasoningEffort {
    /** No thinking. */
    NONE,
    /** As little thinking as the model allows. */
    MINIMAL,
    /** Light thinking. */
    LOW,
    /** Moderate thinking. */
    MEDIUM,
    /** Deep thinking. */
    HIGH,
    /** Deeper thinking; the default of qwen3.8-max. */
    XHIGH,
    /** The most thinking the model does. */
    MAX;

    /**
     * The value sent as {@code reasoning_effort}.
     *
     * @return the lower-case name, e.g. {@code "xhigh"}
     */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The effort a wire value names, e.g. from a configuration property.
     *
     * @param value one of none, minimal, low, medium, high, xhigh, max (any case)
     * @return the effort
     * @throws IllegalArgumentException naming the accepted values when {@code value} is none of them
     */
    public static QwenReasoningEffort fromValue(String value) {
        for (QwenReasoningEffort effort : values()) {
            if (value != null && effort.wireValue().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return effort;
            }
        }
        throw new IllegalArgumentException("reasoningEffort must be one of "
                + Arrays.stream(values()).map(QwenReasoningEffort::wireValue).collect(Collectors.joining(", "))
                + ", but was '" + value + "'");
    }
}
