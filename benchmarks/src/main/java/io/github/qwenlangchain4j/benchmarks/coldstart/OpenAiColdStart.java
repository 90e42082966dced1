package io.github.qwenlangchain4j.benchmarks.coldstart;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/** One sync chat call with langchain4j-open-ai pointed at the same server: what users would use instead. */
public final class OpenAiColdStart {

    private OpenAiColdStart() {}

    public static void main(String[] args) {
        ChatModel model = OpenAiChatModel.builder()
                .apiKey("sk-bench")
                .baseUrl(args[0])
                .modelName("qwen-plus")
                .build();
        System.out.println(model.chat("Who are you?"));
    }
}
