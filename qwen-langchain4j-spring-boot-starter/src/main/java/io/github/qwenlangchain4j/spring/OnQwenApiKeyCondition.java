package io.github.qwenlangchain4j.spring;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code langchain4j.qwen.api-key} has text, or when {@code langchain4j.qwen.offline=true} (the beans
 * then call an offline server with its key; see {@link QwenOfflineAutoConfiguration}). An empty value, as {@code ${DASHSCOPE_API_KEY:}} gives
 * when the variable is unset, counts as no key: the application starts without Qwen beans instead of failing.
 * The key is bound with relaxed names, so {@code LANGCHAIN4J_QWEN_APIKEY} works too; it never appears in the
 * condition report.
 */
class OnQwenApiKeyCondition extends SpringBootCondition {

    static final String PROPERTY = QwenProperties.PREFIX + ".api-key";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("Qwen API key");
        if (hasApiKey(context.getEnvironment())) {
            return ConditionOutcome.match(message.found("property").items(PROPERTY));
        }
        if (isOffline(context.getEnvironment())) {
            return ConditionOutcome.match(message.found("property").items(QwenOfflineProperties.PROPERTY));
        }
        return ConditionOutcome.noMatch(message.didNotFind("non-empty property").items(PROPERTY));
    }

    /** Whether {@code langchain4j.qwen.offline} is true (relaxed binding): no key is needed then. */
    static boolean isOffline(Environment environment) {
        return Binder.get(environment)
                .bind(QwenOfflineProperties.PROPERTY, Boolean.class)
                .orElse(false);
    }

    /** Whether the environment has a non-empty {@code langchain4j.qwen.api-key} (relaxed binding). */
    static boolean hasApiKey(Environment environment) {
        return StringUtils.hasText(
                Binder.get(environment).bind(PROPERTY, String.class).orElse(null));
    }
}
