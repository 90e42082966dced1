package io.github.qwenlangchain4j.spring;

/**
 * Thrown at startup when {@code langchain4j.qwen.offline=true} but {@code qwen-langchain4j-testkit}, which holds the
 * offline server, is not on the classpath; {@link QwenOfflineFailureAnalyzer} turns it into Spring Boot's failure
 * report with the dependency to add.
 */
public final class QwenOfflineUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its one message. */
    QwenOfflineUnavailableException() {
        super(QwenOfflineProperties.PROPERTY + "=true, but " + QwenOfflineAutoConfiguration.TESTKIT
                + ", which holds the offline server (QwenMockServer), is not on the classpath");
    }
}
