package io.github.qwenlangchain4j.batch;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import io.github.qwenlangchain4j.QwenChatRequestParameters;

/**
 * The default chat options shared by the builders of {@link QwenBatchChat} and {@link QwenBatchChatModel}, on top of
 * the connection settings and batch options.
 *
 * @param <T> what the builder builds
 * @param <B> the concrete builder
 */
public abstract class QwenBatchChatOptions<T, B extends QwenBatchChatOptions<T, B>> extends QwenBatchOptions<T, B> {

    String modelName;
    ChatRequestParameters defaultRequestParameters;
    Boolean sendThinking;

    /** For the batch builders of this library; not meant to be extended elsewhere. */
    protected QwenBatchChatOptions() {}

    /**
     * The model of requests that name none ({@code model}), e.g. {@code qwen-plus} (default), {@code qwen-max},
     * {@code qwen-flash}.
     *
     * @param modelName the model name, or null for {@code qwen-plus}
     * @return this builder
     */
    public B modelName(String modelName) {
        this.modelName = modelName;
        return self();
    }

    /**
     * Default parameters of every request (e.g. a {@link QwenChatRequestParameters} with temperature or
     * {@code enableThinking}); a request's own parameters override them field by field.
     *
     * @param defaultRequestParameters the defaults, or null for none
     * @return this builder
     */
    public B defaultRequestParameters(ChatRequestParameters defaultRequestParameters) {
        this.defaultRequestParameters = defaultRequestParameters;
        return self();
    }

    /**
     * Whether the thinking of earlier assistant messages is sent back as {@code reasoning_content}; default false.
     *
     * @param sendThinking true to send earlier thinking back, or null for the default (false)
     * @return this builder
     */
    public B sendThinking(Boolean sendThinking) {
        this.sendThinking = sendThinking;
        return self();
    }
}
