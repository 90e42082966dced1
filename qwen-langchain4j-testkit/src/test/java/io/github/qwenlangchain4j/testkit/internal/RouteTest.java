package io.github.qwenlangchain4j.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteTest {

    private static final Route.Handler OK = request -> HttpReply.json(200, "{}");

    @Test
    void should_give_the_values_of_named_segments() {
        Route route = Route.of("GET", "/v1/batches/{id}/items/{item}", OK);

        assertThat(route.match("/v1/batches/batch_1/items/7"))
                .containsEntry("id", "batch_1")
                .containsEntry("item", "7");
    }

    @Test
    void should_not_match_another_shape() {
        Route route = Route.of("GET", "/v1/batches/{id}", OK);

        assertThat(route.match("/v1/batches")).isNull();
        assertThat(route.match("/v1/batches/batch_1/cancel")).isNull();
        assertThat(route.match("/v1/files/file_1")).isNull();
    }

    @Test
    void should_ignore_empty_segments_on_both_sides() {
        Route route = Route.of("GET", "/v1/files/", OK);

        assertThat(route.match("/v1//files/")).isEmpty();
        assertThat(route.match("/v1/files")).isEmpty();
    }
}
