package io.github.qwenlangchain4j;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the library logged during a test: slf4j-simple (this module's test binding) writes to {@code System.err},
 * which this extension swaps for a buffer around each test. Register it with {@code @RegisterExtension}.
 */
final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        logs.reset();
        originalErr = System.err;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setErr(originalErr);
    }

    /** Everything logged since the test started. */
    String text() {
        return logs.toString(StandardCharsets.UTF_8);
    }
}
