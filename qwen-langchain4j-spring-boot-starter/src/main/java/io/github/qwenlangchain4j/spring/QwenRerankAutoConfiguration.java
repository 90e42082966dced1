package io.github.qwenlangchain4j.spring;

import static io.github.qwenlangchain4j.spring.PropertyChecks.acceptedIfSet;
import static io.github.qwenlangchain4j.spring.QwenConnections.emptyToNull;

import dev.langchain4j.model.scoring.ScoringModel;
import io.github.qwenlangchain4j.rerank.QwenScoringModel;
import java.util.function.BiFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The rerank model: a {@link QwenScoringModel} bean {@code qwenScoringModel}, from
 * {@code langchain4j.qwen.scoring-model.*} and the shared connection, e.g. for LangChain4j's
 * {@code ReRankingContentAggregator}. On when an API key is set; off with
 * {@code langchain4j.qwen.scoring-model.enabled=false}; backs off when the application defines any
 * {@link ScoringModel}, so that {@code ScoringModel} injection stays unambiguous.
 */
@AutoConfiguration(after = QwenConnectionAutoConfiguration.class)
@ConditionalOnQwenApiKey
@ConditionalOnBooleanProperty(name = QwenRerankAutoConfiguration.SECTION + ".enabled", matchIfMissing = true)
public class QwenRerankAutoConfiguration {

    /** The section the scoring model is read from. */
    static final String SECTION = QwenProperties.PREFIX + ".scoring-model";

    private static final String AT = SECTION + ".";

    /** Creates the auto-configuration; Spring Boot instantiates it from its {@code AutoConfiguration.imports}. */
    public QwenRerankAutoConfiguration() {}

    /**
     * The model, each option checked under its property first. What a rerank model accepts depends on the model
     * ({@code instruct} only with qwen3-rerank, documents per request), which the library keeps to itself; so each
     * option is checked by a probe, a model built with a placeholder key and only the model name and that option.
     * Nothing is sent, and a failure can only be that option's.
     */
    @Bean
    @ConditionalOnMissingBean(ScoringModel.class)
    QwenScoringModel qwenScoringModel(QwenProperties properties, QwenHttpClient http) {
        QwenProperties.ScoringModel scoring = properties.scoringModel();
        String modelName = acceptedIfSet(
                AT + "model-name", scoring.modelName(), name -> probe(name).build());
        QwenScoringModel.Builder builder = QwenConnections.apply(QwenScoringModel.builder(), properties, http)
                .modelName(modelName)
                .topN(probed(AT + "top-n", modelName, scoring.topN(), QwenScoringModel.Builder::topN))
                .instruct(probed(AT + "instruct", modelName, scoring.instruct(), QwenScoringModel.Builder::instruct))
                .maxDocumentsPerRequest(probed(
                        AT + "max-documents-per-request",
                        modelName,
                        scoring.maxDocumentsPerRequest(),
                        QwenScoringModel.Builder::maxDocumentsPerRequest))
                .maxTokensPerRequest(probed(
                        AT + "max-tokens-per-request",
                        modelName,
                        scoring.maxTokensPerRequest(),
                        QwenScoringModel.Builder::maxTokensPerRequest))
                .endpoint(probed(AT + "endpoint", modelName, scoring.endpoint(), QwenScoringModel.Builder::endpoint))
                .customHeaders(emptyToNull(scoring.customHeaders()));
        return PropertyChecks.build(SECTION, builder::build);
    }

    /** {@code value}, once a probe of {@code modelName} with {@code option} set to it has been built. */
    private static <V> V probed(
            String property,
            String modelName,
            V value,
            BiFunction<QwenScoringModel.Builder, V, QwenScoringModel.Builder> option) {
        return PropertyChecks.probed(property, value, () -> probe(modelName), option);
    }

    private static QwenScoringModel.Builder probe(String modelName) {
        return QwenScoringModel.builder().apiKey(PropertyChecks.PROBE_KEY).modelName(modelName);
    }
}
