package io.github.qwenlangchain4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command-line sample, end to end, offline against QwenMockServer. */
class QuickTourTest {

    @Test
    void should_run_every_step_offline_when_no_key_is_set() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        new QuickTour(new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of()).run();

        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("OFFLINE: no DASHSCOPE_API_KEY is set");
        assertThat(output).contains("== 1. Chat").contains("You asked: \"In one sentence, what is LangChain4j?\"");
        assertThat(output)
                .contains("== 2. Streaming chat with thinking")
                .contains("[thinking] [offline] Thinking about")
                .contains("[answer] [offline");
        assertThat(output)
                .contains("== 3. AI service with a tool")
                .contains("[tool calls] [celsiusToFahrenheit(21.5)]")
                .contains("The tool celsiusToFahrenheit returned: 70.7");
        assertThat(output)
                .contains("== 4. RAG")
                .contains("[re-ranked] regions.txt")
                .contains("which region should my API key come from?")
                .contains("Singapore");
        assertThat(output)
                .contains("== 5. Responses API")
                .contains("[web_search_call] [http")
                .contains("pass it as previousResponseId");
        assertThat(output)
                .contains("== 6. Explicit context cache")
                .containsPattern("\\[cache] \\d+ input tokens: [1-9]\\d+ written to the cache, 0 read from it")
                .containsPattern("\\[cache] \\d+ input tokens: 0 written to the cache, [1-9]\\d+ read from it");
        assertThat(output)
                .contains("== 7. Qwen-Long")
                .containsPattern("\\[uploaded] file-fe-\\S+ \\(status uploaded\\)")
                .contains("[processed] pricing.txt")
                .contains("Documents read: pricing.txt");
        assertThat(output).contains("== 8. Qwen-Omni").containsPattern("\\[audio] \\d+ pieces, [1-9]\\d+ bytes of wav");
        assertThat(output).contains("Done.");
    }
}
