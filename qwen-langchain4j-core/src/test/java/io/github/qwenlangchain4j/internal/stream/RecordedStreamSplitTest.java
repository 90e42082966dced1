package io.github.qwenlangchain4j.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.qwenlangchain4j.Fixtures;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.client.SseReader;
import io.github.qwenlangchain4j.internal.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;

/**
 * A recorded stream, delivered to the reader in two network reads split at every byte position, decodes to the
 * same response each time: the whole pipeline (SSE reader, chunk parsing, accumulation), not only the reader.
 */
class RecordedStreamSplitTest {

    @Test
    void should_decode_the_same_response_whatever_byte_the_stream_is_split_at() throws IOException {
        for (String fixture : new String[] {"stream/thinking.sse.jsonl", "stream/tool_calls_parallel.sse.jsonl"}) {
            byte[] bytes = Fixtures.sseFromJsonLines(fixture).getBytes(StandardCharsets.UTF_8);
            ChatResponse expected = decode(bytes, bytes.length);
            assertThat(expected.aiMessage().text() + expected.aiMessage().toolExecutionRequests())
                    .isNotBlank();
            for (int split = 1; split < bytes.length; split++) {
                assertThat(decode(bytes, split))
                        .as("%s split at byte %d", fixture, split)
                        .isEqualTo(expected);
            }
        }
    }

    private static ChatResponse decode(byte[] bytes, int split) throws IOException {
        ChatStreamAccumulator accumulator = new ChatStreamAccumulator(StreamEvents.NONE);
        SseReader reader = new SseReader(twoReads(bytes, split));
        Buffer data;
        while ((data = reader.nextEvent()) != null
                && !"[DONE]".equals(data.snapshot().utf8())) {
            accumulator.accept(Json.MAPPER.readValue(data.inputStream(), ChatCompletionResponse.class));
        }
        return accumulator.build("req");
    }

    /** A source that returns the first {@code split} bytes on one read and the rest on the next. */
    private static BufferedSource twoReads(byte[] bytes, int split) {
        Buffer first = new Buffer().write(bytes, 0, split);
        Buffer second = new Buffer().write(bytes, split, bytes.length - split);
        return Okio.buffer(new Source() {
            @Override
            public long read(Buffer sink, long byteCount) {
                Buffer next = first.size() > 0 ? first : second;
                if (next.size() == 0) {
                    return -1;
                }
                long n = Math.min(byteCount, next.size());
                sink.write(next, n);
                return n;
            }

            @Override
            public Timeout timeout() {
                return Timeout.NONE;
            }

            @Override
            public void close() {}
        });
    }
}
