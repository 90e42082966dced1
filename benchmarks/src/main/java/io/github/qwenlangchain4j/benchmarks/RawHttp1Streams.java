package io.github.qwenlangchain4j.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * HTTP/1.1 streams on plain NIO, one connection each, all served by one selector thread: the cheapest client there
 * is, so that {@link RawStreamClient} measures the server. It writes the request when the connection is up, notes
 * the first bytes of the response, and ends the stream when {@code data: [DONE]} arrives (200) or the connection
 * closes (a failure).
 */
final class RawHttp1Streams implements RawStreams {

    private final InetSocketAddress address;
    private final String path;
    private final Selector selector = Selector.open();
    private final Queue<Connection> connecting = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final Thread loop = new Thread(this::loop, "raw-http1-selector");
    private volatile boolean closed;

    /** One stream's connection and what it has seen. */
    private static final class Connection {
        final int stream;
        final ClientRun run;
        final SocketChannel channel;
        final ByteBuffer request;
        String tail = "";
        boolean answered;

        Connection(int stream, ClientRun run, SocketChannel channel, ByteBuffer request) {
            this.stream = stream;
            this.run = run;
            this.channel = channel;
            this.request = request;
        }
    }

    RawHttp1Streams(URI chatCompletions) throws IOException {
        address = new InetSocketAddress(chatCompletions.getHost(), chatCompletions.getPort());
        path = chatCompletions.getRawPath();
        loop.setDaemon(true);
        loop.start();
    }

    @Override
    public void start(int stream, byte[] body, ClientRun run) {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
                        + "\r\nAuthorization: Bearer " + Benchmarks.KEY + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.connect(address);
            connecting.add(new Connection(
                    stream,
                    run,
                    channel,
                    ByteBuffer.allocate(head.length + body.length)
                            .put(head)
                            .put(body)
                            .flip()));
            selector.wakeup();
        } catch (IOException e) {
            run.failed(stream, e);
        }
    }

    private void loop() {
        while (!closed) {
            try {
                selector.select();
                for (Connection connection; (connection = connecting.poll()) != null; ) {
                    connection.channel.register(selector, SelectionKey.OP_CONNECT, connection);
                }
                for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Connection connection = (Connection) key.attachment();
                    try {
                        handle(key, connection);
                    } catch (IOException e) {
                        end(key, connection, e);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void handle(SelectionKey key, Connection connection) throws IOException {
        if (key.isConnectable() && connection.channel.finishConnect()) {
            key.interestOps(SelectionKey.OP_WRITE);
        }
        if (key.isValid() && key.isWritable()) {
            connection.channel.write(connection.request);
            if (!connection.request.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }
        if (key.isValid() && key.isReadable()) {
            buffer.clear();
            if (connection.channel.read(buffer) < 0) {
                end(key, connection, new IOException("connection closed before data: [DONE]"));
                return;
            }
            String text = connection.tail + new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            if (!connection.answered) {
                connection.answered = true;
                connection.run.token(connection.stream);
                if (!text.startsWith("HTTP/1.1 200")) {
                    end(
                            key,
                            connection,
                            new IOException(
                                    "answered " + text.lines().findFirst().orElse("")));
                    return;
                }
            }
            if (RawStreams.endsWithDone(text)) {
                end(key, connection, null);
                return;
            }
            connection.tail = text.substring(Math.max(0, text.length() - 16));
        }
    }

    private static void end(SelectionKey key, Connection connection, IOException failure) {
        key.cancel();
        try {
            connection.channel.close();
        } catch (IOException e) {
            // the stream has ended either way
        }
        if (failure == null) {
            connection.run.completed(connection.stream);
        } else {
            connection.run.failed(connection.stream, failure);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        selector.wakeup();
        try {
            loop.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        selector.close();
    }
}
