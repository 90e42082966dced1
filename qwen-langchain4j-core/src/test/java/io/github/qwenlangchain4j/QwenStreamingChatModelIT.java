package io.github.qwenlangchain4j;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.common.AbstractStreamingChatModelIT;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * LangChain4j's conformance suite for streaming chat models, run against the live Qwen API. Needs
 * {@code DASHSCOPE_API_KEY}; {@code QWEN_REGION} selects the key's region (default Singapore).
 */
@EnabledIfEnvironmentVariable(named = "DASHSCOPE_API_KEY", matches = ".+")
class QwenStreamingChatModelIT extends AbstractStreamingChatModelIT {

    static QwenStreamingChatModel.Builder liveBuilder() {
        String region = System.getenv("QWEN_REGION");
        return QwenStreamingChatModel.builder()
                .apiKey(System.getenv("DASHSCOPE_API_KEY"))
                .region(region == null || region.isBlank() ? QwenRegion.SINGAPORE : QwenRegion.valueOf(region))
                .temperature(0.0);
    }

    @Override
    protected List<StreamingChatModel> models() {
        return List.of(liveBuilder().modelName("qwen-plus").build());
    }

    @Override
    protected List<StreamingChatModel> modelsSupportingImageInputs() {
        return List.of(liveBuilder().modelName("qwen-vl-max").build());
    }

    @Override
    protected StreamingChatModel createModelWith(ChatRequestParameters parameters) {
        QwenStreamingChatModel.Builder builder = liveBuilder().defaultRequestParameters(parameters);
        if (parameters.modelName() == null) {
            builder.modelName("qwen-plus");
        }
        return builder.build();
    }

    @Override
    public StreamingChatModel createModelWith(ChatModelListener listener) {
        return liveBuilder().modelName("qwen-plus").listeners(List.of(listener)).build();
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
    protected Class<? extends ChatResponseMetadata> chatResponseMetadataType(StreamingChatModel model) {
        return QwenChatResponseMetadata.class;
    }

    @Override
    protected Class<? extends TokenUsage> tokenUsageType(StreamingChatModel model) {
        return QwenTokenUsage.class;
    }
}
