package io.github.qwenlangchain4j.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

    static final String KEY = "sk-secret-0123456789";

    final Redactor redactor = new Redactor(KEY);

    @Test
    void should_mask_the_authorization_header_but_keep_the_scheme() {
        assertThat(redactor.header("Authorization", "Bearer " + KEY)).isEqualTo("Bearer ***");
        assertThat(redactor.header("authorization", "Bearer other-token")).isEqualTo("Bearer ***");
    }

    @Test
    void should_mask_other_credential_headers_entirely() {
        assertThat(redactor.header("X-DashScope-ApiKey", KEY)).isEqualTo("***");
        assertThat(redactor.header("api-key", KEY)).isEqualTo("***");
        assertThat(redactor.header("Proxy-Authorization", "Basic dXNlcjpwYXNz")).isEqualTo("Basic ***");
    }

    @Test
    void should_scrub_the_key_from_other_headers_and_keep_the_rest() {
        assertThat(redactor.header("X-Debug", "key=" + KEY + ";x=1")).isEqualTo("key=***;x=1");
        assertThat(redactor.header("Content-Type", "application/json")).isEqualTo("application/json");
    }

    @Test
    void should_scrub_every_occurrence_of_the_key_from_text() {
        assertThat(redactor.scrub(KEY + " and " + KEY)).isEqualTo("*** and ***");
        assertThat(redactor.scrub("nothing secret")).isEqualTo("nothing secret");
        assertThat(redactor.scrub(null)).isNull();
    }

    @Test
    void should_leave_text_alone_without_a_key() {
        assertThat(new Redactor(null).scrub("Bearer x")).isEqualTo("Bearer x");
        assertThat(new Redactor("").scrub("text")).isEqualTo("text");
    }
}
