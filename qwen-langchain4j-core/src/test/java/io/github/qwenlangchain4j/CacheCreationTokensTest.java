package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.json.Json;
import io.github.qwenlangchain4j.internal.mapper.ChatResponseMapper;
import io.github.qwenlangchain4j.internal.responses.ResponseObject;
import io.github.qwenlangchain4j.internal.responses.ResponsesResponseMapper;
import org.junit.jupiter.api.Test;

/**
 * Tokens that created a context-cache entry, as Qwen reports them: in Chat Completions'
 * {@code usage.prompt_tokens_details} for the explicit cache (Model Studio, "Context cache",
 * https://www.alibabacloud.com/help/en/model-studio/context-cache: {@code cache_creation_input_tokens},
 * {@code cache_creation.ephemeral_5m_input_tokens}, {@code cache_type: "ephemeral"}), and in the Responses API's
 * {@code usage.x_details[].prompt_tokens_details} for the session cache.
 */
class CacheCreationTokensTest {

    private static final String CHAT = """
            {"id":"chatcmpl-1","model":"qwen3.6-plus","created":1,
             "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"OK"}}],
             "usage":{"prompt_tokens":1206,"completion_tokens":112,"total_tokens":1318,
               "prompt_tokens_details":{"cached_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":1203},
                 "cache_creation_input_tokens":1203,"cache_type":"ephemeral"}}}""";

    @Test
    void should_report_the_tokens_that_created_the_cache_entry_in_chat_completions() throws Exception {
        ChatCompletionResponse response = Json.MAPPER.readValue(CHAT, ChatCompletionResponse.class);

        QwenTokenUsage usage = ChatResponseMapper.toTokenUsage(response.usage());

        assertThat(usage.cacheCreationTokens()).isEqualTo(1203);
        assertThat(usage.cachedTokens()).isZero();
        assertThat(response.usage().promptTokensDetails().cacheType()).isEqualTo("ephemeral");
    }

    @Test
    void the_responses_session_cache_reports_them_in_the_billing_details() throws Exception {
        String usage = Fixtures.read("responses/response_session_cache_usage.json");
        ResponseObject response = Json.MAPPER.readValue(
                usage.replaceFirst("\\{", "{\"id\":\"resp_1\",\"status\":" + "\"completed\",\"output\":[],"),
                ResponseObject.class);

        QwenTokenUsage mapped = ResponsesResponseMapper.toTokenUsage(response.usage());

        assertThat(mapped.cacheCreationTokens()).isEqualTo(240);
        assertThat(mapped.cachedTokens()).isEqualTo(1280);
    }

    @Test
    void usages_add_up_with_their_cache_creation_tokens() {
        QwenTokenUsage first = new QwenTokenUsage(10, 1, 11, 0, null, 8);
        QwenTokenUsage second = new QwenTokenUsage(10, 1, 11, 8, null, null);

        QwenTokenUsage sum = first.add(second);

        assertThat(sum.cacheCreationTokens()).isEqualTo(8);
        assertThat(sum.cachedTokens()).isEqualTo(8);
        assertThat(sum).isEqualTo(new QwenTokenUsage(20, 2, 22, 8, null, 8));
        assertThat(sum.toString()).contains("cacheCreationTokens=8");
    }
}
