package io.github.qwenlangchain4j.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code langchain4j.qwen.api-key} has text; see {@link OnQwenApiKeyCondition}. Every Qwen
 * auto-configuration carries it, so that an application without a key starts without Qwen beans instead of failing.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnQwenApiKeyCondition.class)
@interface ConditionalOnQwenApiKey {}
