package io.github.qwenlangchain4j.internal.client;

/** Removes the API key from text that leaves the library: log lines and server messages put into exceptions. */
final class Redactor {

    static final String MASK = "***";

    private final String apiKey;

    Redactor(String apiKey) {
        this.apiKey = apiKey;
    }

    String scrub(String text) {
        if (text == null || apiKey == null || apiKey.isEmpty() || !text.contains(apiKey)) {
            return text;
        }
        return text.replace(apiKey, MASK);
    }

    /** How a header value is shown in logs: credentials never, everything else scrubbed of the key. */
    String header(String name, String value) {
        if ("Authorization".equalsIgnoreCase(name)
                || "Proxy-Authorization".equalsIgnoreCase(name)
                || "X-DashScope-ApiKey".equalsIgnoreCase(name)
                || "api-key".equalsIgnoreCase(name)) {
            int space = value.indexOf(' ');
            return space > 0 ? value.substring(0, space + 1) + MASK : MASK;
        }
        return scrub(value);
    }
}
