package io.github.qwenlangchain4j.benchmarks;

/**
 * A bare streaming client of {@link RawStreamClient}, which checks {@link StreamServer} alone: it sends one request
 * without waiting and reports the stream's first bytes, and its end, to a {@link ClientRun}.
 */
interface RawStreams extends AutoCloseable {

    /** Starts stream number {@code stream}: POSTs {@code body} to the chat completions URL. */
    void start(int stream, byte[] body, ClientRun run);

    @Override
    void close() throws Exception;

    /** Whether the bytes seen so far end the stream as Qwen does. */
    static boolean endsWithDone(String text) {
        return text.contains("data: [DONE]");
    }
}
