package io.github.qwenlangchain4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Files and Batch endpoints of compatible mode, just enough for {@code submit} at scale: {@code POST /v1/files}
 * reads the multipart upload as it arrives (never holding it: it counts the JSONL lines and bytes of the part
 * {@code file}, keeps the longest line's length and the first and last line) and refuses a file over Qwen's limits
 * (50,000 lines, 500 MB, 6 MB per line) with a 400; {@code POST /v1/batches} answers a validating batch. Runs in the
 * benchmark's own JVM, so that the client measured in a child JVM carries only its own heap. Records every upload.
 */
final class BatchUploadServer implements AutoCloseable {

    static final int MAX_LINES = 50_000;
    static final long MAX_BYTES = 500L * 1024 * 1024;
    static final long MAX_LINE_BYTES = 6L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

    /** One upload as the server saw it; {@code receiveSeconds} is from the request's arrival to its last byte. */
    record Upload(
            String filename,
            long bytes,
            int lines,
            long longestLine,
            String firstCustomId,
            String lastCustomId,
            double receiveSeconds,
            boolean refused) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "bench-batch-server");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private final AtomicInteger batches = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();

    BatchUploadServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/v1/files", exchange -> {
            try (exchange) {
                upload(exchange);
            }
        });
        server.createContext("/v1/batches", exchange -> {
            try (exchange) {
                JsonNode request = JSON.readTree(exchange.getRequestBody());
                ObjectNode batch = JSON.createObjectNode()
                        .put("id", "batch_" + ids.incrementAndGet())
                        .put("object", "batch")
                        .put("endpoint", request.path("endpoint").asText())
                        .put("input_file_id", request.path("input_file_id").asText())
                        .put(
                                "completion_window",
                                request.path("completion_window").asText())
                        .put("status", "validating")
                        .put("created_at", System.currentTimeMillis() / 1000);
                batch.putObject("request_counts")
                        .put("total", 0)
                        .put("completed", 0)
                        .put("failed", 0);
                batches.incrementAndGet();
                send(exchange, 200, batch.toString());
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    List<Upload> uploads() {
        return List.copyOf(uploads);
    }

    int batches() {
        return batches.get();
    }

    void reset() {
        uploads.clear();
        batches.set(0);
    }

    private void upload(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Matcher boundary = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (!boundary.find()) {
            send(exchange, 400, error("Uploads must be multipart/form-data."));
            return;
        }
        FileCounter counter = new FileCounter(("--" + boundary.group(1)).getBytes(StandardCharsets.ISO_8859_1));
        counter.read(exchange.getRequestBody());
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean refused = counter.lines > MAX_LINES || counter.bytes > MAX_BYTES || counter.longest > MAX_LINE_BYTES;
        uploads.add(new Upload(
                counter.filename,
                counter.bytes,
                counter.lines,
                counter.longest,
                customId(counter.first),
                customId(counter.last),
                seconds,
                refused));
        if (refused) {
            send(
                    exchange,
                    400,
                    error("The file exceeds Qwen's limits: " + counter.lines + " lines, " + counter.bytes
                            + " bytes, longest line " + counter.longest + " bytes."));
            return;
        }
        send(
                exchange,
                200,
                JSON.createObjectNode()
                        .put("id", "file-batch-" + ids.incrementAndGet())
                        .put("object", "file")
                        .put("bytes", counter.bytes)
                        .put("created_at", System.currentTimeMillis() / 1000)
                        .put("filename", counter.filename)
                        .put("purpose", "batch")
                        .put("status", "processed")
                        .toString());
    }

    private static String customId(byte[] line) {
        if (line == null) {
            return null;
        }
        try {
            return JSON.readTree(line).path("custom_id").asText(null);
        } catch (IOException e) {
            return "<not JSON>";
        }
    }

    private static String error(String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", "invalid_parameter_error").put("message", message);
        return body.toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("x-request-id", "bench-batch");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Reads a multipart body line by line with a fixed buffer: the part headers, then the lines of the part
     * {@code file} (each JSONL line ends with {@code \n}; the part ends with {@code \r\n--boundary}).
     */
    private static final class FileCounter {

        private final byte[] delimiter;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private boolean inFile;
        private boolean inHeaders;
        String filename;
        long bytes;
        int lines;
        long longest;
        byte[] first;
        byte[] last;
        private long lineLength;

        FileCounter(byte[] delimiter) {
            this.delimiter = delimiter;
        }

        void read(InputStream in) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        append(buffer, start, i + 1 - start);
                        endLine();
                        start = i + 1;
                    }
                }
                append(buffer, start, n - start);
            }
        }

        /** Keeps a line's bytes only while it may be a header, a delimiter or the first or last content line. */
        private void append(byte[] buffer, int offset, int length) {
            lineLength += length;
            if (line.size() < 8 * 1024 || !inFile) {
                line.write(buffer, offset, length);
            }
        }

        private void endLine() {
            byte[] text = line.size() <= 8 * 1024 || !inFile ? line.toByteArray() : null;
            long length = lineLength;
            line.reset();
            lineLength = 0;
            if (text != null && startsWith(text, delimiter)) {
                inHeaders = true;
                inFile = false;
                return;
            }
            if (inHeaders) {
                String header = new String(text, StandardCharsets.UTF_8);
                if (header.equals("\r\n")) {
                    inHeaders = false;
                } else if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-disposition")
                        && header.contains("name=\"file\"")) {
                    inFile = true;
                    Matcher name = Pattern.compile("filename=\"([^\"]*)\"").matcher(header);
                    filename = name.find() ? name.group(1) : "file";
                }
                return;
            }
            if (!inFile) {
                return;
            }
            if (length == 2 && text != null && text[0] == '\r') {
                return; // the CRLF that precedes the closing delimiter
            }
            bytes += length;
            lines++;
            longest = Math.max(longest, length);
            if (first == null) {
                first = text;
            }
            last = text;
        }

        private static boolean startsWith(byte[] text, byte[] prefix) {
            if (text.length < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (text[i] != prefix[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
