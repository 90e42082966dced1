package io.github.qwenlangchain4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate for {@link StreamServer}'s TLS connector, made with the JDK's {@code keytool} when the
 * benchmark starts: a key store for the server, and a trust store holding only that certificate, which the client
 * JVMs get through {@code javax.net.ssl.trustStore} (OkHttp and the JDK's HttpClient both use the JDK's default
 * trust manager, which reads it). Nothing is trusted that was not made here, and both files are deleted on close.
 * The certificate names {@code 127.0.0.1} (and {@code localhost}) so that hostname verification stays on.
 */
final class SelfSignedTls implements AutoCloseable {

    private static final String PASSWORD = "bench-password";

    private final Path directory;
    private final Path keyStore;
    private final Path trustStore;

    SelfSignedTls() throws IOException, InterruptedException {
        directory = Files.createTempDirectory("qwen-bench-tls");
        keyStore = directory.resolve("server.p12");
        trustStore = directory.resolve("trust.p12");
        Path certificate = directory.resolve("server.cer");
        keytool(
                "-genkeypair",
                "-alias",
                "bench",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD);
        keytool(
                "-exportcert",
                "-alias",
                "bench",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                certificate.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "bench",
                "-file",
                certificate.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                trustStore.toString(),
                "-storepass",
                PASSWORD);
    }

    Path keyStore() {
        return keyStore;
    }

    String password() {
        return PASSWORD;
    }

    /** The options that make a client JVM trust the server's certificate. */
    List<String> clientJvmOptions() {
        return List.of(
                "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool " + arguments[0] + " failed: " + output.strip());
        }
    }

    @Override
    public void close() throws IOException {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }
}
