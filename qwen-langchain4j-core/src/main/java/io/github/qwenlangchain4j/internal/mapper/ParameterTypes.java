package io.github.qwenlangchain4j.internal.mapper;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;

/**
 * Refuses request parameters of a type a model cannot send. LangChain4j merges a request's parameters into the
 * model's with {@code overrideWith}, which keeps only the fields both types know: Chat Completions parameters given to
 * a Responses model (or another provider's, such as OpenAI's) would lose their own options without a word.
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
}
