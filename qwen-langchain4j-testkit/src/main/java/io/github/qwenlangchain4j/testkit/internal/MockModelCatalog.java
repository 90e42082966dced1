package io.github.qwenlangchain4j.testkit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Model Studio's model list, {@code GET /api/v1/models} ("List models", alibabacloud.com/help/en/model-studio/list-models
 * and help.aliyun.com/zh/model-studio/list-models): {@code {"code": null, "message": null, "success": true, "output":
 * {"total", "page_no", "page_size", "models": [...]}, "request_id"}}, each model with {@code model}, {@code name},
 * {@code description}, {@code provider}, {@code inference_provider}, {@code capabilities}, {@code features},
 * {@code published_time}, {@code inference_metadata} ({@code request_modality}, {@code response_modality}),
 * {@code model_info} (token limits, null when not applicable) and {@code prices}. The list holds a handful of the
 * families this library knows (chat, vision, embedding, rerank, image, speech, video, a third-party author); qwen3-max
 * and qwen-image-max carry the figures of the page's example, the others illustrative ones.
 *
 * <p>Paging as documented: {@code page_no} from 1, {@code page_size} default 20, a page past the end is empty.
 * Filters: {@code model} (exact id), {@code name} (the id or display name contains it, ignoring case),
 * {@code providers} and {@code capabilities} (repeated names; a model matching any value is listed); others, such as
 * {@code language}, are accepted and ignored. A page number or size that is not a positive integer is refused with
 * a 400 {@code InvalidParameter} in the flat native body (no capture of Qwen's wording was found).
 */
public final class MockModelCatalog {

    /** The endpoint's path. */
    public static final String PATH = "/api/v1/models";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_PAGE_SIZE = 20;

    private record Entry(
            String model,
            String name,
            String description,
            String provider,
            List<String> capabilities,
            List<String> features,
            String publishedTime,
            List<String> in,
            List<String> out,
            Long contextWindow,
            Long maxInput,
            Long maxOutput,
            String priceType,
            String price) {}

    private static final List<Entry> MODELS = List.of(
            new Entry(
                    "qwen3-max",
                    "Qwen3-Max",
                    "The Max model of the Qwen3 series, for complex agent tasks.",
                    "qwen",
                    List.of("TG"),
                    List.of("function-calling", "structured-outputs", "web-search"),
                    "2025-11-11 12:00:00",
                    List.of("Text"),
                    List.of("Text"),
                    131_072L,
                    130_048L,
                    16_384L,
                    "input_token",
                    "2"),
            new Entry(
                    "qwen-plus",
                    "Qwen-Plus",
                    "Balanced capability, speed and cost; thinking on request.",
                    "qwen",
                    List.of("TG", "Reasoning"),
                    List.of("function-calling", "structured-outputs", "cache", "batch"),
                    "2025-07-28 00:00:00",
                    List.of("Text"),
                    List.of("Text"),
                    1_000_000L,
                    995_904L,
                    32_768L,
                    "input_token",
                    "0.4"),
            new Entry(
                    "qwen3.5-plus",
                    "Qwen3.5-Plus",
                    "Natively multimodal Qwen3.5 model that thinks by default.",
                    "qwen",
                    List.of("TG", "Reasoning", "VU"),
                    List.of("function-calling", "structured-outputs", "web-search"),
                    "2026-02-16 00:00:00",
                    List.of("Text", "Image", "Video"),
                    List.of("Text"),
                    1_000_000L,
                    991_808L,
                    65_536L,
                    "input_token",
                    "0.4"),
            new Entry(
                    "qwen3-vl-plus",
                    "Qwen3-VL-Plus",
                    "Visual understanding of images and videos.",
                    "qwen",
                    List.of("VU"),
                    List.of("function-calling"),
                    "2025-09-23 00:00:00",
                    List.of("Text", "Image", "Video"),
                    List.of("Text"),
                    262_144L,
                    258_048L,
                    32_768L,
                    "input_token",
                    "0.2"),
            new Entry(
                    "deepseek-v3.2",
                    "DeepSeek-V3.2",
                    "DeepSeek's model, served by Model Studio.",
                    "deepseek",
                    List.of("TG", "Reasoning"),
                    List.of("function-calling"),
                    "2025-12-01 00:00:00",
                    List.of("Text"),
                    List.of("Text"),
                    131_072L,
                    98_304L,
                    65_536L,
                    "input_token",
                    "0.287"),
            new Entry(
                    "text-embedding-v4",
                    "Text-Embedding-V4",
                    "Text embedding in 100+ languages, dimensions from 64 to 2,048.",
                    "qwen",
                    List.of("TR"),
                    List.of("batch"),
                    "2025-05-20 00:00:00",
                    List.of("Text"),
                    List.of(),
                    null,
                    8_192L,
                    null,
                    "input_token",
                    "0.07"),
            new Entry(
                    "qwen3-rerank",
                    "Qwen3-Rerank",
                    "Sorts documents by their relevance to a query.",
                    "qwen",
                    List.of(),
                    List.of(),
                    null,
                    List.of("Text"),
                    List.of(),
                    null,
                    null,
                    null,
                    "input_token",
                    "0.1"),
            new Entry(
                    "qwen-image-max",
                    "Qwen-Image-Max",
                    "Qwen's image generation model, Max series.",
                    "qwen",
                    List.of("IG"),
                    List.of("model-experience"),
                    null,
                    List.of("Text"),
                    List.of("Image"),
                    null,
                    null,
                    null,
                    "image_number",
                    "0.075"),
            new Entry(
                    "qwen3-asr-flash",
                    "Qwen3-ASR-Flash",
                    "Speech recognition in many languages and dialects.",
                    "qwen",
                    List.of("ASR"),
                    List.of(),
                    "2025-09-08 00:00:00",
                    List.of("Audio"),
                    List.of("Text"),
                    null,
                    null,
                    null,
                    "audio_second",
                    "0.000035"),
            new Entry(
                    "qwen3-tts-flash",
                    "Qwen3-TTS-Flash",
                    "Speech synthesis with many voices.",
                    "qwen",
                    List.of("TTS"),
                    List.of(),
                    "2025-09-05 00:00:00",
                    List.of("Text"),
                    List.of("Audio"),
                    null,
                    null,
                    null,
                    "character",
                    "0.1"),
            new Entry(
                    "wan2.6-t2v",
                    "Wan2.6-T2V",
                    "Text to video with sound.",
                    "wan",
                    List.of("VG"),
                    List.of(),
                    "2025-12-16 00:00:00",
                    List.of("Text"),
                    List.of("Video"),
                    null,
                    null,
                    null,
                    "video_second",
                    "0.1"));

    private MockModelCatalog() {}

    /** Serves one {@code GET} of {@link #PATH}. */
    public static HttpReply list(MockRequest request) {
        Map<String, List<String>> query = repeatedQuery(request.rawQuery());
        Integer pageNo = positive(query, "page_no", 1);
        Integer pageSize = positive(query, "page_size", DEFAULT_PAGE_SIZE);
        if (pageNo == null || pageSize == null) {
            String name = pageNo == null ? "page_no" : "page_size";
            return HttpReply.flatError(
                    QwenError.flatInvalid("The parameter " + name + " must be a positive integer."),
                    request.requestId());
        }
        List<Entry> matching =
                MODELS.stream().filter(entry -> matches(entry, query)).toList();
        ObjectNode root = JSON.createObjectNode();
        root.putNull("code");
        root.putNull("message");
        root.put("success", true);
        ObjectNode output = root.putObject("output");
        output.put("total", matching.size()).put("page_no", pageNo).put("page_size", pageSize);
        ArrayNode models = output.putArray("models");
        long from = (long) (pageNo - 1) * pageSize;
        for (long i = from; i < Math.min(matching.size(), from + pageSize); i++) {
            models.add(render(matching.get((int) i)));
        }
        root.put("request_id", request.requestId());
        return HttpReply.json(200, root.toString());
    }

    private static boolean matches(Entry entry, Map<String, List<String>> query) {
        String model = first(query, "model");
        if (model != null && !model.isEmpty() && !model.equals(entry.model())) {
            return false;
        }
        String name = first(query, "name");
        if (name != null && !name.isEmpty()) {
            String wanted = name.toLowerCase(Locale.ROOT);
            if (!entry.model().toLowerCase(Locale.ROOT).contains(wanted)
                    && !entry.name().toLowerCase(Locale.ROOT).contains(wanted)) {
                return false;
            }
        }
        List<String> providers = query.getOrDefault("providers", List.of());
        if (!providers.isEmpty() && !providers.contains(entry.provider())) {
            return false;
        }
        List<String> capabilities = query.getOrDefault("capabilities", List.of());
        return capabilities.isEmpty() || capabilities.stream().anyMatch(entry.capabilities()::contains);
    }

    private static ObjectNode render(Entry entry) {
        ObjectNode model = JSON.createObjectNode();
        model.put("model", entry.model())
                .put("name", entry.name())
                .put("description", entry.description())
                .put("provider", entry.provider())
                .put("inference_provider", "alibaba-cloud-modelstudio");
        entry.capabilities().forEach(model.putArray("capabilities")::add);
        entry.features().forEach(model.putArray("features")::add);
        ObjectNode price = model.putArray("prices").addObject();
        price.putArray("prices")
                .addObject()
                .put("type", entry.priceType())
                .put("price", entry.price())
                .put("price_unit", entry.priceType().endsWith("token") ? "Per 1M tokens" : "Per unit")
                .put("price_name", entry.priceType().startsWith("input") ? "Input" : "Output");
        price.put("range_name", "Default");
        if (entry.publishedTime() == null) {
            model.putNull("published_time");
        } else {
            model.put("published_time", entry.publishedTime());
        }
        ObjectNode metadata = model.putObject("inference_metadata");
        entry.out().forEach(metadata.putArray("response_modality")::add);
        entry.in().forEach(metadata.putArray("request_modality")::add);
        ObjectNode info = model.putObject("model_info");
        info.put("context_window", entry.contextWindow())
                .put("max_input_tokens", entry.maxInput())
                .put("max_output_tokens", entry.maxOutput())
                .putNull("max_reasoning_tokens");
        return model;
    }

    /** A positive integer parameter, its default when absent, null when it is something else. */
    private static Integer positive(Map<String, List<String>> query, String name, int defaultValue) {
        String value = first(query, name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            return parsed >= 1 ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The query's parameters with every value of a repeated name ({@code providers=qwen&providers=wan}). */
    private static Map<String, List<String>> repeatedQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }
}
