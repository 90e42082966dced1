package io.github.qwenlangchain4j.benchmarks;

import java.nio.charset.StandardCharsets;

/** The response bodies the scenarios serve, built once, shaped like Qwen's. */
final class Payloads {

    private Payloads() {}

    static final byte[] CHAT_COMPLETION = ("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"I am a"
                    + " large-scale language model developed by Alibaba Cloud. My name is Qwen.\"},\"finish_reason\":\"stop\","
                    + "\"index\":0,\"logprobs\":null}],\"object\":\"chat.completion\",\"usage\":{\"prompt_tokens\":3019,"
                    + "\"completion_tokens\":104,\"total_tokens\":3123,\"prompt_tokens_details\":{\"cached_tokens\":2048}},"
                    + "\"created\":1735120033,\"system_fingerprint\":null,\"model\":\"qwen-plus\","
                    + "\"id\":\"chatcmpl-6ada9ed2-7f33-9de2-8bb0-78bd4035025a\"}")
            .getBytes(StandardCharsets.UTF_8);

    static String chunk(String content, String finishReason) {
        return "data: {\"id\":\"chatcmpl-e30f5ae7-3063-93c4-90fe-beb5f900bd57\",\"choices\":[{\"delta\":{\"content\":"
                + (content == null ? "null" : "\"" + content + "\"") + ",\"function_call\":null,\"refusal\":null,"
                + "\"role\":null,\"tool_calls\":null},\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + ",\"index\":0,\"logprobs\":null}],"
                + "\"created\":1735113344,\"model\":\"qwen-plus\",\"object\":\"chat.completion.chunk\","
                + "\"service_tier\":null,\"system_fingerprint\":null,\"usage\":null}\n\n";
    }

    static final String USAGE_AND_DONE = "data: {\"id\":\"chatcmpl-e30f5ae7-3063-93c4-90fe-beb5f900bd57\","
            + "\"choices\":[],\"created\":1735113344,\"model\":\"qwen-plus\",\"object\":\"chat.completion.chunk\","
            + "\"usage\":{\"prompt_tokens\":22,\"completion_tokens\":5000,\"total_tokens\":5022}}\n\ndata: [DONE]\n\n";

    /** A stream of {@code count} text chunks (mixing ASCII and Chinese, as real traffic does), then usage and DONE. */
    static byte[] stream(int count) {
        StringBuilder sb = new StringBuilder(count * 330);
        for (int i = 0; i < count; i++) {
            sb.append(chunk(i % 2 == 0 ? "token " + i + " " : "通义千问", null));
        }
        sb.append(chunk("", "stop")).append(USAGE_AND_DONE);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
