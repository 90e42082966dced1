package io.github.qwenlangchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.common.AbstractChatModelIT;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * LangChain4j's conformance suite for chat models, run against the live Qwen API. Needs {@code DASHSCOPE_API_KEY};
 * {@code QWEN_REGION} (e.g. {@code CHINA_BEIJING}) selects the region the key belongs to, default Singapore.
 */
@EnabledIfEnvironmentVariable(named = "DASHSCOPE_API_KEY", matches = ".+")
class QwenChatModelIT extends AbstractChatModelIT {

    static QwenChatModel.Builder liveBuilder() {
        String region = System.getenv("QWEN_REGION");
        return QwenChatModel.builder()
                .apiKey(System.getenv("DASHSCOPE_API_KEY"))
                .region(region == null || region.isBlank() ? QwenRegion.SINGAPORE : QwenRegion.valueOf(region))
                .temperature(0.0)
                .logRequests(true)
                .logResponses(true);
    }

    @Override
    protected List<ChatModel> models() {
        return List.of(liveBuilder().modelName("qwen-plus").build());
    }

    @Override
    protected List<ChatModel> modelsSupportingImageInputs() {
        return List.of(liveBuilder().modelName("qwen-vl-max").build());
    }

    @Override
    protected ChatModel createModelWith(ChatRequestParameters parameters) {
        QwenChatModel.Builder builder = liveBuilder().defaultRequestParameters(parameters);
        if (parameters.modelName() == null) {
            builder.modelName("qwen-plus");
        }
        return builder.build();
    }

    @Override
    protected String customModelName() {
        return "qwen-turbo";
    }

    @Override
    protected ChatRequestParameters createIntegrationSpecificParameters(int maxOutputTokens) {
        return QwenChatRequestParameters.builder()
                .maxOutputTokens(maxOutputTokens)
                .build();
    }

    @Override
    protected boolean supportsToolChoiceRequiredWithMultipleTools() {
        return false; // Qwen rejects tool_choice "required"; only a single forced function can be expressed
    }

    @Override
    protected boolean supportsJsonResponseFormatWithRawSchema() {
        return false;
    }

    @Override
    protected Class<? extends ChatResponseMetadata> chatResponseMetadataType(ChatModel model) {
        return QwenChatResponseMetadata.class;
    }

    @Override
    protected Class<? extends TokenUsage> tokenUsageType(ChatModel model) {
        return QwenTokenUsage.class;
    }
}
