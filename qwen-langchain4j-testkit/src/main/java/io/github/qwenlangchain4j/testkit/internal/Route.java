package io.github.qwenlangchain4j.testkit.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the mock's route table: a method and a path pattern, whose {@code {name}} segments match any one
 * segment, and the handler that serves them. Empty segments are ignored on both sides, so a trailing slash or a
 * doubled one changes nothing. A modelled route stands for work of the model (chat, embeddings, responses, rerank)
 * and waits the server's latency first; the Files and Batch APIs answer at once.
 */
public final class Route {

    /** Serves the requests of one route. */
    @FunctionalInterface
    public interface Handler {

        /** The answer to {@code request}, whose {@link MockRequest#params()} hold the route's segments. */
        HttpReply handle(MockRequest request);
    }

    private final String method;
    private final List<String> pattern;
    private final Handler handler;
    private final boolean modelled;

    private Route(String method, String pattern, Handler handler, boolean modelled) {
        this.method = method;
        this.pattern = segments(pattern);
        this.handler = handler;
        this.modelled = modelled;
    }

    /** A route answered at once. */
    public static Route of(String method, String pattern, Handler handler) {
        return new Route(method, pattern, handler, false);
    }

    /** A route that waits the server's latency before its handler runs. */
    public static Route modelled(String method, String pattern, Handler handler) {
        return new Route(method, pattern, handler, true);
    }

    public String method() {
        return method;
    }

    public Handler handler() {
        return handler;
    }

    public boolean modelled() {
        return modelled;
    }

    /** The values of the pattern's {@code {name}} segments when {@code path} has its shape, else null. */
    public Map<String, String> match(String path) {
        List<String> segments = segments(path);
        if (segments.size() != pattern.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            if (expected.startsWith("{") && expected.endsWith("}")) {
                params.put(expected.substring(1, expected.length() - 1), segments.get(i));
            } else if (!expected.equals(segments.get(i))) {
                return null;
            }
        }
        return params;
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/"))
                .filter(segment -> !segment.isEmpty())
                .toList();
    }

    @Override
    public String toString() {
        return method + " /" + String.join("/", pattern);
    }
}
