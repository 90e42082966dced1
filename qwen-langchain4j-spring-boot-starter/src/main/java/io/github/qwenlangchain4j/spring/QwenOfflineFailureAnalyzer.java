package io.github.qwenlangchain4j.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a startup that failed because {@code langchain4j.qwen.offline=true} was set without
 * {@code qwen-langchain4j-testkit} on the classpath: which dependency to add, or which property to remove.
 * Registered in {@code META-INF/spring.factories}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class QwenOfflineFailureAnalyzer extends AbstractFailureAnalyzer<QwenOfflineUnavailableException> {

    /** Creates the analyzer; Spring Boot instantiates it from {@code spring.factories}. */
    public QwenOfflineFailureAnalyzer() {}

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, QwenOfflineUnavailableException cause) {
        return new FailureAnalysis(
                cause.getMessage() + ".",
                "Add the dependency " + QwenOfflineAutoConfiguration.TESTKIT + " (same version as the starter; e.g."
                        + " <dependency><groupId>io.github.qwenlangchain4j</groupId>"
                        + "<artifactId>qwen-langchain4j-testkit</artifactId></dependency> with qwen-langchain4j-bom"
                        + " imported), or remove " + QwenOfflineProperties.PROPERTY + " to call Qwen with "
                        + OnQwenApiKeyCondition.PROPERTY + ".",
                cause);
    }
}
