package io.github.qwenlangchain4j.internal.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The {@code User-Agent} every request carries, {@code qwen-langchain4j/<version>}, with the version the build wrote
 * into {@code version.properties}, so that it never goes stale; {@code qwen-langchain4j/unknown} if the file is
 * missing (a repackaged jar that dropped it).
 */
final class UserAgent {

    static final String VALUE = "qwen-langchain4j/" + version();

    private UserAgent() {}

    private static String version() {
        try (InputStream in = UserAgent.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown").strip();
            return version.isEmpty() || version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
