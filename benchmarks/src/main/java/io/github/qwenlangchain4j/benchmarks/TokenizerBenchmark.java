package io.github.qwenlangchain4j.benchmarks;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.github.qwenlangchain4j.benchmarks.Benchmarks.Row;
import io.github.qwenlangchain4j.tokenizer.QwenTokenCountEstimator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;

/**
 * Local token counting ({@code -Donly=tokenizer}): {@link QwenTokenCountEstimator} beside JTokkit's cl100k_base
 * encoder (what LangChain4j users reach for to count tokens locally) on the same large mixed text, in this JVM, one
 * run: warm-up passes first (JIT), then rounds alternating the two, each round counting the whole text once. Each
 * tokenizer's rate is its own tokens per second (the Qwen vocabulary needs fewer tokens for Chinese, so characters per
 * second are printed too).
 *
 * <p>The text (about {@code -Dtokenizer.megabytes} MB of UTF-16, default 4) is generated from a fixed seed: English
 * prose, Chinese prose, Java and Python code, JSON, emoji and numbers, shuffled by paragraph, with random identifiers
 * and numbers so that it is not one paragraph repeated.
 */
final class TokenizerBenchmark {

    private static final int ROUNDS = Integer.getInteger("rounds", 5);
    private static final int MEGABYTES = Integer.getInteger("tokenizer.megabytes", 4);

    private static final String[] ENGLISH = {
        "Retrieval-augmented generation splits documents into segments, embeds them, and stores the vectors.",
        "The model's context window is large, but every token still costs money and latency.",
        "I'd say it's worth counting tokens before sending: you'll avoid a 400 error when the prompt is too long.",
        "On Monday, the team shipped version %d.%d with fixes for streaming, retries and rate limits.",
        "Qwen3 models think before they answer unless enable_thinking is false; the reasoning is billed as output.",
        "\"Why does the batch take %d hours?\" she asked. \"Because the queue holds %d requests,\" he replied.",
    };
    private static final String[] CHINESE = {
        "通义千问是阿里云研发的大语言模型，支持多轮对话、工具调用和长文本理解。",
        "检索增强生成先把文档切分成片段，再计算向量并写入向量数据库。",
        "请在发送请求之前估算提示词的令牌数量，避免超出模型的上下文长度限制。",
        "今天北京的气温是%d摄氏度，空气质量良好，适合户外活动。",
        "我想在杭州工作%d年，然后去上海开一家咖啡店～",
    };
    private static final String[] CODE = {
        "public static int add%d(int a, int b) {\n    return a + b; // sum\n}\n",
        "def fetch_%d(url: str) -> dict:\n\tresponse = requests.get(url, timeout=30)\n\treturn response.json()\n",
        "for (int i = 0; i < %d; i++) {\n        if (values[i] != null && values[i].length() > 0) count++;\n    }\n",
        "{\"model\": \"qwen-plus\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi %d\"}], \"temperature\": 0.7}\n",
        "SELECT id, name, created_at FROM users WHERE score >= %d ORDER BY created_at DESC LIMIT 20;\n",
    };
    private static final String[] EMOJI = {
        "Launch day 🚀🚀 — tests ✅, docs 📚, coffee ☕ x%d 😅", "👩‍💻 + 🦙 = ❤️ (%d likes) 👍🏽🎉",
    };

    private TokenizerBenchmark() {}

    static List<Row> run() {
        String text = text(MEGABYTES * 1024 * 1024 / 2);
        // First use, in this JVM: reading the vocabulary (ours: 151,643 lines of qwen.tiktoken; JTokkit: its registry
        // and cl100k_base's 100,256 ranks) and the first count of a short text.
        long start = System.nanoTime();
        QwenTokenCountEstimator qwen = new QwenTokenCountEstimator();
        qwen.estimateTokenCountInText("Hello, Qwen!");
        double oursLoad = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        Encoding cl100k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
        cl100k.countTokensOrdinary("Hello, Qwen!");
        double jtokkitLoad = (System.nanoTime() - start) / 1e6;
        ToIntFunction<String> ours = qwen::estimateTokenCountInText;
        ToIntFunction<String> jtokkit = cl100k::countTokensOrdinary;
        int oursTokens = ours.applyAsInt(text);
        int jtokkitTokens = jtokkit.applyAsInt(text);
        for (int i = 0; i < 3; i++) { // warm-up: JIT of both
            ours.applyAsInt(text);
            jtokkit.applyAsInt(text);
        }
        double[] oursSeconds = new double[ROUNDS];
        double[] jtokkitSeconds = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            // alternate who goes first, so that drift on a shared machine spreads evenly
            if (round % 2 == 0) {
                oursSeconds[round] = seconds(ours, text);
                jtokkitSeconds[round] = seconds(jtokkit, text);
            } else {
                jtokkitSeconds[round] = seconds(jtokkit, text);
                oursSeconds[round] = seconds(ours, text);
            }
        }
        double oursRate = oursTokens / Benchmarks.median(oursSeconds);
        double jtokkitRate = jtokkitTokens / Benchmarks.median(jtokkitSeconds);
        double ratio = oursRate / jtokkitRate;
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(
                String.format("Local token counting, %,d chars of mixed text (EN, ZH, code, emoji)", text.length()),
                String.format(
                        "%.2f M tokens/s (%,d tokens; %.1f M chars/s)",
                        oursRate / 1e6, oursTokens, text.length() / Benchmarks.median(oursSeconds) / 1e6),
                String.format(
                        "%.2f M tokens/s (%,d tokens; %.1f M chars/s), JTokkit cl100k_base",
                        jtokkitRate / 1e6, jtokkitTokens, text.length() / Benchmarks.median(jtokkitSeconds) / 1e6),
                "-",
                String.format("%.2fx JTokkit", ratio),
                ">= 1x JTokkit",
                ratio >= 1));
        rows.add(new Row(
                "Local token counting: first use (load the vocabulary, count a short text)",
                String.format("%.0f ms", oursLoad),
                String.format("%.0f ms, JTokkit cl100k_base", jtokkitLoad),
                "-",
                String.format("%.2fx JTokkit", oursLoad / jtokkitLoad),
                "(reported)",
                true));
        return rows;
    }

    private static double seconds(ToIntFunction<String> counter, String text) {
        long start = System.nanoTime();
        int tokens = counter.applyAsInt(text);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (tokens <= 0) {
            throw new IllegalStateException("no tokens counted");
        }
        return seconds;
    }

    /** About {@code chars} characters of mixed paragraphs, the same on every run. */
    static String text(int chars) {
        Random random = new Random(17);
        String[][] kinds = {ENGLISH, CHINESE, CODE, EMOJI};
        int[] weights = {45, 30, 20, 5};
        StringBuilder text = new StringBuilder(chars + 1024);
        while (text.length() < chars) {
            int pick = random.nextInt(100);
            int kind = 0;
            while (pick >= weights[kind]) {
                pick -= weights[kind++];
            }
            String[] templates = kinds[kind];
            int sentences = 1 + random.nextInt(4);
            for (int i = 0; i < sentences; i++) {
                String template = templates[random.nextInt(templates.length)];
                text.append(String.format(template, random.nextInt(10_000), random.nextInt(100)));
                text.append(kind == 2 ? "" : kind == 1 ? "" : " ");
            }
            if (random.nextInt(4) == 0) {
                text.append("id_")
                        .append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36))
                        .append(' ');
            }
            text.append("\n\n");
        }
        return text.toString();
    }
}
