package io.github.qwenlangchain4j.spring;

import static io.github.qwenlangchain4j.spring.PropertyChecks.accepted;
import static io.github.qwenlangchain4j.spring.PropertyChecks.acceptedIfSet;
import static io.github.qwenlangchain4j.spring.PropertyChecks.require;
import static io.github.qwenlangchain4j.spring.QwenConnections.emptyToNull;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import io.github.qwenlangchain4j.QwenAudioOutput;
import io.github.qwenlangchain4j.QwenBaseChatModel;
import io.github.qwenlangchain4j.QwenChatRequestParameters;
import io.github.qwenlangchain4j.QwenReasoningEffort;
import io.github.qwenlangchain4j.QwenSearchOptions;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Builds a chat or streaming chat model from a {@code chat-model.*} section: the default one
 * ({@link QwenChatAutoConfiguration}, {@link QwenStreamingChatAutoConfiguration}) or a named one
 * ({@link NamedQwenModels}), each option checked under its own property first.
 *
 * <p>The sampling options are checked by {@link QwenChatRequestParameters}, the search options by
 * {@link QwenSearchOptions} and the spoken answers by {@link QwenAudioOutput}, one value at a time: the models
 * apply the same types, so the rules cannot drift apart.
 */
final class ChatModelFactory {

    private ChatModelFactory() {}

    /**
     * A model from {@code chat} under {@code section} ({@code langchain4j.qwen.chat-model} or a named
     * {@code langchain4j.qwen.chat-models.NAME}).
     */
    static <M, B extends QwenBaseChatModel.Builder<M, B>> M build(
            B builder,
            QwenProperties properties,
            String section,
            QwenProperties.ChatModel chat,
            ConnectionOverrides overrides,
            QwenHttpClient http,
            ObjectProvider<ChatModelListener> listeners) {
        String at = section + ".";
        QwenConnections.apply(builder, properties, overrides, http)
                .modelName(modelName(at + "model-name", chat.modelName()))
                .temperature(acceptedIfSet(
                        at + "temperature",
                        chat.temperature(),
                        value -> parameters().temperature(value).build()))
                .topP(acceptedIfSet(
                        at + "top-p",
                        chat.topP(),
                        value -> parameters().topP(value).build()))
                .topK(acceptedIfSet(
                        at + "top-k",
                        chat.topK(),
                        value -> parameters().topK(value).build()))
                .maxTokens(acceptedIfSet(
                        at + "max-tokens",
                        chat.maxTokens(),
                        value -> parameters().maxOutputTokens(value).build()))
                .maxCompletionTokens(acceptedIfSet(
                        at + "max-completion-tokens",
                        chat.maxCompletionTokens(),
                        value -> parameters().maxCompletionTokens(value).build()))
                .stop(chat.stop())
                .seed(acceptedIfSet(
                        at + "seed",
                        chat.seed(),
                        value -> parameters().seed(value).build()))
                .presencePenalty(acceptedIfSet(
                        at + "presence-penalty",
                        chat.presencePenalty(),
                        value -> parameters().presencePenalty(value).build()))
                .repetitionPenalty(acceptedIfSet(
                        at + "repetition-penalty",
                        chat.repetitionPenalty(),
                        value -> parameters().repetitionPenalty(value).build()))
                .enableThinking(chat.enableThinking())
                .thinkingBudget(acceptedIfSet(
                        at + "thinking-budget",
                        chat.thinkingBudget(),
                        value -> parameters().thinkingBudget(value).build()))
                .reasoningEffort(reasoningEffort(at + "reasoning-effort", chat.reasoningEffort()))
                .preserveThinking(chat.preserveThinking())
                .enableSearch(chat.enableSearch())
                .searchOptions(searchOptions(at + "search-options.", chat.searchOptions()))
                .vlHighResolutionImages(chat.vlHighResolutionImages())
                .enableCodeInterpreter(chat.enableCodeInterpreter())
                .parallelToolCalls(chat.parallelToolCalls())
                .sendThinking(chat.sendThinking())
                .cacheSystemMessages(chat.cacheSystemMessages())
                .cacheConversation(chat.cacheConversation())
                .audioOutput(audioOutput(at + "audio-output.", chat.audioOutput()))
                .customParameters(emptyToNull(chat.customParameters()))
                .customHeaders(emptyToNull(chat.customHeaders()))
                .listeners(ServerAwareListener.forModel(
                        listeners, QwenConnections.baseUrl(properties, overrides, http.offline())));
        return PropertyChecks.build(section, builder::build);
    }

    /**
     * A chat model name: unset for the library's default, else not blank (the library refuses a blank one only when
     * it maps a request, after the builder).
     */
    static String modelName(String property, String modelName) {
        return require(property, modelName, name -> !name.isBlank(), "modelName must be set, e.g. \"qwen-plus\"");
    }

    /** The effort a property names (none, minimal, low, medium, high, xhigh or max), or null when unset. */
    static QwenReasoningEffort reasoningEffort(String property, String value) {
        String effort = acceptedIfSet(property, value, QwenReasoningEffort::fromValue);
        return effort == null ? null : QwenReasoningEffort.fromValue(effort);
    }

    private static QwenChatRequestParameters.Builder parameters() {
        return QwenChatRequestParameters.builder();
    }

    private static QwenSearchOptions searchOptions(String at, QwenProperties.SearchOptions search) {
        if (search.isEmpty()) {
            return null;
        }
        return QwenSearchOptions.builder()
                .forcedSearch(search.forcedSearch())
                .searchStrategy(acceptedIfSet(
                        at + "search-strategy",
                        search.searchStrategy(),
                        value -> QwenSearchOptions.builder()
                                .searchStrategy(value)
                                .build()))
                .enableSearchExtension(search.enableSearchExtension())
                .freshness(acceptedIfSet(
                        at + "freshness",
                        search.freshness(),
                        value -> QwenSearchOptions.builder().freshness(value).build()))
                .assignedSiteList(search.assignedSiteList())
                .build();
    }

    /**
     * The spoken-answer options, or null when none is set. Once one is, the voice is required: a format without a
     * voice fails under {@code audio-output.voice}.
     */
    private static QwenAudioOutput audioOutput(String at, QwenProperties.AudioOutput audio) {
        if (audio.isEmpty()) {
            return null;
        }
        String voice = accepted(at + "voice", audio.voice(), QwenAudioOutput::voice);
        if (audio.format() == null) {
            return QwenAudioOutput.voice(voice);
        }
        return QwenAudioOutput.of(
                voice, accepted(at + "format", audio.format(), format -> QwenAudioOutput.of(voice, format)));
    }
}
