package io.github.qwenlangchain4j.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    /** Returns the bytes in pieces: up to each cut, then up to the next, then the rest; at most maxRead at a time. */
    static final class PiecewiseSource implements Source {

        private final byte[] bytes;
        private final int[] cuts;
        private final int maxRead;
        private int position;
        private int nextCut;

        PiecewiseSource(byte[] bytes, int maxRead, int... cuts) {
            this.bytes = bytes;
            this.cuts = cuts;
            this.maxRead = maxRead;
        }

        @Override
        public long read(Buffer sink, long byteCount) {
            if (position >= bytes.length) {
                return -1;
            }
            while (nextCut < cuts.length && cuts[nextCut] <= position) {
                nextCut++;
            }
            int end = nextCut < cuts.length ? cuts[nextCut] : bytes.length;
            int count = (int) Math.min(Math.min(byteCount, maxRead), end - position);
            sink.write(bytes, position, count);
            position += count;
            return count;
        }

        @Override
        public Timeout timeout() {
            return Timeout.NONE;
        }

        @Override
        public void close() {}
    }

    static final String STREAM = ": keep-alive comment\r\n"
            + "id: 1\r\n"
            + "event: result\r\n"
            + "retry: 3000\r\n"
            + "data: {\"content\":\"你好，世界\"}\r\n"
            + "\r\n"
            + "data:{\"content\":\"no space\"}\n"
            + "\n"
            + "data: line one\n"
            + "data: line two 😀\n"
            + "data:\n"
            + "\n"
            + "\n"
            + ":only a comment\n"
            + "\n"
            + "data: [DONE]\n"
            + "\n";

    static final List<String> EXPECTED =
            List.of("{\"content\":\"你好，世界\"}", "{\"content\":\"no space\"}", "line one\nline two 😀\n", "[DONE]");

    static List<String> readAll(BufferedSource source) throws IOException {
        SseReader reader = new SseReader(source);
        List<String> events = new ArrayList<>();
        String event;
        while ((event = next(reader)) != null) {
            events.add(event);
        }
        return events;
    }

    static List<String> readAll(String text) throws IOException {
        return readAll(new Buffer().writeUtf8(text));
    }

    @Test
    void should_decode_a_whole_stream_read_at_once() throws IOException {
        assertThat(readAll(STREAM)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void should_decode_the_same_events_whatever_the_split_point() throws IOException {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        // the split points include the inside of every multi-byte character and between every "\r" and "\n"
        assertThat(bytes.length).isGreaterThan(STREAM.length());
        for (int cut = 1; cut < bytes.length; cut++) {
            BufferedSource source = Okio.buffer(new PiecewiseSource(bytes, Integer.MAX_VALUE, cut));
            assertThat(readAll(source)).as("split at byte %d", cut).containsExactlyElementsOf(EXPECTED);
        }
    }

    @Test
    void should_decode_the_same_events_from_every_pair_of_split_points_around_the_chinese_text() throws IOException {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        int start = STREAM.substring(0, STREAM.indexOf('你')).getBytes(StandardCharsets.UTF_8).length;
        int end = start + "你好，世界".getBytes(StandardCharsets.UTF_8).length;
        for (int a = start - 1; a <= end; a++) {
            for (int b = a + 1; b <= end + 1; b++) {
                BufferedSource source = Okio.buffer(new PiecewiseSource(bytes, Integer.MAX_VALUE, a, b));
                assertThat(readAll(source)).as("split at %d and %d", a, b).containsExactlyElementsOf(EXPECTED);
            }
        }
    }

    @Test
    void should_decode_the_same_events_one_byte_at_a_time() throws IOException {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        assertThat(readAll(Okio.buffer(new PiecewiseSource(bytes, 1)))).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void should_join_several_data_lines_with_a_newline() throws IOException {
        assertThat(readAll("data: a\ndata: b\ndata: c\n\n")).containsExactly("a\nb\nc");
    }

    @Test
    void should_strip_only_one_leading_space_after_the_colon() throws IOException {
        assertThat(readAll("data:  two spaces\n\n")).containsExactly(" two spaces");
    }

    @Test
    void should_ignore_comments_and_event_id_and_retry_fields() throws IOException {
        assertThat(readAll(": comment\nevent: message\nid: 42\nretry: 10\ndata: x\nid: 43\n\n"))
                .containsExactly("x");
    }

    @Test
    void should_skip_events_without_data() throws IOException {
        assertThat(readAll("event: ping\n\n: comment\n\ndata: y\n\n")).containsExactly("y");
    }

    @Test
    void should_return_a_last_event_without_its_trailing_blank_line() throws IOException {
        assertThat(readAll("data: first\n\ndata: last")).containsExactly("first", "last");
        assertThat(readAll("data: first\n\ndata: last\n")).containsExactly("first", "last");
    }

    @Test
    void should_return_null_for_an_empty_stream() throws IOException {
        assertThat(next(new SseReader(new Buffer()))).isNull();
        assertThat(readAll("")).isEmpty();
        assertThat(readAll("\n\n: just a comment\n\n")).isEmpty();
    }

    @Test
    void should_keep_returning_null_after_the_end() throws IOException {
        SseReader reader = new SseReader(new Buffer().writeUtf8("data: only\n\n"));
        assertThat(next(reader)).isEqualTo("only");
        assertThat(next(reader)).isNull();
        assertThat(next(reader)).isNull();
    }

    @Test
    void should_return_each_event_as_soon_as_its_blank_line_arrives() throws IOException {
        Buffer buffer = new Buffer().writeUtf8("data: one\n\n");
        SseReader reader = new SseReader(buffer);
        assertThat(next(reader)).isEqualTo("one");
        buffer.writeUtf8("data: two\n\n");
        assertThat(next(reader)).isEqualTo("two");
    }

    @Test
    void should_refuse_a_line_longer_than_the_limit_instead_of_buffering_it_forever() throws IOException {
        SseReader reader = new SseReader(new Buffer().writeUtf8("data: " + "x".repeat(100)), 64);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.nextEvent())
                .isInstanceOf(dev.langchain4j.exception.LangChain4jException.class)
                .isNotInstanceOf(dev.langchain4j.exception.RetriableException.class)
                .hasMessageContaining("longer than 64 bytes");
        assertThat(next(new SseReader(new Buffer().writeUtf8("data: " + "y".repeat(50) + "\n\n"), 64)))
                .isEqualTo("y".repeat(50));
    }

    /** The next event's data decoded as UTF-8, or null at the end. */
    private static String next(SseReader reader) throws java.io.IOException {
        Buffer data = reader.nextEvent();
        return data == null ? null : data.readUtf8();
    }
}
