package io.github.qwenlangchain4j.internal.stream;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import io.github.qwenlangchain4j.QwenAudio;
import io.github.qwenlangchain4j.QwenPartialAudio;
import io.github.qwenlangchain4j.QwenTokenUsage;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.api.Message;
import io.github.qwenlangchain4j.internal.api.ToolCall;
import io.github.qwenlangchain4j.internal.client.ErrorMapper;
import io.github.qwenlangchain4j.internal.mapper.ChatResponseMapper;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;

/**
 * Gathers stream chunks into one {@link ChatResponse}, absorbing Qwen's streaming quirks: tool calls are keyed by
 * {@code index} and their id and name come only in the first fragment (later fragments carry {@code "id": ""},
 * which never overwrites), arguments arrive in pieces (possibly a trailing {@code ""} or {@code null}),
 * {@code finish_reason} may come in a chunk of its own and usage in a last chunk with {@code "choices": []}. A
 * Qwen-Omni model's spoken answer ({@code delta.audio}: base64 {@code data} pieces, an optional {@code transcript},
 * {@code id} and {@code expires_at}) is decoded as it arrives and put together into one {@link QwenAudio}.
 * Not thread-safe: one stream, one reader thread.
 */
public final class ChatStreamAccumulator implements HandlerBridge.Aggregate<ChatCompletionResponse> {

    private final StreamEvents events;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private final TreeMap<Integer, ToolCallBuilder> toolCalls = new TreeMap<>();
    private ToolCallBuilder currentToolCall;
    private String id;
    private String model;
    private Long created;
    private String finishReason;
    private QwenTokenUsage usage;
    private final String audioFormat;
    private ByteArrayOutputStream audio;
    private final StringBuilder transcript = new StringBuilder();
    /** Base64 characters not decoded yet: a piece need not end on a 4-character boundary. */
    private final StringBuilder pendingBase64 = new StringBuilder();

    private String audioId;
    private Long audioExpiresAt;

    public ChatStreamAccumulator(StreamEvents events) {
        this(events, null);
    }

    /**
     * @param audioFormat the format the request asked the audio in, or null: named on the {@link QwenAudio}
     */
    public ChatStreamAccumulator(StreamEvents events, String audioFormat) {
        this.events = events;
        this.audioFormat = audioFormat;
    }

    @Override
    public void accept(ChatCompletionResponse chunk) {
        if (chunk.id() != null && !chunk.id().isEmpty()) {
            id = chunk.id();
        }
        if (chunk.model() != null) {
            model = chunk.model();
        }
        if (chunk.created() != null) {
            created = chunk.created();
        }
        if (chunk.usage() != null) {
            usage = ChatResponseMapper.toTokenUsage(chunk.usage());
        }
        if (chunk.choices() == null) {
            return;
        }
        for (ChatCompletionResponse.Choice choice : chunk.choices()) {
            if (choice == null) {
                throw ErrorMapper.malformed("a stream event has a null choice", chunk.requestId(), null);
            }
            Message delta = choice.delta() != null ? choice.delta() : choice.message();
            if (delta != null) {
                acceptDelta(delta);
            }
            if (choice.finishReason() != null) {
                finishReason = choice.finishReason();
            }
        }
    }

    private void acceptDelta(Message delta) {
        String reasoning = delta.reasoningContent();
        if (reasoning != null && !reasoning.isEmpty()) {
            thinking.append(reasoning);
            events.onThinking(reasoning);
        }
        if (delta.content() instanceof String content && !content.isEmpty()) {
            text.append(content);
            events.onText(content);
        }
        if (delta.audio() != null) {
            acceptAudio(delta.audio());
        }
        if (delta.toolCalls() != null) {
            for (ToolCall fragment : delta.toolCalls()) {
                if (fragment == null || (fragment.index() != null && fragment.index() < 0)) {
                    throw ErrorMapper.malformed("a tool call fragment is null or has a negative index", id, null);
                }
                acceptToolCallFragment(fragment);
            }
        }
    }

    private void acceptAudio(Message.Audio piece) {
        if (audio == null) {
            audio = new ByteArrayOutputStream();
        }
        if (piece.id() != null && !piece.id().isEmpty()) {
            audioId = piece.id();
        }
        if (piece.expiresAt() != null) {
            audioExpiresAt = piece.expiresAt();
        }
        byte[] bytes = new byte[0];
        if (piece.data() != null && !piece.data().isEmpty()) {
            pendingBase64.append(piece.data());
            int whole = pendingBase64.length() - pendingBase64.length() % 4;
            try {
                bytes = Base64.getDecoder().decode(pendingBase64.substring(0, whole));
            } catch (IllegalArgumentException e) {
                throw ErrorMapper.malformed("delta.audio.data is not base64: " + e.getMessage(), id, e);
            }
            pendingBase64.delete(0, whole);
            audio.writeBytes(bytes);
        }
        String words = piece.transcript() == null || piece.transcript().isEmpty() ? null : piece.transcript();
        if (words != null) {
            transcript.append(words);
        }
        if (bytes.length > 0 || words != null) {
            events.onQwenEvent(new QwenPartialAudio(bytes, words, audioId, audioExpiresAt));
        }
    }

    private void acceptToolCallFragment(ToolCall fragment) {
        int index = fragment.index() != null ? fragment.index() : (currentToolCall == null ? 0 : currentToolCall.index);
        if (currentToolCall != null && currentToolCall.index != index) {
            completeCurrentToolCall();
        }
        ToolCallBuilder call = toolCalls.computeIfAbsent(index, ToolCallBuilder::new);
        currentToolCall = call;
        if (fragment.id() != null && !fragment.id().isEmpty()) {
            call.id = fragment.id();
        }
        String arguments = null;
        if (fragment.function() != null) {
            String name = fragment.function().name();
            if (name != null && !name.isEmpty()) {
                call.name = name;
            }
            arguments = fragment.function().arguments();
            if (arguments != null) {
                call.arguments.append(arguments);
            }
        }
        // PartialToolCall requires a name and non-empty arguments: fragments without arguments add nothing to report.
        if (arguments != null && !arguments.isEmpty() && call.name != null) {
            events.onPartialToolCall(PartialToolCall.builder()
                    .index(index)
                    .id(call.id)
                    .name(call.name)
                    .partialArguments(arguments)
                    .build());
        }
    }

    private void completeCurrentToolCall() {
        if (currentToolCall != null && !currentToolCall.completed) {
            currentToolCall.completed = true;
            events.onCompleteToolCall(new CompleteToolCall(currentToolCall.index, currentToolCall.toRequest()));
        }
        currentToolCall = null;
    }

    /** Builds the final response after {@code [DONE]}; completes the last tool call first. */
    @Override
    public ChatResponse build(String headerRequestId) {
        completeCurrentToolCall();
        List<ToolExecutionRequest> requests = new ArrayList<>(toolCalls.size());
        for (ToolCallBuilder call : toolCalls.values()) {
            if (!call.completed) {
                call.completed = true;
                events.onCompleteToolCall(new CompleteToolCall(call.index, call.toRequest()));
            }
            requests.add(call.toRequest());
        }
        QwenAudio spoken = null;
        if (audio != null) {
            if (pendingBase64.length() > 0) {
                throw ErrorMapper.malformed("delta.audio.data does not add up to whole base64 characters", id, null);
            }
            spoken = new QwenAudio(
                    audio.toByteArray(),
                    audioFormat,
                    transcript.length() == 0 ? null : transcript.toString(),
                    audioId,
                    audioExpiresAt);
        }
        // Older Omni models say the answer's words only as the audio's transcript; Qwen3-Omni sends them as content.
        String answer = text.length() == 0 && transcript.length() > 0 ? transcript.toString() : text.toString();
        return ChatResponse.builder()
                .aiMessage(ChatResponseMapper.aiMessage(answer, thinking.toString(), requests))
                .metadata(ChatResponseMapper.metadata(
                        id,
                        model,
                        created,
                        headerRequestId,
                        usage,
                        ChatResponseMapper.finishReason(finishReason, !requests.isEmpty()),
                        finishReason,
                        spoken))
                .build();
    }

    private static final class ToolCallBuilder {

        private final int index;
        private final StringBuilder arguments = new StringBuilder();
        private String id;
        private String name;
        private boolean completed;

        ToolCallBuilder(int index) {
            this.index = index;
        }

        ToolExecutionRequest toRequest() {
            return ToolExecutionRequest.builder()
                    .id(id)
                    .name(name)
                    .arguments(arguments.length() == 0 ? "{}" : arguments.toString())
                    .build();
        }
    }
}
