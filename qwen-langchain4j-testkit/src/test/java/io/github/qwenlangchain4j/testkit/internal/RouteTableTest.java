package io.github.qwenlangchain4j.testkit.internal;

import static io.github.qwenlangchain4j.testkit.internal.Requests.KEY;
import static io.github.qwenlangchain4j.testkit.internal.Requests.request;
import static io.github.qwenlangchain4j.testkit.internal.Requests.withKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> unmatched = new ArrayList<>();
    private final AtomicInteger handled = new AtomicInteger();

    private RouteTable table(Duration latency) {
        RouteTable.Unmatched record = (request, pathKnown) -> {
            unmatched.add(request.method() + " " + request.path() + (pathKnown ? " known" : " unknown"));
            return HttpReply.json(pathKnown ? 405 : 404, "{}");
        };
        return new RouteTable(
                KEY,
                latency,
                List.of(
                        new RouteTable.Group(
                                "flat",
                                path -> path.startsWith("/flat"),
                                Dialect.DASHSCOPE,
                                List.of(Route.modelled("POST", "/flat/things", request -> answer(request, "created"))),
                                record),
                        new RouteTable.Group(
                                "rest",
                                path -> true,
                                Dialect.COMPATIBLE,
                                List.of(Route.of(
                                        "GET", "/things/{id}", request -> answer(request, request.param("id")))),
                                record)));
    }

    private HttpReply answer(MockRequest request, String text) {
        handled.incrementAndGet();
        return HttpReply.json(200, "\"" + text + "\"");
    }

    private static JsonNode body(HttpReply reply) throws Exception {
        return JSON.readTree(reply.parts().get(0));
    }

    @Test
    void should_pass_the_route_s_segments_to_its_handler() throws Exception {
        HttpReply reply = table(Duration.ZERO).serve(withKey("GET", "/things/t_9", ""));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(body(reply).asText()).isEqualTo("t_9");
    }

    @Test
    void should_check_the_key_before_routing_in_the_dialect_of_the_path_s_group() throws Exception {
        RouteTable table = table(Duration.ZERO);

        HttpReply missing = table.serve(request("GET", "/nowhere", "", Map.of()));
        HttpReply wrong =
                table.serve(request("POST", "/flat/things", "", Map.of("authorization", List.of("Bearer sk-other"))));
        HttpReply otherScheme =
                table.serve(request("GET", "/things/t_9", "", Map.of("authorization", List.of("Basic " + KEY))));

        assertThat(missing.status()).isEqualTo(401);
        assertThat(body(missing).at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(body(missing).at("/error/message").asText()).startsWith("You didn't provide an API key.");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(body(wrong).path("code").asText()).isEqualTo("InvalidApiKey");
        assertThat(body(wrong).path("message").asText()).isEqualTo("Invalid API-key provided.");
        assertThat(otherScheme.status()).isEqualTo(401);
        assertThat(unmatched).isEmpty();
        assertThat(handled).hasValue(0);
    }

    @Test
    void should_tell_the_group_whether_an_unmatched_path_is_served_with_another_method() {
        RouteTable table = table(Duration.ZERO);

        assertThat(table.serve(withKey("DELETE", "/things/t_9", "")).status()).isEqualTo(405);
        assertThat(table.serve(withKey("GET", "/things", "")).status()).isEqualTo(404);
        assertThat(table.serve(withKey("GET", "/flat/things", "")).status()).isEqualTo(405);

        assertThat(unmatched)
                .containsExactly("DELETE /things/t_9 known", "GET /things unknown", "GET /flat/things known");
    }

    @Test
    void should_wait_the_latency_before_modelled_routes_only() {
        RouteTable table = table(Duration.ofMillis(200));

        long start = System.nanoTime();
        table.serve(withKey("GET", "/things/t_9", ""));
        Duration plain = Duration.ofNanos(System.nanoTime() - start);
        start = System.nanoTime();
        table.serve(withKey("POST", "/flat/things", "{}"));
        Duration modelled = Duration.ofNanos(System.nanoTime() - start);

        assertThat(plain).isLessThan(Duration.ofMillis(200));
        assertThat(modelled).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
}
