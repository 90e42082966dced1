package io.github.qwenlangchain4j.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.common.AbstractEmbeddingModelIT;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import io.github.qwenlangchain4j.QwenRegion;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * LangChain4j's conformance suite for embedding models, run against the live Qwen API. Needs
 * {@code DASHSCOPE_API_KEY}; {@code QWEN_REGION} (a {@link QwenRegion} name, e.g. {@code CHINA_BEIJING}) selects the
 * region the key belongs to, default Singapore.
 */
@EnabledIfEnvironmentVariable(named = "DASHSCOPE_API_KEY", matches = ".+")
class QwenEmbeddingModelIT extends AbstractEmbeddingModelIT {

    static QwenEmbeddingModel.Builder liveBuilder() {
        String region = System.getenv("QWEN_REGION");
        return QwenEmbeddingModel.builder()
                .apiKey(System.getenv("DASHSCOPE_API_KEY"))
                .region(region == null || region.isBlank() ? QwenRegion.SINGAPORE : QwenRegion.valueOf(region))
                .logRequests(true)
                .logResponses(true);
    }

    @Override
    protected List<EmbeddingModel> models() {
        return List.of(
                liveBuilder().build(), // text-embedding-v4
                liveBuilder().modelName("text-embedding-v3").dimensions(512).build());
    }

    @Override
    protected EmbeddingModel modelWith(EmbeddingModelListener listener) {
        return liveBuilder().listeners(List.of(listener)).build();
    }

    @Override
    protected EmbeddingModel failingModelWith(EmbeddingModelListener listener) {
        return liveBuilder()
                .apiKey("sk-invalid-key-for-the-listener-test")
                .maxRetries(0)
                .listeners(List.of(listener))
                .build();
    }

    @Override
    protected boolean supportsImageInput() {
        return false; // text-embedding-* models embed text only
    }

    @Override
    protected int dimensionsParameter() {
        return 512; // should_respect_dimensions_parameter asks every model in models(): v4 and v3 both offer 512
    }
}
