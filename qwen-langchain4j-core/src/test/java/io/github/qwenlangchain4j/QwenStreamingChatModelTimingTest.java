package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Partial responses reach the handler while the stream is still open: the server below sends one event and then
 * waits until the test has seen it, so a client that buffered the stream would never get there.
 */
class QwenStreamingChatModelTimingTest {

    @Test
    void should_deliver_each_partial_before_the_rest_of_the_stream_is_sent() throws Exception {
        CountDownLatch firstPartialSeen = new CountDownLatch(1);
        try (ServerSocket serverSocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> serveOneStream(serverSocket, firstPartialSeen));
            server.setDaemon(true);
            server.start();

            RecordingHandler handler = new RecordingHandler();
            handler.onText = (text, context) -> firstPartialSeen.countDown();
            QwenStreamingChatModel.builder()
                    .apiKey("sk-test")
                    .baseUrl("http://127.0.0.1:" + serverSocket.getLocalPort())
                    .build()
                    .chat("hi", handler);

            assertThat(handler.awaitResponse().aiMessage().text()).isEqualTo("Hello, world");
            assertThat(handler.texts).containsExactly("Hello", ", world");
            server.join(5000);
        }
    }

    private static void serveOneStream(ServerSocket serverSocket, CountDownLatch firstPartialSeen) {
        try (Socket socket = serverSocket.accept()) {
            readRequest(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            write(
                    out,
                    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
                            + "Connection: close\r\n\r\n");
            writeChunk(
                    out,
                    "data: {\"id\":\"chatcmpl-t\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}\n\n");
            if (!firstPartialSeen.await(5, TimeUnit.SECONDS)) {
                return; // the client buffered: the test fails on the missing response
            }
            writeChunk(
                    out,
                    "data: {\"id\":\"chatcmpl-t\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\", world\"},"
                            + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
            write(out, "0\r\n\r\n");
        } catch (IOException | InterruptedException e) {
            // the test reports what the client saw
        }
    }

    /** Reads the request head and its Content-Length body so the client sees its request fully consumed. */
    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.append((char) b);
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
    }

    private static void writeChunk(OutputStream out, String data) throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        write(out, Integer.toHexString(bytes.length) + "\r\n");
        out.write(bytes);
        write(out, "\r\n");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
