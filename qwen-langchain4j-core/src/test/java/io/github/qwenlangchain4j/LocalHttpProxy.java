package io.github.qwenlangchain4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real forwarding HTTP proxy on a loopback port, as corporate proxies behave (RFC 9110/9112): plain-HTTP requests
 * in absolute form are forwarded with the hop-by-hop {@code Proxy-Authorization} header removed, {@code CONNECT}
 * opens a byte tunnel (HTTPS passes through encrypted). With credentials it answers {@code 407} and
 * {@code Proxy-Authenticate: Basic} until the request carries them. It records every request head it received and
 * the bytes the client sent into tunnels, for the tests to check what a proxy operator could log.
 */
final class LocalHttpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String expectedCredentials;
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream tunnelled = new ByteArrayOutputStream();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** A proxy that requires Basic {@code username:password}, or none when {@code username} is null. */
    LocalHttpProxy(String username, String password) throws IOException {
        this.expectedCredentials = username == null
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString((username + ":" + password).getBytes(StandardCharsets.ISO_8859_1));
        this.server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "test proxy acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    Proxy proxy() {
        return new Proxy(Proxy.Type.HTTP, new InetSocketAddress(server.getInetAddress(), server.getLocalPort()));
    }

    /** The request line and headers of every request the proxy received, in order. */
    List<String> heads() {
        return new ArrayList<>(heads);
    }

    /** Everything clients sent through CONNECT tunnels (after the CONNECT head), as text. */
    String tunnelledBytes() {
        synchronized (tunnelled) {
            return tunnelled.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread handler = new Thread(() -> handle(client), "test proxy connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                heads.add(head);
                String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
                byte[] body = in.readNBytes(contentLength(head));
                if (expectedCredentials != null && !expectedCredentials.equals(header(head, "Proxy-Authorization"))) {
                    out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\""
                                    + "\r\nContent-Length: 0\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    continue; // the client retries on this connection with credentials
                }
                if (requestLine[0].equals("CONNECT")) {
                    tunnel(requestLine[1], in, out);
                } else {
                    forward(requestLine, head, body, out);
                }
                return;
            }
        } catch (IOException e) {
            // the client or the target hung up: nothing to report
        }
    }

    private void tunnel(String authority, InputStream in, OutputStream out) throws IOException {
        int colon = authority.lastIndexOf(':');
        String host = authority.substring(0, colon);
        try (Socket target = new Socket(host, Integer.parseInt(authority.substring(colon + 1)))) {
            sockets.add(target);
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread upstream = new Thread(() -> copy(in, outputOf(target), true), "test proxy tunnel");
            upstream.setDaemon(true);
            upstream.start();
            copy(target.getInputStream(), out, false);
        }
    }

    private void forward(String[] requestLine, String head, byte[] body, OutputStream out) throws IOException {
        URI uri = URI.create(requestLine[1]);
        StringBuilder forwarded = new StringBuilder(requestLine[0] + " " + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n");
        for (String line : head.substring(head.indexOf("\r\n") + 2).split("\r\n")) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (colon > 0
                    && !name.equals("proxy-authorization")
                    && !name.equals("proxy-connection")
                    && !name.equals("connection")) {
                forwarded.append(line).append("\r\n");
            }
        }
        forwarded.append("Connection: close\r\n\r\n");
        try (Socket target = new Socket(uri.getHost(), uri.getPort())) {
            sockets.add(target);
            OutputStream targetOut = target.getOutputStream();
            targetOut.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
            targetOut.write(body);
            targetOut.flush();
            copy(target.getInputStream(), out, false); // the target closes after its answer
        }
    }

    private void copy(InputStream from, OutputStream to, boolean record) {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = from.read(buffer)) > 0; ) {
                if (record) {
                    synchronized (tunnelled) {
                        tunnelled.write(buffer, 0, n);
                    }
                }
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // one side closed
        }
    }

    private static OutputStream outputOf(Socket socket) {
        try {
            return socket.getOutputStream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The request head up to the blank line, or null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; (b = in.read()) != -1; ) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        String value = header(head, "Content-Length");
        return value == null ? 0 : Integer.parseInt(value);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
