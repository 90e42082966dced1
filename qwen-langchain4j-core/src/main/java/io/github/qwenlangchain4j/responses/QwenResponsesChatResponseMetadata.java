package io.github.qwenlangchain4j.responses;

import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import io.github.qwenlangchain4j.QwenTokenUsage;
import java.util.List;
import java.util.Objects;

/**
 * What a Responses API answer carries beyond the text: the response id (to continue it with
 * {@link QwenResponsesChatRequestParameters.Builder#previousResponseId}), the request id, the built-in tool calls
 * Qwen made (searches with their sources, code with its output) and the annotations of the text (citations).
 * {@link #tokenUsage()} is a {@link QwenTokenUsage} with cached and reasoning tokens.
 */
public class QwenResponsesChatResponseMetadata extends ChatResponseMetadata {

    private final String responseId;
    private final String requestId;
    private final String status;
    private final List<QwenBuiltInToolCall> builtInToolCalls;
    private final List<QwenAnnotation> annotations;

    private QwenResponsesChatResponseMetadata(Builder builder) {
        super(builder);
        this.responseId = builder.responseId;
        this.requestId = builder.requestId;
        this.status = builder.status;
        this.builtInToolCalls = builder.builtInToolCalls == null ? List.of() : List.copyOf(builder.builtInToolCalls);
        this.annotations = builder.annotations == null ? List.of() : List.copyOf(builder.annotations);
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
     * The response's id ({@code id}); pass it as {@code previousResponseId} to continue from this answer.
     *
     * @return the response id, or null when Qwen sent none
     */
    public String responseId() {
        return responseId;
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
     * The response's status: {@code completed}, or {@code incomplete} when it was cut short.
     *
     * @return the status, or null when Qwen sent none
     */
    public String status() {
        return status;
    }

    /**
     * The built-in tools Qwen called while answering, in the order it called them.
     *
     * @return the calls; empty when none were made
     */
    public List<QwenBuiltInToolCall> builtInToolCalls() {
        return builtInToolCalls;
    }

    /**
     * The annotations of the answer's text (e.g. {@code url_citation}s), in order.
     *
     * @return the annotations; empty when there are none
     */
    public List<QwenAnnotation> annotations() {
        return annotations;
    }

    @Override
    public QwenTokenUsage tokenUsage() {
        return (QwenTokenUsage) super.tokenUsage();
    }

    @Override
    public Builder toBuilder() {
        return ((Builder) super.toBuilder(new Builder()))
                .responseId(responseId)
                .requestId(requestId)
                .status(status)
                .builtInToolCalls(builtInToolCalls)
                .annotations(annotations);
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof QwenResponsesChatResponseMetadata that
                        && super.equals(o)
                        && Objects.equals(responseId, that.responseId)
                        && Objects.equals(requestId, that.requestId)
                        && Objects.equals(status, that.status)
                        && builtInToolCalls.equals(that.builtInToolCalls)
                        && annotations.equals(that.annotations));
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), responseId, requestId, status, builtInToolCalls, annotations);
    }

    @Override
    public String toString() {
        return "QwenResponsesChatResponseMetadata{responseId=" + responseId + ", modelName=" + modelName()
                + ", tokenUsage=" + tokenUsage() + ", finishReason=" + finishReason() + ", status=" + status
                + ", requestId=" + requestId + ", builtInToolCalls=" + builtInToolCalls + ", annotations="
                + annotations + '}';
    }

    /** Builder of {@link QwenResponsesChatResponseMetadata}. */
    public static class Builder extends ChatResponseMetadata.Builder<Builder> {

        private String responseId;
        private String requestId;
        private String status;
        private List<QwenBuiltInToolCall> builtInToolCalls;
        private List<QwenAnnotation> annotations;

        /** For {@link QwenResponsesChatResponseMetadata#builder()}. */
        protected Builder() {}

        /**
         * The response's id; also set as {@link #id}.
         *
         * @param responseId the id, or null
         * @return this builder
         */
        public Builder responseId(String responseId) {
            this.responseId = responseId;
            return id(responseId);
        }

        /**
         * The request id of the call.
         *
         * @param requestId the request id, or null
         * @return this builder
         */
        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        /**
         * The response's status.
         *
         * @param status e.g. {@code completed}, or null
         * @return this builder
         */
        public Builder status(String status) {
            this.status = status;
            return this;
        }

        /**
         * The built-in tool calls.
         *
         * @param builtInToolCalls the calls, or null for none
         * @return this builder
         */
        public Builder builtInToolCalls(List<QwenBuiltInToolCall> builtInToolCalls) {
            this.builtInToolCalls = builtInToolCalls;
            return this;
        }

        /**
         * The annotations of the text.
         *
         * @param annotations the annotations, or null for none
         * @return this builder
         */
        public Builder annotations(List<QwenAnnotation> annotations) {
            this.annotations = annotations;
            return this;
        }

        /** Token usage must be a {@link QwenTokenUsage} (or null). */
        @Override
        public Builder tokenUsage(TokenUsage tokenUsage) {
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
        public QwenResponsesChatResponseMetadata build() {
            return new QwenResponsesChatResponseMetadata(this);
        }
    }
}
