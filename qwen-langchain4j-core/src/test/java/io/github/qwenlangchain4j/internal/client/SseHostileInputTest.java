package io.github.qwenlangchain4j.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.qwenlangchain4j.internal.stream.ChatStreamAccumulator;
import io.github.qwenlangchain4j.internal.stream.StreamEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property-based tests of the streaming decoder (SseReader + the chunk parser + ChatStreamAccumulator, driven
 * through {@link EventStreams#read} as in production), with seeded generators so every run is the same:
 * any split of a valid stream into network reads decodes the same; arbitrary or mutated bytes never hang and never
 * throw anything but a {@link LangChain4jException}.
 */
class SseHostileInputTest {

    private static final QwenClient CLIENT = QwenClient.builder()
            .apiKey("sk-hostile")
            .baseUrl("http://127.0.0.1:1/v1")
            .build();
    private static final String[] WORDS = {
        "a", "Hello", " ", "é", "中文", "😀", "\\n", "\\\"quoted\\\"", "\\u00e9", "data:", "[DONE]", ":", "\\r"
    };

    /** A valid, randomly generated Qwen stream: thinking, text, tool call fragments by index, usage, [DONE]. */
    static String validStream(Random random) {
        StringBuilder sse = new StringBuilder();
        String eol = random.nextBoolean() ? "\n" : "\r\n";
        int thinking = random.nextInt(4);
        for (int i = 0; i < thinking; i++) {
            event(
                    sse,
                    eol,
                    random,
                    "{\"id\":\"chatcmpl-p\",\"choices\":[{\"index\":0,\"delta\":{\"content\":null,"
                            + "\"reasoning_content\":\"" + words(random) + "\"}}]}");
        }
        int texts = 1 + random.nextInt(6);
        for (int i = 0; i < texts; i++) {
            event(
                    sse,
                    eol,
                    random,
                    "{\"id\":\"chatcmpl-p\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + words(random)
                            + "\"}}]}");
        }
        int tools = random.nextInt(3);
        for (int t = 0; t < tools; t++) {
            event(
                    sse,
                    eol,
                    random,
                    "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + t
                            + ",\"id\":\"call_" + t + "\",\"type\":\"function\",\"function\":{\"name\":\"tool_" + t
                            + "\",\"arguments\":\"\"}}]}}]}");
            int pieces = 1 + random.nextInt(3);
            for (int p = 0; p < pieces; p++) {
                event(
                        sse,
                        eol,
                        random,
                        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + t
                                + ",\"id\":\"\",\"function\":{\"arguments\":\"{\\\"k" + p + "\\\":1}\"}}]}}]}");
            }
        }
        event(
                sse,
                eol,
                random,
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + (tools > 0 ? "tool_calls" : "stop")
                        + "\"}]}");
        event(
                sse,
                eol,
                random,
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":" + random.nextInt(1000)
                        + ",\"completion_tokens\":7,\"total_tokens\":9,\"completion_tokens_details\":{\"reasoning_tokens\":2}}}");
        sse.append("data: [DONE]").append(eol).append(eol);
        return sse.toString();
    }

    private static void event(StringBuilder sse, String eol, Random random, String json) {
        if (random.nextInt(5) == 0) {
            sse.append(": keep-alive comment").append(eol);
        }
        if (random.nextInt(5) == 0) {
            sse.append("id: ").append(random.nextInt(100)).append(eol);
        }
        sse.append(random.nextBoolean() ? "data: " : "data:")
                .append(json)
                .append(eol)
                .append(eol);
    }

    private static String words(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            sb.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    /** What a decoded stream produced, comparable across splits. */
    record Decoded(List<String> events, String response, String error) {}

    static Decoded decode(byte[] bytes, int[] readSizes) {
        List<String> events = new ArrayList<>();
        ChatStreamAccumulator accumulator = new ChatStreamAccumulator(new StreamEvents() {
            @Override
            public void onText(String delta) {
                events.add("text:" + delta);
            }

            @Override
            public void onThinking(String delta) {
                events.add("thinking:" + delta);
            }

            @Override
            public void onPartialToolCall(dev.langchain4j.model.chat.response.PartialToolCall partial) {
                events.add("partial:" + partial.index() + ":" + partial.partialArguments());
            }

            @Override
            public void onCompleteToolCall(dev.langchain4j.model.chat.response.CompleteToolCall complete) {
                events.add("complete:" + complete.index() + ":" + complete.toolExecutionRequest());
            }
        });
        Response response = new Response.Builder()
                .request(new Request.Builder()
                        .url("http://127.0.0.1/v1/chat/completions")
                        .build())
                .protocol(Protocol.HTTP_1_1)
                .code(200)
                .message("OK")
                .body(ResponseBody.create(
                        Okio.buffer(new SplitSource(bytes, readSizes)),
                        MediaType.get("text/event-stream"),
                        bytes.length))
                .build();
        try {
            CLIENT.streams().read(response, StreamFormat.CHAT, accumulator::accept, () -> false);
            ChatResponse chatResponse = accumulator.build(null);
            return new Decoded(
                    events,
                    chatResponse.aiMessage() + " " + chatResponse.metadata().tokenUsage() + " "
                            + chatResponse.metadata().finishReason(),
                    null);
        } catch (LangChain4jException e) {
            return new Decoded(events, null, e.getClass().getSimpleName());
        } catch (IOException e) {
            throw new AssertionError("an in-memory body cannot fail to read", e);
        }
    }

    @RepeatedTest(200)
    void should_decode_any_split_of_a_valid_stream_the_same(RepetitionInfo repetition) {
        Random random = new Random(1_000L + repetition.getCurrentRepetition());
        byte[] bytes = validStream(random).getBytes(StandardCharsets.UTF_8);
        Decoded whole = decode(bytes, new int[] {bytes.length});
        assertThat(whole.error()).isNull();

        for (int split = 0; split < 5; split++) {
            int[] sizes = new int[bytes.length];
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = 1 + (random.nextInt(4) == 0 ? random.nextInt(64) : random.nextInt(3));
            }
            assertThat(decode(bytes, sizes))
                    .as("split %d of %s", split, new String(bytes, StandardCharsets.UTF_8))
                    .isEqualTo(whole);
        }
        assertThat(decode(bytes, oneByteReads(bytes.length))).isEqualTo(whole);
    }

    @RepeatedTest(300)
    void should_never_hang_or_throw_anything_but_a_langchain4j_exception_on_arbitrary_bytes(RepetitionInfo repetition) {
        Random random = new Random(7_000L + repetition.getCurrentRepetition());
        byte[] bytes = switch (repetition.getCurrentRepetition() % 3) {
            case 0 -> randomBytes(random);
            case 1 -> mutate(validStream(random).getBytes(StandardCharsets.UTF_8), random);
            default -> randomSse(random);
        };
        assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> decode(bytes, randomSizes(random, bytes.length)),
                () -> "input: " + new String(bytes, StandardCharsets.ISO_8859_1));
    }

    static Stream<String> hostilePayloads() {
        return Stream.of(
                "null",
                "[]",
                "1",
                "\"text\"",
                "true",
                "{}",
                "{\"choices\":null}",
                "{\"choices\":\"x\"}",
                "{\"choices\":[null]}",
                "{\"choices\":[{}]}",
                "{\"choices\":[{\"delta\":null}]}",
                "{\"choices\":[{\"delta\":{\"content\":123}}]}",
                "{\"choices\":[{\"delta\":{\"content\":{\"a\":[1]}}}]}",
                "{\"choices\":[{\"delta\":{\"content\":[\"a\",null]}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[null]}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{}]}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":-1,\"function\":{\"arguments\":\"x\"}}]}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":3,\"function\":null}]}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":\"x\"}}]}",
                "{\"usage\":{\"prompt_tokens\":\"many\"}}",
                "{\"usage\":{\"prompt_tokens\":1e99}}",
                "{\"usage\":{\"prompt_tokens_details\":null,\"completion_tokens_details\":5}}",
                "{\"error\":null}",
                "{\"error\":{}}",
                "{\"error\":\"boom\"}",
                "{\"created\":\"yesterday\"}",
                "{\"id\":123,\"model\":[]}",
                "{\"choices\":[{\"finish_reason\":17}]}",
                "{\"a\":" + "[".repeat(2000));
    }

    @ParameterizedTest
    @MethodSource("hostilePayloads")
    void should_map_every_hostile_event_to_a_result_or_a_langchain4j_exception(String payload) {
        byte[] bytes = ("data: " + payload + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);

        Decoded decoded =
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> decode(bytes, new int[] {bytes.length}));

        assertThat(decoded.response() != null || decoded.error() != null).isTrue();
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(2048)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Lines that look like SSE, with JSON-ish garbage in the data. */
    private static byte[] randomSse(Random random) {
        String[] pieces = {
            "data: ",
            "data:",
            "\n",
            "\r\n",
            "\r",
            "{",
            "}",
            "[",
            "]",
            "\"choices\"",
            ":",
            ",",
            "null",
            "\"delta\"",
            "\"content\"",
            "\"x\"",
            "[DONE]",
            "\"tool_calls\"",
            "\"index\"",
            "-1",
            "0",
            "\"usage\"",
            "\"error\"",
            "\\",
            "\"",
            "é",
            "\uD83D\uDE00",
            " "
        };
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(300);
        for (int i = 0; i < n; i++) {
            sb.append(pieces[random.nextInt(pieces.length)]);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] bytes = valid.clone();
        int mutations = 1 + random.nextInt(8);
        for (int i = 0; i < mutations && bytes.length > 0; i++) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return random.nextBoolean() ? bytes : java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
    }

    private static int[] randomSizes(Random random, int length) {
        int[] sizes = new int[Math.max(1, length)];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = 1 + random.nextInt(16);
        }
        return sizes;
    }

    private static int[] oneByteReads(int length) {
        int[] sizes = new int[Math.max(1, length)];
        java.util.Arrays.fill(sizes, 1);
        return sizes;
    }

    /** Hands out the bytes in reads of the given sizes, as a network would. */
    static final class SplitSource implements Source {

        private final byte[] bytes;
        private final int[] sizes;
        private int position;
        private int read;

        SplitSource(byte[] bytes, int[] sizes) {
            this.bytes = bytes;
            this.sizes = sizes;
        }

        @Override
        public long read(Buffer sink, long byteCount) {
            if (position >= bytes.length) {
                return -1;
            }
            int size = (int) Math.min(Math.min(byteCount, sizes[read++ % sizes.length]), bytes.length - position);
            sink.write(bytes, position, size);
            position += size;
            return size;
        }

        @Override
        public Timeout timeout() {
            return Timeout.NONE;
        }

        @Override
        public void close() {}
    }
}
