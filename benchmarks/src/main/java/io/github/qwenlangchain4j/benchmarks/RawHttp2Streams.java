package io.github.qwenlangchain4j.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.DataFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTP/2 streams over TLS on Jetty's low-level client: {@code sessions} connections (ALPN h2, the JDK's default trust
 * store, so {@code javax.net.ssl.trustStore}), each stream on connection {@code stream % sessions}, so that none
 * carries more streams than the server allows when there are enough sessions. Each stream is a HEADERS frame and one
 * DATA frame; its DATA is read as it arrives, and it ends when the server ends it (a success if {@code data: [DONE]}
 * came with status 200) or resets it.
 */
final class RawHttp2Streams implements RawStreams {

    private final HTTP2Client client = new HTTP2Client();
    private final List<Session> sessions = new ArrayList<>();
    private final HttpURI uri;

    RawHttp2Streams(URI chatCompletions, int sessions) throws Exception {
        uri = HttpURI.from(chatCompletions);
        client.start();
        SslContextFactory.Client tls = new SslContextFactory.Client();
        client.addBean(tls);
        tls.start();
        InetSocketAddress address = new InetSocketAddress(chatCompletions.getHost(), chatCompletions.getPort());
        for (int i = 0; i < sessions; i++) {
            this.sessions.add(
                    client.connect(tls, address, new Session.Listener() {}).get());
        }
    }

    @Override
    public void start(int stream, byte[] body, ClientRun run) {
        HttpFields headers = HttpFields.build()
                .put(HttpHeader.CONTENT_TYPE, "application/json")
                .put(HttpHeader.AUTHORIZATION, "Bearer " + Benchmarks.KEY);
        MetaData.Request request = new MetaData.Request("POST", uri, HttpVersion.HTTP_2, headers, body.length);
        sessions.get(stream % sessions.size())
                .newStream(new HeadersFrame(request, null, false), new Reader(stream, run))
                .thenCompose(created -> created.data(new DataFrame(created.getId(), ByteBuffer.wrap(body), true)))
                .whenComplete((created, failure) -> {
                    if (failure != null) {
                        run.failed(stream, failure);
                    }
                });
    }

    /** Reads one stream's response and reports it once. */
    private static final class Reader implements Stream.Listener {

        private final int stream;
        private final ClientRun run;
        private final AtomicBoolean ended = new AtomicBoolean();
        private int status;
        private String tail = "";
        private boolean done;

        Reader(int stream, ClientRun run) {
            this.stream = stream;
            this.run = run;
        }

        @Override
        public void onHeaders(Stream h2Stream, HeadersFrame frame) {
            status = ((MetaData.Response) frame.getMetaData()).getStatus();
            h2Stream.demand();
        }

        @Override
        public void onDataAvailable(Stream h2Stream) {
            for (Stream.Data data; (data = h2Stream.readData()) != null; ) {
                run.token(stream);
                String text = tail + StandardCharsets.UTF_8.decode(data.frame().getByteBuffer());
                done |= RawStreams.endsWithDone(text);
                tail = text.substring(Math.max(0, text.length() - 16));
                boolean last = data.frame().isEndStream();
                data.release();
                if (last) {
                    end(
                            status == 200 && done
                                    ? null
                                    : new IOException("status " + status + (done ? "" : ", no data: [DONE]")));
                    return;
                }
            }
            h2Stream.demand();
        }

        @Override
        public void onReset(Stream h2Stream, ResetFrame frame, Callback callback) {
            end(new IOException("stream reset: " + ErrorCode.from(frame.getError())));
            callback.succeeded();
        }

        @Override
        public void onFailure(Stream h2Stream, int error, String reason, Throwable failure, Callback callback) {
            end(new IOException("stream failed: " + ErrorCode.from(error) + " " + reason, failure));
            callback.succeeded();
        }

        private void end(IOException failure) {
            if (ended.compareAndSet(false, true)) {
                if (failure == null) {
                    run.completed(stream);
                } else {
                    run.failed(stream, failure);
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
