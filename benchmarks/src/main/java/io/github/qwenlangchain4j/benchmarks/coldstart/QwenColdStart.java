package io.github.qwenlangchain4j.benchmarks.coldstart;

import dev.langchain4j.model.chat.ChatModel;
import io.github.qwenlangchain4j.QwenChatModel;

/** One sync chat call with qwen-langchain4j, as a CLI or a serverless function would make it. */
public final class QwenColdStart {

    private QwenColdStart() {}

    public static void main(String[] args) {
        ChatModel model =
                QwenChatModel.builder().apiKey("sk-bench").baseUrl(args[0]).build();
        System.out.println(model.chat("Who are you?"));
    }
}
