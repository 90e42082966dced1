package io.github.qwenlangchain4j.embedding;

import io.github.qwenlangchain4j.testkit.QwenMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests against the testkit: a fresh {@link QwenMockServer} per test, closed after it. */
abstract class MockServerSupport {

    protected QwenMockServer server;

    @BeforeEach
    void startMockServer() {
        server = QwenMockServer.start();
    }

    @AfterEach
    void stopMockServer() {
        server.close();
    }
}
