package io.github.qwenlangchain4j.internal.json;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class JsonWarmUpTest {

    @Test
    void should_read_and_write_its_samples_of_the_chat_wire_types_without_failing() {
        // the background thread swallows failures (it is only a head start), so a sample that no longer fits the
        // records would go unnoticed there
        assertThatCode(JsonWarmUp::run).doesNotThrowAnyException();
    }
}
