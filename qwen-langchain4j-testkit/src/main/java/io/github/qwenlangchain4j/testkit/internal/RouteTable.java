package io.github.qwenlangchain4j.testkit.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The mock's routes, grouped by the family of endpoints that owns a path prefix, and the one place a request is
 * served: the group owning its path is found, the API key is checked (once, in that group's {@link Dialect}), then
 * the group's routes are matched by method and path, and the first match's handler answers. A request no route
 * takes gets the group's own answer, which is told whether some route has the path with another method (405 on
 * most APIs, 404 on the Files and Batch APIs, as Qwen answers).
 */
public final class RouteTable {

    /** What a group answers when none of its routes takes a request. */
    @FunctionalInterface
    public interface Unmatched {

        /** The answer, where {@code pathKnown} says whether a route serves the path with another method. */
        HttpReply answer(MockRequest request, boolean pathKnown);
    }

    /**
     * A family of endpoints: the paths it owns, the dialect of its errors, its routes and its answer to the rest.
     *
     * @param name      for messages
     * @param owns      whether a path is this family's
     * @param dialect   the error bodies, the key's refusal included
     * @param routes    the routes, tried in order
     * @param unmatched the answer to a request no route takes
     */
    public record Group(
            String name, Predicate<String> owns, Dialect dialect, List<Route> routes, Unmatched unmatched) {}

    private final String apiKey;
    private final Duration latency;
    private final List<Group> groups;

    /**
     * A table of groups.
     *
     * @param apiKey  the only key accepted
     * @param latency waited before a modelled route's handler runs
     * @param groups  tried in order; the last should own every path
     */
    public RouteTable(String apiKey, Duration latency, List<Group> groups) {
        this.apiKey = apiKey;
        this.latency = latency;
        this.groups = List.copyOf(groups);
    }

    /** The answer to one request. */
    public HttpReply serve(MockRequest request) {
        Group group = groups.stream()
                .filter(g -> g.owns().test(request.path()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No route group owns " + request.path()));
        HttpReply keyRefusal = group.dialect().keyRefusal(request.header("Authorization"), apiKey, request.requestId());
        if (keyRefusal != null) {
            return keyRefusal;
        }
        boolean pathKnown = false;
        for (Route route : group.routes()) {
            Map<String, String> params = route.match(request.path());
            if (params == null) {
                continue;
            }
            if (!route.method().equals(request.method())) {
                pathKnown = true;
                continue;
            }
            if (route.modelled()) {
                Pause.sleep(latency);
            }
            return route.handler().handle(request.withParams(params));
        }
        return group.unmatched().answer(request, pathKnown);
    }
}
