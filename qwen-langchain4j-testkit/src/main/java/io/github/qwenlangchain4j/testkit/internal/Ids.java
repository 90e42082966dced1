package io.github.qwenlangchain4j.testkit.internal;

import java.util.UUID;

/** The random ids the mock hands out, in Qwen's shapes. */
public final class Ids {

    private Ids() {}

    /** 24 hex digits, the random part of file, batch and tool-call ids. */
    public static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    /** The id of the tool call a default reply makes, derived from the request's id. */
    public static String callId(String requestId) {
        return "call_" + requestId.replace("-", "").substring(0, 24);
    }
}
