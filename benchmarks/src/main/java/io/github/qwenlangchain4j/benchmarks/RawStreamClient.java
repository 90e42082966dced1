package io.github.qwenlangchain4j.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Child JVM of {@link ConcurrentStreamsBenchmark} that checks the server, not a library: N streams at once from a
 * bare client ({@link RawHttp1Streams} on plain NIO, or {@link RawHttp2Streams} on Jetty's low-level HTTP/2 client
 * with one connection per {@value StreamServer#MAX_STREAMS_PER_CONNECTION} streams, so that the server's
 * per-connection limit is never what it measures). If the server keeps up, the last stream ends one stream's length
 * after the first started. A stream counts as completed when it answered 200 and ended with {@code data: [DONE]}; its
 * first bytes are its "first token". Warms up first as the library clients do, with streams the server answers at
 * once (on HTTP/2 one per connection, so that every connection is set up before the measured streams).
 *
 * <p>Arguments: {@code transport baseUrl streams timeoutSeconds}, transport {@code h1} or {@code h2}.
 */
public final class RawStreamClient {

    private static final String BODY =
            "{\"model\":\"%s\",\"stream\":true,\"messages\":[{\"role\":\"user\"," + "\"content\":\"Who are you?\"}]}";

    private RawStreamClient() {}

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[1] + "/chat/completions");
        int streams = Integer.parseInt(args[2]);
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[3]));
        int connections =
                (streams + StreamServer.MAX_STREAMS_PER_CONNECTION - 1) / StreamServer.MAX_STREAMS_PER_CONNECTION;
        try (RawStreams client = switch (args[0]) {
            case "h1" -> new RawHttp1Streams(url);
            case "h2" -> new RawHttp2Streams(url, connections);
            default -> throw new IllegalArgumentException("the raw client speaks h1 or h2, not " + args[0]);
        }) {
            byte[] warmup = body(StreamServer.WARMUP_MODEL);
            for (int round = 0; round < StreamClient.WARMUP_ROUNDS; round++) {
                int count = Math.max(StreamClient.WARMUP_STREAMS, args[0].equals("h2") ? connections : 0);
                ClientRun warm = new ClientRun(count);
                for (int i = 0; i < count; i++) {
                    client.start(i, warmup, warm);
                }
                if (!warm.awaitEnd(Duration.ofMinutes(1))) {
                    throw new IllegalStateException("the warm-up streams did not end");
                }
            }
            Thread.sleep(StreamClient.WARMUP_PAUSE_MILLIS);

            byte[] body = body("qwen-plus");
            ClientRun run = new ClientRun(streams);
            run.beforeStart();
            for (int i = 0; i < streams; i++) {
                run.started(i);
                client.start(i, body, run);
            }
            run.allStarted();
            run.awaitEnd(timeout);
            System.out.println(run.result(true).toLine());
        }
    }

    private static byte[] body(String model) {
        return BODY.formatted(model).getBytes(StandardCharsets.UTF_8);
    }
}
