package io.github.qwenlangchain4j.spring;

import dev.langchain4j.model.catalog.ModelCatalog;
import io.github.qwenlangchain4j.catalog.QwenModelCatalog;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The model list: a {@link QwenModelCatalog} bean {@code qwenModelCatalog}, LangChain4j's {@link ModelCatalog} over
 * Model Studio's {@code GET /api/v1/models}, from the shared connection (region, workspace, base URL, offline). On
 * when an API key is set (or {@code langchain4j.qwen.offline=true}); backs off when the application defines any
 * {@link ModelCatalog}, so that {@code ModelCatalog} injection stays unambiguous. Creating it sends nothing.
 */
@AutoConfiguration(after = QwenConnectionAutoConfiguration.class)
@ConditionalOnQwenApiKey
public class QwenModelCatalogAutoConfiguration {

    /** Creates the auto-configuration; Spring Boot instantiates it from its {@code AutoConfiguration.imports}. */
    public QwenModelCatalogAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean(ModelCatalog.class)
    QwenModelCatalog qwenModelCatalog(QwenProperties properties, QwenHttpClient http) {
        QwenModelCatalog.Builder builder = QwenConnections.apply(QwenModelCatalog.builder(), properties, http);
        return PropertyChecks.build(QwenProperties.PREFIX, builder::build);
    }
}
