package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /chat/completions}, as JSON or as an SSE stream: Qwen's refusals first (they take no scripted reply),
 * then the next scripted reply, or the default reply when none is queued. Also runs the chat lines of batches.
 */
public final class ChatEndpoint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChatRenderer renderer;
    private final MockFiles files;
    private final ScriptedReplies replies;

    public ChatEndpoint(ChatRenderer renderer, MockFiles files, ScriptedReplies replies) {
        this.renderer = renderer;
        this.files = files;
        this.replies = replies;
    }

    /** Serves one chat request. */
    public HttpReply complete(MockRequest http) {
        String requestId = http.requestId();
        JsonNode request = http.json();
        if (request == null) {
            return HttpReply.compatibleError(
                    QwenError.invalidParameter("The request body is not valid JSON."), requestId);
        }
        boolean stream = request.path("stream").asBoolean(false);
        QwenError refusal = QwenRules.checkChat(request);
        MockFiles.DocumentCheck documents = files.readDocuments(request);
        refusal = refusal != null ? refusal : documents.refusal();
        if (refusal != null) {
            return refuse(refusal, requestId, stream);
        }
        ScriptedReplies.Script reply = replies.poll();
        if (reply != null) {
            Pause.sleep(reply.delay());
            if (reply.kind() == ScriptedReplies.Kind.DROP_CONNECTION) {
                return HttpReply.dropConnection();
            }
            if (reply.kind() == ScriptedReplies.Kind.ERROR
                    || (reply.kind() == ScriptedReplies.Kind.STREAM_ERROR && !stream)) {
                QwenError error = QwenError.request(reply.status(), reply.code(), reply.message());
                return reply.nativeShape() ? HttpReply.flatError(error, requestId) : refuse(error, requestId, stream);
            }
        }
        Completion completion = reply == null
                ? DefaultReplies.replyTo(request, Ids.callId(requestId), documents.documents())
                : reply.completion();
        if (!stream) {
            return HttpReply.json(200, renderer.completion(completion, request, requestId));
        }
        String error = null;
        if (reply != null && reply.kind() == ScriptedReplies.Kind.STREAM_ERROR) {
            // The error is the stream's last event: no [DONE] follows it.
            QwenError inStream = new QwenError(reply.status(), reply.code(), reply.code(), reply.message());
            error = reply.nativeShape() ? inStream.nativeBody(JSON, requestId) : inStream.body(JSON, requestId);
        }
        List<String> events = new ArrayList<>();
        for (String chunk : renderer.chunks(completion, request, requestId, error)) {
            events.add("data: " + chunk + "\n\n");
        }
        if (error == null) {
            events.add("data: [DONE]\n\n");
        }
        return HttpReply.stream(events);
    }

    /**
     * Runs a chat line of a batch, never streamed: Qwen's batch engine runs thinking models too, so only the
     * refusals that do not concern streaming apply (the line is checked as if it streamed). Scripted replies are
     * taken in order, their delays ignored; a dropped connection cannot happen inside a batch, so it runs as usual.
     */
    public BatchLifecycle.Outcome batchLine(JsonNode body, String requestId) {
        QwenError refusal = QwenRules.checkChat(((ObjectNode) body.deepCopy()).put("stream", true));
        if (refusal != null) {
            return new BatchLifecycle.Outcome(refusal.status(), refusal.body(JSON, requestId));
        }
        ScriptedReplies.Script reply = replies.poll();
        if (reply != null
                && (reply.kind() == ScriptedReplies.Kind.ERROR || reply.kind() == ScriptedReplies.Kind.STREAM_ERROR)) {
            QwenError error = QwenError.request(reply.status(), reply.code(), reply.message());
            return new BatchLifecycle.Outcome(error.status(), error.body(JSON, requestId));
        }
        Completion completion = reply == null || reply.kind() == ScriptedReplies.Kind.DROP_CONNECTION
                ? DefaultReplies.replyTo(body, Ids.callId(requestId))
                : reply.completion();
        return new BatchLifecycle.Outcome(200, renderer.completion(completion, body, requestId));
    }

    /** A line for {@code /v1/chat/ds-test}, Qwen's test endpoint for batches: always the same answer. */
    public BatchLifecycle.Outcome testLine(JsonNode body, String requestId) {
        return new BatchLifecycle.Outcome(
                200, renderer.completion(new Completion(null, "This is a test result.", List.of()), body, requestId));
    }

    private static HttpReply refuse(QwenError error, String requestId, boolean stream) {
        return stream ? HttpReply.streamRefusal(error, requestId) : HttpReply.compatibleError(error, requestId);
    }
}
