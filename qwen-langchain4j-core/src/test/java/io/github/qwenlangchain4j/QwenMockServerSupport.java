package io.github.qwenlangchain4j;

import io.github.qwenlangchain4j.testkit.QwenMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests against the testkit: a fresh {@link QwenMockServer} per test, closed after it. */
public abstract class QwenMockServerSupport {

    protected QwenMockServer server;

    @BeforeEach
    protected void startMockServer() {
        server = QwenMockServer.start();
    }

    @AfterEach
    protected void stopMockServer() {
        server.close();
    }
}
