package io.github.qwenlangchain4j.internal.json;

import com.fasterxml.jackson.databind.ObjectReader;
import io.github.qwenlangchain4j.internal.api.ChatCompletionRequest;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.api.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Builds {@link Json#MAPPER} and the chat wire types' deserializer and serializer on a daemon thread, once per JVM.
 *
 * <p>Why: in a fresh JVM they take about a quarter of a second (databind's ~500 classes, then its reflection over
 * each record), which a program's first call would otherwise spend on the caller's thread. Models start this when
 * they are built, so that it overlaps with what the program does before its first call (at least building OkHttp's
 * client and the call's own request). Nothing waits for it: a call that comes first builds what it needs itself, as
 * it would without this. A class of its own, because touching {@link Json} builds the mapper on the spot.
 *
 * <p>What is left of a cold start is mostly loading classes, which Class Data Sharing takes off: an application
 * archive (run once with {@code -XX:ArchiveClassesAtExit=app.jsa}, then start with
 * {@code -XX:SharedArchiveFile=app.jsa}; the classpath must be jars) took a fresh JVM's first chat call about 30 to 40
 * per cent less time.
 */
public final class JsonWarmUp {

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    /** What the warm-up reads: a completion in Qwen's field order, and a text chunk. */
    private static final byte[] COMPLETION = ("{\"choices\":[{\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"Hi\"},\"finish_reason\":\"stop\",\"index\":0}],\"object\":\"chat.completion\","
                    + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2,"
                    + "\"prompt_tokens_details\":{\"cached_tokens\":0}},\"created\":1,\"model\":\"qwen-plus\","
                    + "\"id\":\"chatcmpl-1\"}")
            .getBytes(StandardCharsets.UTF_8);

    private static final byte[] CHUNK = ("{\"choices\":[{\"delta\":{\"content\":\"Hi\"},\"index\":0}],"
                    + "\"id\":\"chatcmpl-1\"}")
            .getBytes(StandardCharsets.UTF_8);

    private JsonWarmUp() {}

    /** Starts the warm-up thread, unless it was started before in this JVM. */
    public static void startInBackground() {
        if (STARTED.compareAndSet(false, true)) {
            Thread thread = new Thread(
                    () -> {
                        try {
                            run();
                        } catch (IOException | RuntimeException e) {
                            // only a head start: a call builds whatever is missing itself, and reports its own failures
                        }
                    },
                    "qwen-json-warm-up");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Reads a completion and a chunk and writes a request: what a model's first call reads and writes. */
    static void run() throws IOException {
        // the response first: a call writes its request at once, and reads the response only after the round trip
        ObjectReader reader = Json.reader(ChatCompletionResponse.class);
        reader.readValue(COMPLETION);
        reader.readValue(CHUNK);
        Json.MAPPER.writeValueAsBytes(ChatCompletionRequest.of("qwen-plus", List.of(Message.user("Hi", null))));
    }
}
