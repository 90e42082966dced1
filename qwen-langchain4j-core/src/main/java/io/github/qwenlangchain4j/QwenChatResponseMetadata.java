package io.github.qwenlangchain4j;

import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import java.util.Objects;

/**
 * Response metadata with what Qwen adds: the request id (the {@code x-request-id} header; quote it to Alibaba Cloud
 * support) and the creation time. {@link #tokenUsage()} is a {@link QwenTokenUsage}.
 */
public class QwenChatResponseMetadata extends ChatResponseMetadata {

    private final String requestId;
    private final Long created;
    private final QwenAudio audio;
    private final String qwenFinishReason;

    private QwenChatResponseMetadata(Builder builder) {
        super(builder);
        this.requestId = builder.requestId;
        this.created = builder.created;
        this.audio = builder.audio;
        this.qwenFinishReason = builder.qwenFinishReason;
    }

    /**
     * A builder with nothing set; the library builds these from Qwen's responses.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The request id of the call (the {@code x-request-id} header); quote it to Alibaba Cloud support.
     *
     * @return the request id, or null when the server sent none
     */
    public String requestId() {
        return requestId;
    }

    /**
     * When the completion was created ({@code created}), in seconds since the epoch.
     *
     * @return the creation time, or null when Qwen did not send it
     */
    public Long created() {
        return created;
    }

    /**
     * The spoken answer of a Qwen-Omni model asked for one ({@link QwenChatRequestParameters#audioOutput()}).
     *
     * @return the audio (bytes, format, transcript), or null when the answer was not spoken
     */
    public QwenAudio audio() {
        return audio;
    }

    /**
     * Qwen's {@code finish_reason} as sent, such as {@code stop}, {@code length} or {@code tool_calls}, where
     * {@link #finishReason()} is LangChain4j's reading of it (an unknown value becomes {@code OTHER} there).
     *
     * @return the finish reason as sent, or null when Qwen sent none
     */
    public String qwenFinishReason() {
        return qwenFinishReason;
    }

    @Override
    public QwenTokenUsage tokenUsage() {
        return (QwenTokenUsage) super.tokenUsage();
    }

    @Override
    public Builder toBuilder() {
        return ((Builder) super.toBuilder(new Builder()))
                .requestId(requestId)
                .created(created)
                .audio(audio)
                .qwenFinishReason(qwenFinishReason);
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof QwenChatResponseMetadata that
                        && super.equals(o)
                        && Objects.equals(requestId, that.requestId)
                        && Objects.equals(created, that.created)
                        && Objects.equals(audio, that.audio)
                        && Objects.equals(qwenFinishReason, that.qwenFinishReason));
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), requestId, created, audio, qwenFinishReason);
    }

    @Override
    public String toString() {
        return "QwenChatResponseMetadata{id=" + id() + ", modelName=" + modelName() + ", tokenUsage=" + tokenUsage()
                + ", finishReason=" + finishReason() + ", qwenFinishReason=" + qwenFinishReason + ", requestId="
                + requestId + ", created=" + created
                + (audio == null ? "" : ", audio=" + audio) + '}';
    }

    /** Builder of {@link QwenChatResponseMetadata}. */
    public static class Builder extends ChatResponseMetadata.Builder<Builder> {

        private String requestId;
        private Long created;
        private QwenAudio audio;
        private String qwenFinishReason;

        /**
         * Qwen's {@code finish_reason} as sent.
         *
         * @param qwenFinishReason the finish reason, or null
         * @return this builder
         */
        public Builder qwenFinishReason(String qwenFinishReason) {
            this.qwenFinishReason = qwenFinishReason;
            return this;
        }

        /**
         * The spoken answer of a Qwen-Omni model.
         *
         * @param audio the audio, or null
         * @return this builder
         */
        public Builder audio(QwenAudio audio) {
            this.audio = audio;
            return this;
        }

        /**
         * The request id of the call (the {@code x-request-id} header).
         *
         * @param requestId the request id, or null
         * @return this builder
         */
        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        /**
         * When the completion was created ({@code created}), in seconds since the epoch.
         *
         * @param created the creation time, or null
         * @return this builder
         */
        public Builder created(Long created) {
            this.created = created;
            return this;
        }

        /** Token usage must be a {@link QwenTokenUsage} (or null). */
        @Override
        public Builder tokenUsage(dev.langchain4j.model.output.TokenUsage tokenUsage) {
            if (tokenUsage != null && !(tokenUsage instanceof QwenTokenUsage)) {
                tokenUsage = new QwenTokenUsage(
                        tokenUsage.inputTokenCount(),
                        tokenUsage.outputTokenCount(),
                        tokenUsage.totalTokenCount(),
                        null,
                        null);
            }
            return super.tokenUsage(tokenUsage);
        }

        @Override
        public QwenChatResponseMetadata build() {
            return new QwenChatResponseMetadata(this);
        }
    }
}
