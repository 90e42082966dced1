package io.github.qwenlangchain4j.benchmarks.coldstart;

import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The floor: one bare OkHttp POST of a hand-written body, and the response body printed as it came (no JSON
 * library on either side). What any OkHttp-based client must pay at least.
 */
public final class OkHttpColdStart {

    private OkHttpColdStart() {}

    public static void main(String[] args) throws Exception {
        byte[] body = "{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\",\"content\":\"Who are you?\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        Request request = new Request.Builder()
                .url(args[0] + "/chat/completions")
                .header("Authorization", "Bearer sk-bench")
                .post(RequestBody.create(body, MediaType.get("application/json")))
                .build();
        try (Response response = new OkHttpClient().newCall(request).execute()) {
            System.out.println(response.body().string());
        }
    }
}
