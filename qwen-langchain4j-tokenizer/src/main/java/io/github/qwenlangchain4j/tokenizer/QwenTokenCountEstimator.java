package io.github.qwenlangchain4j.tokenizer;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.data.video.Video;
import dev.langchain4j.model.TokenCountEstimator;
import io.github.qwenlangchain4j.tokenizer.internal.MediaSize;
import io.github.qwenlangchain4j.tokenizer.internal.ModelFamilies;
import io.github.qwenlangchain4j.tokenizer.internal.QwenBpeEncoder;
import io.github.qwenlangchain4j.tokenizer.internal.QwenBpeEncoder.IntList;
import io.github.qwenlangchain4j.tokenizer.internal.QwenVocabulary;
import io.github.qwenlangchain4j.tokenizer.internal.VisionTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Counts tokens the way Qwen does, locally: Qwen's own byte-level BPE (the 151,643-token vocabulary shared by Qwen2,
 * Qwen2.5 and Qwen3, plus their added tokens such as {@code <|im_start|>}), with Qwen2's NFC normalization and
 * pre-tokenization. No network: the vocabulary is in this jar.
 *
 * <p>{@link #forModel(String)} chooses by model name: Qwen2, Qwen2.5 and Qwen3 models (qwen3-*, qwen-plus, qwen-max,
 * qwen-flash, qwen3-vl-plus, qwq-*, ...) are counted with this vocabulary and their vision model's image block size;
 * Qwen3.5 and later models (qwen3.5-plus, qwen3.6-plus, qwen3.5-omni-*, ...) use a vocabulary of their own (248,320
 * ids) that this library does not ship, and are refused rather than miscounted, as are third-party models.
 *
 * <p>Messages are counted as Qwen's chat template renders them: {@code <|im_start|>role\n} content
 * {@code <|im_end|>\n} per message, and {@link #estimateTokenCountInMessages} adds the {@code <|im_start|>assistant\n}
 * that the model answers after, so that for a text conversation it predicts the {@code usage.prompt_tokens} Qwen
 * reports. No default system prompt is added when the conversation has none (Qwen3's template adds none, and the API
 * counts none).
 *
 * <p>Images and videos of a user message are estimated with the formulas of Model Studio's vision guide
 * (alibabacloud.com/help/en/model-studio/vision): an image of known size costs one token per block of 32 x 32 pixels
 * (28 x 28 for Qwen2.5-VL and QVQ) after it is scaled into 4 to 2,560 blocks (1,280 for 28-pixel models), plus 2.
 * The size is read from the header of base64 image data (PNG, JPEG, GIF, WebP; nothing else is decoded). An image
 * given by URL, or in another format, counts the most an image costs by default (2,562 tokens; 1,282 for 28-pixel
 * models), so a token window never keeps more than fits; with {@code vl_high_resolution_images} or a larger
 * {@code max_pixels} an image may cost more. A video given as base64 MP4 or MOV data is counted from its length and
 * frame size (2 frames a second, 4 to 768 frames, 128 to 768 blocks a frame, two frames per set of tokens); a video
 * given by URL counts the least a video costs at the largest frame size (1,538 tokens), so it is an underestimate for
 * anything longer than two seconds. What else is approximate:
 * <ul>
 *   <li>tool calls and tool results follow Qwen3's template ({@code <tool_call>} JSON in the assistant message,
 *       {@code <tool_response>} blocks in a user message), but the arguments are counted as the JSON string they are,
 *       whereas the server may re-serialize them;</li>
 *   <li>the tool definitions of a request are not messages, so they are not counted (the template puts them in the
 *       system message);</li>
 *   <li>audio, PDF and other non-text contents than images and videos are not counted, and several text contents of
 *       one user message are counted back to back;</li>
 *   <li>the thinking text of an {@link AiMessage} is not counted (Qwen's template drops it from past turns), nor the
 *       empty {@code <think>\n\n</think>\n\n} that hybrid Qwen3 models get when thinking is off.</li>
 * </ul>
 *
 * <p>Thread-safe and cheap to create: every instance shares the one vocabulary, loaded on first use.
 */
public class QwenTokenCountEstimator implements TokenCountEstimator {

    /** {@code <|im_start|>}, which opens every message of Qwen's chat template. */
    public static final int IM_START = 151_644;
    /** {@code <|im_end|>}, which closes every message of Qwen's chat template. */
    public static final int IM_END = 151_645;

    /** {@code <|im_start|>assistant\n}: the generation prompt after the last message. */
    private static final int GENERATION_PROMPT = 3;

    private final QwenBpeEncoder encoder;
    private final VisionTokens vision;

    /**
     * An estimator on the vocabulary of Qwen2, Qwen2.5 and Qwen3 (loaded once per class loader, on first use, in about a
     * tenth of a second), with the 32-pixel image blocks of Qwen3-VL. For a named model prefer {@link #forModel}, which
     * refuses the models this vocabulary would miscount.
     */
    public QwenTokenCountEstimator() {
        this(VisionTokens.BLOCKS_32);
    }

    private QwenTokenCountEstimator(VisionTokens vision) {
        this.encoder = new QwenBpeEncoder(QwenVocabulary.get());
        this.vision = vision;
    }

    /**
     * An estimator for {@code modelName}, with the vocabulary and image block size of its family (the table is in the
     * README's "Counting tokens locally"): Qwen2, Qwen2.5 and Qwen3 models, their commercial lines (qwen-plus,
     * qwen-max, qwen-flash, qwen-turbo, qwen-long, qwen-coder-*, qwen-mt-*, ...) and vision models (qwen3-vl-*,
     * qwen-vl-*, qwen2.5-vl-*, qvq-*). An organisation prefix such as {@code Qwen/} is ignored.
     *
     * @param modelName a Model Studio model name or an open-weight model's name; not blank
     * @return an estimator for that model
     * @throws IllegalArgumentException for Qwen3.5 and later models (qwen3.5-plus, qwen3.5-flash, qwen3.6-plus,
     *     qwen3.5-omni-*, ...), whose own 248,320-id vocabulary this library does not ship; for third-party models
     *     (DeepSeek, Kimi, GLM, ...); and for a name of no known family. The message names the model and says why.
     */
    public static QwenTokenCountEstimator forModel(String modelName) {
        return new QwenTokenCountEstimator(ModelFamilies.of(modelName).vision());
    }

    /**
     * Counts the tokens of {@code text} as plain text: an added token's text in it, such as {@code <|im_end|>}, counts
     * as the characters it is made of.
     *
     * @param text the text; not null
     * @return the number of tokens
     */
    @Override
    public int estimateTokenCountInText(String text) {
        return encoder.encodeOrdinary(requireText(text), null);
    }

    /**
     * Counts one message as Qwen's chat template renders it: {@code <|im_start|>role\n}, its content, {@code
     * <|im_end|>\n} (a tool result alone is counted as its own {@code <tool_response>} block of a user message).
     *
     * @param message a system, user, AI or tool-result message; not null
     * @return the number of tokens
     * @throws IllegalArgumentException for a message type Qwen's chat template has no role for
     */
    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
        if (message instanceof ToolExecutionResultMessage result) {
            return toolResultsOpening() + toolResult(result) + 2;
        }
        return countMessage(message);
    }

    /**
     * Counts a conversation as Qwen's chat template renders it, with the {@code <|im_start|>assistant\n} that the
     * answer follows: for a text conversation, the {@code usage.prompt_tokens} that Qwen reports for it. Consecutive
     * tool results share one user message, as in the template.
     *
     * @param messages the conversation; not null
     * @return the number of tokens
     * @throws IllegalArgumentException for a message type Qwen's chat template has no role for
     */
    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
        if (messages == null) {
            throw new IllegalArgumentException("messages must not be null");
        }
        int count = 0;
        boolean inToolResults = false;
        for (Iterator<ChatMessage> it = messages.iterator(); it.hasNext(); ) {
            ChatMessage message = it.next();
            if (message instanceof ToolExecutionResultMessage result) {
                if (!inToolResults) {
                    count += toolResultsOpening();
                    inToolResults = true;
                }
                count += toolResult(result);
                continue;
            }
            if (inToolResults) {
                count += 2; // <|im_end|>\n
                inToolResults = false;
            }
            count += countMessage(message);
        }
        if (inToolResults) {
            count += 2;
        }
        return count + GENERATION_PROMPT;
    }

    /**
     * The token ids of {@code text} encoded as plain text (as {@link #estimateTokenCountInText} counts it); the same
     * ids as Hugging Face's Qwen2 tokenizer gives for text without added tokens.
     *
     * @param text the text; not null
     * @return the token ids, in order
     */
    public int[] encode(String text) {
        IntList ids = new IntList();
        encoder.encodeOrdinary(requireText(text), ids);
        return ids.toArray();
    }

    /**
     * The token ids of {@code text} with the added tokens in it ({@code <|im_start|>}, {@code <|im_end|>},
     * {@code <tool_call>}, {@code <think>}, ... up to id 151668) recognised as single tokens, as Hugging Face's Qwen2
     * tokenizer encodes a rendered chat template.
     *
     * @param text the text; not null
     * @return the token ids, in order
     */
    public int[] encodeWithSpecialTokens(String text) {
        IntList ids = new IntList();
        encoder.encodeWithAddedTokens(requireText(text), ids);
        return ids.toArray();
    }

    /**
     * The text of token ids: their bytes decoded as UTF-8 (a sequence that ends inside a character decodes that
     * character as U+FFFD).
     *
     * @param ids token ids from 0 to 151668; not null
     * @return the text
     * @throws IllegalArgumentException for an id that is not in Qwen's vocabulary
     */
    public String decode(int[] ids) {
        if (ids == null) {
            throw new IllegalArgumentException("ids must not be null");
        }
        QwenVocabulary vocabulary = encoder.vocabulary();
        int room = vocabulary.maxTokenBytes();
        byte[] bytes = new byte[Math.max(16, ids.length * 4)];
        int length = 0;
        for (int id : ids) {
            if (bytes.length - length < room) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + room));
            }
            length = vocabulary.appendBytes(id, bytes, length);
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    // ---- the chat template

    private int countMessage(ChatMessage message) {
        if (message instanceof SystemMessage system) {
            return block("system", system.text());
        }
        if (message instanceof UserMessage user) {
            return block("user", userText(user)) + mediaTokens(user);
        }
        if (message instanceof AiMessage ai) {
            return aiMessage(ai);
        }
        if (message instanceof ToolExecutionResultMessage result) {
            return estimateTokenCountInMessage(result);
        }
        throw new IllegalArgumentException("QwenTokenCountEstimator cannot count a "
                + (message == null ? "null message" : message.getClass().getSimpleName())
                + ": Qwen's chat template has roles for system, user, AI and tool-result messages only");
    }

    /** {@code <|im_start|>role\ncontent<|im_end|>\n}: role, line break and content are one text to the tokenizer. */
    private int block(String role, String content) {
        return 1 + ordinary(role + "\n" + content) + 2;
    }

    /**
     * Qwen3's template: {@code <|im_start|>assistant\n} content, then per call (after a line break unless it is the
     * first call of a message without content) {@code <tool_call>\n{"name": "...", "arguments": ...}\n</tool_call>},
     * then {@code <|im_end|>\n}.
     */
    private int aiMessage(AiMessage ai) {
        String content = ai.text() == null ? "" : ai.text();
        if (!ai.hasToolExecutionRequests()) {
            return block("assistant", content);
        }
        StringBuilder text = new StringBuilder("assistant\n").append(content);
        int count = 1;
        boolean first = true;
        for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
            if (!first || !content.isEmpty()) {
                text.append('\n');
            }
            count += ordinary(text.toString()) + 1; // the text before, <tool_call>
            String arguments = call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments();
            text.setLength(0);
            text.append("\n{\"name\": \"")
                    .append(call.name())
                    .append("\", \"arguments\": ")
                    .append(arguments)
                    .append("}\n");
            count += ordinary(text.toString()) + 1; // the call, </tool_call>
            text.setLength(0);
            first = false;
        }
        return count + 2;
    }

    /** {@code <|im_start|>user} before the first of consecutive tool results. */
    private int toolResultsOpening() {
        return 1 + ordinary("user");
    }

    /** {@code \n<tool_response>\ncontent\n</tool_response>}. */
    private int toolResult(ToolExecutionResultMessage result) {
        String content = result.text() == null ? "" : result.text();
        return ordinary("\n") + 1 + ordinary("\n" + content + "\n") + 1;
    }

    private static String userText(UserMessage user) {
        if (user.hasSingleText()) {
            return user.singleText();
        }
        StringBuilder text = new StringBuilder();
        for (Content content : user.contents()) {
            if (content instanceof TextContent textContent) {
                text.append(textContent.text());
            }
        }
        return text.toString();
    }

    /**
     * The images and videos of a user message: Qwen's template puts each inline as {@code <|vision_start|>}, its pad
     * tokens and {@code <|vision_end|>}, which is what {@link VisionTokens} counts.
     */
    private int mediaTokens(UserMessage user) {
        int count = 0;
        for (Content content : user.contents()) {
            if (content instanceof ImageContent image) {
                count += imageTokens(image.image());
            } else if (content instanceof VideoContent video) {
                count += videoTokens(video.video());
            }
        }
        return count;
    }

    private int imageTokens(Image image) {
        MediaSize.Pixels size = MediaSize.image(inlineData(image.base64Data(), image.url()));
        return size == null ? vision.unknownImage() : vision.image(size.width(), size.height());
    }

    private int videoTokens(Video video) {
        MediaSize.Clip clip = MediaSize.video(inlineData(video.base64Data(), video.url()));
        return clip == null ? vision.unknownVideo() : vision.video(clip.width(), clip.height(), clip.seconds());
    }

    /** The base64 data of a medium, or its {@code data:} URL; null when it is only a link. */
    private static String inlineData(String base64, URI url) {
        if (base64 != null) {
            return base64;
        }
        return url != null && "data".equals(url.getScheme()) ? url.toString() : null;
    }

    private int ordinary(String text) {
        return encoder.encodeOrdinary(text, null);
    }

    private static String requireText(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        return text;
    }
}
