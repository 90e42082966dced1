package io.github.qwenlangchain4j.tokenizer;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.TokenCountEstimator;
import io.github.qwenlangchain4j.tokenizer.internal.QwenBpeEncoder;
import io.github.qwenlangchain4j.tokenizer.internal.QwenBpeEncoder.IntList;
import io.github.qwenlangchain4j.tokenizer.internal.QwenVocabulary;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Counts tokens the way Qwen does, locally: Qwen's own byte-level BPE (the 151,643-token vocabulary shared by Qwen2,
 * Qwen2.5 and Qwen3, plus their added tokens such as {@code <|im_start|>}), with Qwen2's NFC normalization and
 * pre-tokenization. No network: the vocabulary is in this jar.
 *
 * <p>Messages are counted as Qwen's chat template renders them: {@code <|im_start|>role\n} content
 * {@code <|im_end|>\n} per message, and {@link #estimateTokenCountInMessages} adds the {@code <|im_start|>assistant\n}
 * that the model answers after, so that for a text conversation it predicts the {@code usage.prompt_tokens} Qwen
 * reports. No default system prompt is added when the conversation has none (Qwen3's template adds none, and the API
 * counts none). What is approximate:
 * <ul>
 *   <li>tool calls and tool results follow Qwen3's template ({@code <tool_call>} JSON in the assistant message,
 *       {@code <tool_response>} blocks in a user message), but the arguments are counted as the JSON string they are,
 *       whereas the server may re-serialize them;</li>
 *   <li>the tool definitions of a request are not messages, so they are not counted (the template puts them in the
 *       system message);</li>
 *   <li>images, audio, video and other non-text contents are not counted, and several text contents of one user
 *       message are counted back to back;</li>
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

    /** An estimator on Qwen's vocabulary (loaded once per class loader, on first use, in about a tenth of a second). */
    public QwenTokenCountEstimator() {
        this.encoder = new QwenBpeEncoder(QwenVocabulary.get());
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
            return block("user", userText(user));
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
