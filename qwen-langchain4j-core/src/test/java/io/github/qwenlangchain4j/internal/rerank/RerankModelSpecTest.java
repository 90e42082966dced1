package io.github.qwenlangchain4j.internal.rerank;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qwenlangchain4j.internal.rerank.RerankModelSpec.Site;
import org.junit.jupiter.api.Test;

/**
 * The rerank limits table against Model Studio's pages: the "Text rerank" API reference
 * (alibabacloud.com/help/en/model-studio/text-rerank-api: Singapore qwen3-rerank 500 documents, 4,000 tokens per
 * item, 120,000 per request; Beijing qwen3-vl-rerank 100 / 8,000 / 120,000, gte-rerank-v2 500 / 4,000 / 30,000), its
 * Chinese edition for Beijing (help.aliyun.com/zh/model-studio/text-rerank-api: qwen3-rerank 30,000 per request) and
 * Qwen Cloud's "OpenAI compatible reranking" reference (docs.qwencloud.com/api-reference/rerank/openai-rerank:
 * qwen3-rerank only, 500 / 4,000 / 120,000).
 */
class RerankModelSpecTest {

    private static final String SINGAPORE = "https://dashscope-intl.aliyuncs.com/compatible-api/v1";
    private static final String BEIJING = "https://dashscope.aliyuncs.com/api/v1";

    @Test
    void should_give_qwen3_rerank_120000_tokens_per_request_in_singapore_and_30000_in_beijing() {
        assertThat(RerankModelSpec.of("qwen3-rerank", SINGAPORE))
                .isEqualTo(new RerankModelSpec(500, 4_000, 120_000, true, false, true));
        assertThat(RerankModelSpec.of("qwen3-rerank", BEIJING).maxTokensPerRequest())
                .isEqualTo(30_000);
    }

    @Test
    void should_give_the_beijing_models_their_documented_limits_and_the_native_endpoint_only() {
        assertThat(RerankModelSpec.of("gte-rerank-v2", BEIJING))
                .isEqualTo(new RerankModelSpec(500, 4_000, 30_000, false, false, false));
        assertThat(RerankModelSpec.of("qwen3-vl-rerank", BEIJING))
                .isEqualTo(new RerankModelSpec(100, 8_000, 120_000, false, true, false));
    }

    @Test
    void should_use_the_smallest_documented_limit_on_any_other_host() {
        assertThat(RerankModelSpec.of("qwen3-rerank", "http://127.0.0.1:8080/compatible-mode/v1")
                        .maxTokensPerRequest())
                .isEqualTo(30_000);
        assertThat(RerankModelSpec.of("qwen3-rerank", "https://dashscope-us.aliyuncs.com/api/v1")
                        .maxTokensPerRequest())
                .isEqualTo(30_000);
        assertThat(RerankModelSpec.of("Qwen3-Rerank ", "").maxDocumentsPerRequest())
                .isEqualTo(500);
    }

    @Test
    void should_read_the_region_of_a_host_workspace_domains_included() {
        assertThat(RerankModelSpec.siteOf(SINGAPORE)).isEqualTo(Site.SINGAPORE);
        assertThat(RerankModelSpec.siteOf("https://ws-1.ap-southeast-1.maas.aliyuncs.com/compatible-mode/v1"))
                .isEqualTo(Site.SINGAPORE);
        assertThat(RerankModelSpec.siteOf(BEIJING)).isEqualTo(Site.BEIJING);
        assertThat(RerankModelSpec.siteOf("https://ws-2.cn-beijing.maas.aliyuncs.com/api/v1"))
                .isEqualTo(Site.BEIJING);
        assertThat(RerankModelSpec.siteOf("https://cn-hongkong.dashscope.aliyuncs.com/api/v1"))
                .isEqualTo(Site.OTHER);
        assertThat(RerankModelSpec.siteOf("not a url")).isEqualTo(Site.OTHER);
    }

    @Test
    void should_give_an_unknown_model_the_smallest_limits_and_the_native_endpoint() {
        assertThat(RerankModelSpec.of("qwen4-rerank", SINGAPORE)).isSameAs(RerankModelSpec.UNKNOWN);
        assertThat(RerankModelSpec.UNKNOWN.compatibleEndpoint()).isFalse();
        assertThat(RerankModelSpec.UNKNOWN.supportsInstruct()).isTrue();
    }
}
