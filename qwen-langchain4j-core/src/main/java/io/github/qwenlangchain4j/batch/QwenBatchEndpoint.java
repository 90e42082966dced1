package io.github.qwenlangchain4j.batch;

/** The API a batch runs its requests against; every line of the input file must use it as its {@code url}. */
public enum QwenBatchEndpoint {
    /** Chat completions. */
    CHAT_COMPLETIONS("/v1/chat/completions"),
    /** Text embeddings. */
    EMBEDDINGS("/v1/embeddings"),
    /** Qwen's free dry run: checks the file format with the model {@code batch-test-model}, without inference. */
    TEST("/v1/chat/ds-test");

    private final String path;

    QwenBatchEndpoint(String path) {
        this.path = path;
    }

    /**
     * The path as the API expects it.
     *
     * @return the path, e.g. {@code /v1/chat/completions}
     */
    public String path() {
        return path;
    }

    /**
     * The endpoint with this path.
     *
     * @param path a path such as {@code /v1/chat/completions}
     * @return the endpoint
     * @throws IllegalArgumentException when no endpoint has this path
     */
    public static QwenBatchEndpoint fromPath(String path) {
        for (QwenBatchEndpoint endpoint : values()) {
            if (endpoint.path.equals(path)) {
                return endpoint;
            }
        }
        throw new IllegalArgumentException("Unknown batch endpoint '" + path + "'");
    }
}
