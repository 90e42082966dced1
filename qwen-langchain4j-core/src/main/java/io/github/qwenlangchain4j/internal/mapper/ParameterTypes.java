package io.github.qwenlangchain4j.internal.mapper;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the Qwen parameter types merge. LangChain4j merges a request's parameters into the model's with
 * {@code overrideWith}, which keeps only the fields both types know: Chat Completions parameters given to a Responses
 * model (or another provider's, such as OpenAI's) would lose their own options without a word, so they are refused.
 * Within a type, a field the request sets wins, and custom parameters are merged name by name.
 */
public final class ParameterTypes {

    private ParameterTypes() {}

    /**
     * Passes LangChain4j's common parameters and those of {@code expected}; refuses any other type.
     *
     * @param given    the parameters being merged in, or null
     * @param expected the parameter type of the model
     * @param models   the models that take {@code expected}, for the message
     * @throws IllegalArgumentException naming both types, when {@code given} is of another type
     */
    public static void requireMergeable(
            ChatRequestParameters given, Class<? extends ChatRequestParameters> expected, String models) {
        if (given == null || given.getClass() == DefaultChatRequestParameters.class || expected.isInstance(given)) {
            return;
        }
        throw new IllegalArgumentException(given.getClass().getSimpleName() + " cannot be given to " + models
                + ", which take " + expected.getSimpleName() + ": the options only "
                + given.getClass().getSimpleName()
                + " has would be lost. Build the request's parameters with " + expected.getSimpleName()
                + ".builder() (or ChatRequestParameters.builder() for LangChain4j's common options).");
    }

    /**
     * A field after a merge: the overriding side's value, or the base's when the overriding side leaves it unset.
     *
     * @param preferred the overriding side's value, or null
     * @param fallback  the base's value, or null
     * @param <T>       the field's type
     * @return {@code preferred} unless it is null, else {@code fallback}
     */
    public static <T> T or(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    /**
     * Custom parameters after a merge: the base's, with the overriding side's on top (a name both have: the overriding
     * side's value).
     *
     * @param base     the base's custom parameters, or null
     * @param override the overriding side's, or null
     * @return {@code base} when {@code override} is null, else a new map
     */
    public static Map<String, Object> mergeCustomParameters(Map<String, Object> base, Map<String, Object> override) {
        if (override == null) {
            return base;
        }
        Map<String, Object> merged = base == null ? new LinkedHashMap<>() : new LinkedHashMap<>(base);
        merged.putAll(override);
        return merged;
    }
}
