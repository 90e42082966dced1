package io.github.qwenlangchain4j.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare HTTP/1.1 server on a JDK {@link ServerSocket}, for faults WireMock cannot script: a reset in the middle of
 * a body, a stream that stalls after its first event, data generated on the fly (a 20 MB stream). Each connection
 * serves one request, then closes. Requests are counted server-side; open sockets are tracked.
 */
final class RawHttpServer implements AutoCloseable {

    /** Writes the response for one request; may sleep, stop half-way or reset the socket. */
    interface Handler {
        void handle(Request request, Socket socket, OutputStream out) throws Exception;
    }

    record Request(String requestLine, String headers, byte[] body) {
        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private final ServerSocket serverSocket;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "raw-http-server");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger openSockets = new AtomicInteger();
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private volatile Handler handler;

    RawHttpServer(Handler handler) throws IOException {
        this(handler, InetAddress.getLoopbackAddress());
    }

    RawHttpServer(Handler handler, InetAddress bindAddress) throws IOException {
        this.handler = handler;
        this.serverSocket = new ServerSocket(0, 50, bindAddress);
        executor.execute(this::acceptLoop);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    int requestCount() {
        return requests.get();
    }

    int openSockets() {
        return openSockets.get();
    }

    List<Request> received() {
        return received;
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                openSockets.incrementAndGet();
                executor.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            Request request = readRequest(in);
            if (request == null) {
                return;
            }
            requests.incrementAndGet();
            received.add(request);
            OutputStream out = socket.getOutputStream();
            handler.handle(request, socket, out);
            out.flush();
        } catch (Exception e) {
            // the client went away or the handler reset the socket on purpose
        } finally {
            openSockets.decrementAndGet();
        }
    }

    private static Request readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        if (matched < 4) {
            return null;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int firstLineEnd = text.indexOf("\r\n");
        Request partial = new Request(text.substring(0, firstLineEnd), text.substring(firstLineEnd + 2), new byte[0]);
        String length = partial.header("Content-Length");
        byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
        return new Request(partial.requestLine(), partial.headers(), body);
    }

    /** Writes a status line and headers; {@code contentLength} < 0 means "until the connection closes". */
    static void writeHead(OutputStream out, int status, String contentType, long contentLength) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ")
                .append(status)
                .append(status == 200 ? " OK" : " Error")
                .append("\r\nContent-Type: ")
                .append(contentType)
                .append("\r\nx-request-id: raw-req-1\r\nConnection: close\r\n");
        if (contentLength >= 0) {
            head.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends a TCP reset instead of an orderly close. */
    static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    static boolean isStreaming(Request request) {
        return new String(request.body(), StandardCharsets.UTF_8)
                .toLowerCase(Locale.ROOT)
                .contains("\"stream\":true");
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
