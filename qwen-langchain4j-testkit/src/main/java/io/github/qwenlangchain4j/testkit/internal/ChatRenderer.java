package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Renders a {@link Completion} the way compatible mode does: a {@code chat.completion} object, or the payloads of
 * a stream of {@code chat.completion.chunk}s (role chunk, reasoning chunks with {@code content: null}, text chunks,
 * tool-call fragments with the id only in the first one and a trailing empty fragment, a finish chunk of its own,
 * and a usage chunk with {@code choices: []} when asked for).
 */
public final class ChatRenderer {

    private static final int CHUNK_CHARS = 12;

    /** Audio bytes per {@code delta.audio} piece: 0.1 s of 16-bit PCM at 24 kHz. */
    private static final int AUDIO_PIECE_BYTES = 4_800;

    private final ObjectMapper json;
    private final MockContextCache cache;

    public ChatRenderer(ObjectMapper json, MockContextCache cache) {
        this.json = json;
        this.cache = cache;
    }

    public String completion(Completion completion, JsonNode request, String requestId) {
        ObjectNode root = header(request, requestId, "chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", completion.text());
        if (completion.thinking() != null) {
            message.put("reasoning_content", completion.thinking());
        }
        if (!completion.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            int index = 0;
            for (Completion.Call call : completion.toolCalls()) {
                ObjectNode node = calls.addObject();
                node.put("index", index++).put("id", call.id()).put("type", "function");
                node.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
            }
        }
        choice.put("finish_reason", completion.finishReason());
        choice.putNull("logprobs");
        root.set("usage", usage(request, completion));
        return root.toString();
    }

    /** The payloads of the stream's {@code data:} lines, without the final {@code [DONE]}. */
    public List<String> chunks(Completion completion, JsonNode request, String requestId, String errorText) {
        List<String> chunks = new ArrayList<>();
        ObjectNode first = delta(request, requestId);
        ((ObjectNode) first.get("choices").get(0).get("delta"))
                .put("role", "assistant")
                .put("content", "");
        chunks.add(first.toString());
        if (completion.thinking() != null) {
            for (String piece : pieces(completion.thinking())) {
                ObjectNode chunk = delta(request, requestId);
                ((ObjectNode) chunk.get("choices").get(0).get("delta"))
                        .putNull("content")
                        .put("reasoning_content", piece);
                chunks.add(chunk.toString());
            }
        }
        for (String piece : pieces(completion.text())) {
            ObjectNode chunk = delta(request, requestId);
            ((ObjectNode) chunk.get("choices").get(0).get("delta")).put("content", piece);
            chunks.add(chunk.toString());
        }
        if (speaks(request) && errorText == null) {
            chunks.addAll(audioChunks(completion, request, requestId));
        }
        if (errorText != null) {
            chunks.add(errorText);
            return chunks;
        }
        int index = 0;
        for (Completion.Call call : completion.toolCalls()) {
            String arguments = call.argumentsJson();
            int cut = Math.max(1, arguments.length() / 2);
            chunks.add(toolFragment(request, requestId, index, call.id(), call.name(), arguments.substring(0, cut)));
            chunks.add(toolFragment(request, requestId, index, "", null, arguments.substring(cut)));
            chunks.add(toolFragment(request, requestId, index, "", null, ""));
            index++;
        }
        ObjectNode finish = delta(request, requestId);
        ObjectNode choice = (ObjectNode) finish.get("choices").get(0);
        choice.put("finish_reason", completion.finishReason());
        chunks.add(finish.toString());
        if (request.path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode usage = header(request, requestId, "chat.completion.chunk");
            usage.putArray("choices");
            usage.set("usage", usage(request, completion));
            chunks.add(usage.toString());
        }
        return chunks;
    }

    /** Whether the request asks for a spoken answer ({@code modalities} with {@code "audio"}). */
    static boolean speaks(JsonNode request) {
        for (JsonNode modality : request.path("modalities")) {
            if ("audio".equals(modality.asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The spoken answer as Qwen3-Omni streams it after the text: {@code delta.audio} chunks with base64 {@code data},
     * {@code expires_at} and {@code id: "audio_<request id>"} (Model Studio, Qwen-Omni; the stream in
     * fixtures/chat/omni_stream_text_audio_qwen3-omni-flash.sse.txt). The audio is raw 16-bit PCM at 24 kHz: a
     * quiet tone, 0.1 s per word of the answer, so that tests can tell answers apart by length.
     */
    private List<String> audioChunks(Completion completion, JsonNode request, String requestId) {
        int words = Math.max(1, completion.text().strip().split("\\s+").length);
        byte[] pcm = new byte[words * AUDIO_PIECE_BYTES];
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            short sample = (short) (Math.sin(2 * Math.PI * 440 * (i / 2) / 24_000.0) * 1_000);
            pcm[i] = (byte) sample;
            pcm[i + 1] = (byte) (sample >> 8);
        }
        long expiresAt = System.currentTimeMillis() / 1000 + 3_600;
        List<String> chunks = new ArrayList<>();
        for (int start = 0; start < pcm.length; start += AUDIO_PIECE_BYTES) {
            byte[] piece = Arrays.copyOfRange(pcm, start, Math.min(pcm.length, start + AUDIO_PIECE_BYTES));
            ObjectNode chunk = delta(request, requestId);
            ((ObjectNode) chunk.get("choices").get(0).get("delta"))
                    .putObject("audio")
                    .put("data", Base64.getEncoder().encodeToString(piece))
                    .put("expires_at", expiresAt)
                    .put("id", "audio_" + requestId);
            chunks.add(chunk.toString());
        }
        return chunks;
    }

    private String toolFragment(JsonNode request, String requestId, int index, String id, String name, String args) {
        ObjectNode chunk = delta(request, requestId);
        ObjectNode call = ((ObjectNode) chunk.get("choices").get(0).get("delta"))
                .putArray("tool_calls")
                .addObject();
        call.put("index", index).put("id", id).put("type", "function");
        ObjectNode function = call.putObject("function");
        if (name != null) {
            function.put("name", name);
        }
        function.put("arguments", args);
        return chunk.toString();
    }

    private ObjectNode delta(JsonNode request, String requestId) {
        ObjectNode chunk = header(request, requestId, "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta");
        choice.putNull("finish_reason");
        return chunk;
    }

    private ObjectNode header(JsonNode request, String requestId, String object) {
        ObjectNode root = json.createObjectNode();
        root.put("id", "chatcmpl-" + requestId);
        root.put("object", object);
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", request.path("model").asText());
        return root;
    }

    private ObjectNode usage(JsonNode request, Completion completion) {
        int prompt = Tokens.estimate(request.path("messages").toString());
        int reasoning = completion.thinking() == null ? 0 : Tokens.estimate(completion.thinking());
        int output = Tokens.estimate(completion.text())
                + reasoning
                + Tokens.estimate(completion.toolCalls().toString());
        int audio = speaks(request) ? Math.max(1, completion.text().strip().split("\\s+").length) * 4 : 0;
        output += audio;
        ObjectNode usage = json.createObjectNode();
        usage.put("prompt_tokens", prompt).put("completion_tokens", output).put("total_tokens", prompt + output);
        if (completion.thinking() != null) {
            usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoning);
        } else if (audio > 0) {
            // Qwen-Omni's usage splits the output: "completion_tokens_details":{"audio_tokens":83,"text_tokens":20}
            usage.putObject("completion_tokens_details")
                    .put("audio_tokens", audio)
                    .put("text_tokens", output - audio);
        }
        MockContextCache.Account account = cache.account(request);
        ObjectNode details = usage.putObject("prompt_tokens_details").put("cached_tokens", account.cachedTokens());
        if (account.explicit()) {
            // Explicit cache usage (Model Studio, "Context cache"): the tokens that created a block, also under
            // cache_creation.ephemeral_5m_input_tokens, and cache_type "ephemeral".
            details.putObject("cache_creation").put("ephemeral_5m_input_tokens", account.creationTokens());
            details.put("cache_creation_input_tokens", account.creationTokens()).put("cache_type", "ephemeral");
        }
        return usage;
    }

    /** Splits text into stream deltas, never inside a surrogate pair. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(start + CHUNK_CHARS, text.length());
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }
}
