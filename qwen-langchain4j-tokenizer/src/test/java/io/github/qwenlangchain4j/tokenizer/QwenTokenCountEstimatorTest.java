package io.github.qwenlangchain4j.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.memory.chat.TokenWindowChatMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QwenTokenCountEstimatorTest {

    private static final QwenTokenCountEstimator ESTIMATOR = new QwenTokenCountEstimator();
    private static final SystemMessage HELPFUL = SystemMessage.from("You are a helpful assistant.");

    @Nested
    class Prompt_tokens_that_Qwen_reported {

        /**
         * The Batch API example of Model Studio's docs (alibabacloud.com/help/en/model-studio/batch-interfaces-compatible-with-openai;
         * this project's shared/fixtures/batch/input_chat.jsonl and output_chat.jsonl, custom_id 2): qwen-plus reported
         * {@code "prompt_tokens":26} for this conversation.
         */
        @Test
        void the_batch_example_is_counted_exactly() {
            List<ChatMessage> conversation = List.of(HELPFUL, UserMessage.from("What is 2+2?"));

            assertThat(ESTIMATOR.estimateTokenCountInMessages(conversation)).isEqualTo(26);
        }

        /**
         * The chat examples of Model Studio's "OpenAI compatible - Chat" reference (this project's shared/seeds/001, the
         * OpenAI SDK, LangChain and streaming examples, all run in 2024) report {@code "prompt_tokens": 22} for the same
         * shape of conversation with "Who are you?". The template has 23 tokens (11 for the system message, 9 for the
         * user message, 3 for the assistant prefix; the ids of the same template are checked token by token below),
         * and the 2025 batch example above counts the whole template. So the estimator follows the template, and is
         * one token above those 2024 reports; the same page's curl example (11 tokens) is one below the template
         * without the system message, the same difference.
         */
        @Test
        void the_2024_chat_examples_are_one_token_below_the_template() {
            List<ChatMessage> conversation = List.of(HELPFUL, UserMessage.from("Who are you?"));
            int reportedIn2024 = 22;

            assertThat(ESTIMATOR.estimateTokenCountInMessages(conversation)).isEqualTo(reportedIn2024 + 1);
        }
    }

    @Nested
    class The_chat_template {

        /**
         * Ids published by the llumnix project (github.com/AlibabaPAI/llumnix, test generate_engine_core_request:
         * "tokenizer by Qwen2.5-7B") for this conversation rendered with Qwen's chat template and the generation prompt.
         */
        private static final int[] LLUMNIX_IDS = {
            151644, 8948, 198, 2610, 525, 264, 10950, 17847, 13, 151645, 198, 151644, 872, 198, 111308, 11, 220, 14880,
            45181, 220, 16, 47685, 26939, 220, 16, 15, 15, 15, 15, 15, 15, 15, 13, 151645, 198, 151644, 77091, 198
        };

        @Test
        void is_rendered_to_the_ids_of_the_reference_tokenizer() {
            String rendered = "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
                    + "<|im_start|>user\n您好, 请从 1 数到 10000000.<|im_end|>\n<|im_start|>assistant\n";

            assertThat(ESTIMATOR.encodeWithSpecialTokens(rendered)).containsExactly(LLUMNIX_IDS);
            assertThat(ESTIMATOR.estimateTokenCountInMessages(
                            List.of(HELPFUL, UserMessage.from("您好, 请从 1 数到 10000000."))))
                    .isEqualTo(LLUMNIX_IDS.length);
        }

        @Test
        void adds_no_default_system_prompt_when_there_is_no_system_message() {
            // Qwen3's template adds none (Qwen2.5's local template would add "You are Qwen, created by Alibaba
            // Cloud...",
            // about 20 tokens, which the API's counts above do not show).
            int rendered = ESTIMATOR.encodeWithSpecialTokens(
                            "<|im_start|>user\nWho are you?<|im_end|>\n<|im_start|>assistant\n")
                    .length;

            assertThat(ESTIMATOR.estimateTokenCountInMessages(List.of(UserMessage.from("Who are you?"))))
                    .isEqualTo(rendered)
                    .isEqualTo(12);
        }

        @Test
        void counts_a_conversation_as_its_messages_plus_the_assistant_prefix() {
            List<ChatMessage> conversation = List.of(
                    HELPFUL,
                    UserMessage.from("Recommend a sci-fi movie."),
                    AiMessage.from("I recommend 'Interstellar'."),
                    UserMessage.from("Who directed it?"));
            int messages = conversation.stream()
                    .mapToInt(ESTIMATOR::estimateTokenCountInMessage)
                    .sum();

            assertThat(ESTIMATOR.estimateTokenCountInMessages(conversation)).isEqualTo(messages + 3);
            // <|im_start|>assistant\nI recommend 'Interstellar'.<|im_end|>\n
            assertThat(ESTIMATOR.estimateTokenCountInMessage(conversation.get(2)))
                    .isEqualTo(ESTIMATOR.encodeWithSpecialTokens(
                                    "<|im_start|>assistant\nI recommend 'Interstellar'.<|im_end|>\n")
                            .length);
        }

        @Test
        void keeps_the_line_break_after_the_role_and_the_content_together() {
            // "user\n" and a content that starts with line breaks are one text: "\n\n\n" is one token (1406), not
            // three.
            String content = "\n\nHello";
            int rendered = ESTIMATOR.encodeWithSpecialTokens("<|im_start|>user\n" + content + "<|im_end|>\n").length;

            assertThat(ESTIMATOR.estimateTokenCountInMessage(UserMessage.from(content)))
                    .isEqualTo(rendered);
        }

        /**
         * Tool calls and results as Qwen3's chat template renders them (tokenizer_config.json of huggingface.co/Qwen/Qwen3-8B:
         * {@code <tool_call>} JSON lines in the assistant message, consecutive results as {@code <tool_response>} blocks
         * of one user message); the parallel calls are those of Model Studio's function-calling docs
         * (shared/fixtures/chat/message_tool_call_parallel.json).
         */
        @Test
        void renders_tool_calls_and_results_as_Qwen3_does() {
            List<ChatMessage> conversation = List.of(
                    UserMessage.from("What is the weather like in Beijing and Shanghai?"),
                    AiMessage.from(List.of(
                            call("call_c2d8a3a24c4d4929b26ae2", "{\"location\": \"Beijing\"}"),
                            call("call_dc7f2f678f1944da9194cd", "{\"location\": \"Shanghai\"}"))),
                    ToolExecutionResultMessage.from(
                            "call_c2d8a3a24c4d4929b26ae2", "get_current_weather", "Sunny, 25°C"),
                    ToolExecutionResultMessage.from(
                            "call_dc7f2f678f1944da9194cd", "get_current_weather", "Rain, 18°C"));
            String rendered = "<|im_start|>user\nWhat is the weather like in Beijing and Shanghai?<|im_end|>\n"
                    + "<|im_start|>assistant\n"
                    + "<tool_call>\n{\"name\": \"get_current_weather\", \"arguments\": {\"location\": \"Beijing\"}}\n</tool_call>\n"
                    + "<tool_call>\n{\"name\": \"get_current_weather\", \"arguments\": {\"location\": \"Shanghai\"}}\n</tool_call>"
                    + "<|im_end|>\n"
                    + "<|im_start|>user\n<tool_response>\nSunny, 25°C\n</tool_response>\n"
                    + "<tool_response>\nRain, 18°C\n</tool_response><|im_end|>\n"
                    + "<|im_start|>assistant\n";

            assertThat(ESTIMATOR.estimateTokenCountInMessages(conversation))
                    .isEqualTo(ESTIMATOR.encodeWithSpecialTokens(rendered).length);
        }

        @Test
        void puts_a_line_break_between_the_text_and_the_first_tool_call() {
            AiMessage message = AiMessage.from("Let me check.", List.of(call("call_1", "{\"location\": \"Beijing\"}")));
            String rendered = "<|im_start|>assistant\nLet me check.\n"
                    + "<tool_call>\n{\"name\": \"get_current_weather\", \"arguments\": {\"location\": \"Beijing\"}}\n</tool_call>"
                    + "<|im_end|>\n";

            assertThat(ESTIMATOR.estimateTokenCountInMessage(message))
                    .isEqualTo(ESTIMATOR.encodeWithSpecialTokens(rendered).length);
        }

        @Test
        void counts_a_tool_result_alone_as_its_own_user_message() {
            String rendered = "<|im_start|>user\n<tool_response>\nSunny\n</tool_response><|im_end|>\n";

            assertThat(ESTIMATOR.estimateTokenCountInMessage(
                            ToolExecutionResultMessage.from("call_1", "weather", "Sunny")))
                    .isEqualTo(ESTIMATOR.encodeWithSpecialTokens(rendered).length);
        }

        @Test
        void should_count_the_images_of_a_user_message_beside_its_text() {
            UserMessage withImage = UserMessage.from(
                    TextContent.from("What is in this picture?"), ImageContent.from("https://example.com/cat.png"));

            // An image given by URL counts the most an image costs by default: 2,560 blocks + 2.
            assertThat(ESTIMATOR.estimateTokenCountInMessage(withImage))
                    .isEqualTo(ESTIMATOR.estimateTokenCountInMessage(UserMessage.from("What is in this picture?"))
                            + 2_562);
        }

        @Test
        void counts_an_added_token_typed_in_a_message_as_plain_text() {
            // A user cannot open a new message by typing <|im_end|>: it is the characters it is made of.
            assertThat(ESTIMATOR.estimateTokenCountInText("<|im_end|>")).isGreaterThan(1);
            assertThat(ESTIMATOR.estimateTokenCountInMessage(UserMessage.from("<|im_end|>")))
                    .isEqualTo(3 + ESTIMATOR.estimateTokenCountInText("user\n<|im_end|>"));
        }

        private ToolExecutionRequest call(String id, String arguments) {
            return ToolExecutionRequest.builder()
                    .id(id)
                    .name("get_current_weather")
                    .arguments(arguments)
                    .build();
        }
    }

    @Nested
    class Encoding {

        @Test
        void recognises_Qwen3s_added_tokens_only_when_asked_to() {
            String text = "<think>\nok\n</think>\n\n<tool_call><tool_response><|endoftext|>";

            assertThat(ESTIMATOR.encodeWithSpecialTokens(text))
                    .startsWith(151667)
                    .contains(151668, 151657, 151665)
                    .endsWith(151643);
            assertThat(Arrays.stream(ESTIMATOR.encode(text)).max().orElseThrow())
                    .isLessThan(151643);
        }

        @Test
        void normalizes_to_NFC_as_Qwen2s_tokenizer_does() {
            assertThat(ESTIMATOR.encode("Cafe\u0301 crème")).containsExactly(ESTIMATOR.encode("Caf\u00e9 crème"));
        }

        @Test
        void decodes_code_Chinese_and_emoji_back_to_the_same_text() {
            String text = "public static void main(String[] args) {\n    System.out.println(\"你好，世界 👋🏽\");\n}\n"
                    + "def f(x):\n\treturn x ** 2  # 平方\r\n";

            assertThat(ESTIMATOR.decode(ESTIMATOR.encode(text))).isEqualTo(text);
            assertThat(ESTIMATOR.estimateTokenCountInText(text)).isEqualTo(ESTIMATOR.encode(text).length);
        }

        @Test
        void encodes_a_megabyte_without_a_space_as_one_piece() {
            // A pasted blob is one pre-tokenization piece: merged in n log n, not n squared (which would take hours).
            StringBuilder blob = new StringBuilder();
            for (int i = 0; i < 1_000_000; i++) {
                blob.append((char) ('a' + (i * 7 + i / 13) % 26));
            }
            String text = blob.toString();

            int[] ids = ESTIMATOR.encode(text);

            assertThat(ESTIMATOR.decode(ids)).isEqualTo(text);
            assertThat(ids.length).isBetween(text.length() / 10, text.length() - 1); // merged, and not to nothing
        }

        @Test
        void decodes_added_tokens_to_their_text() {
            assertThat(ESTIMATOR.decode(new int[] {151644, 872, 198, 9707, 151645}))
                    .isEqualTo("<|im_start|>user\nHello<|im_end|>");
        }

        @Test
        void counts_long_texts_without_spaces() {
            String chinese = "通义千问是阿里云研发的大语言模型".repeat(200);

            assertThat(ESTIMATOR.decode(ESTIMATOR.encode(chinese))).isEqualTo(chinese);
            assertThat(ESTIMATOR.estimateTokenCountInText(chinese)).isLessThan(chinese.length());
        }
    }

    @Nested
    class Bad_input {

        @Test
        void null_text_is_refused_by_name() {
            assertThatThrownBy(() -> ESTIMATOR.estimateTokenCountInText(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("text must not be null");
            assertThatThrownBy(() -> ESTIMATOR.estimateTokenCountInMessages(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("messages must not be null");
        }

        @Test
        void a_message_without_a_role_in_Qwens_template_is_refused_by_type() {
            CustomMessage custom = CustomMessage.from(Map.of("k", "v"));

            assertThatThrownBy(() -> ESTIMATOR.estimateTokenCountInMessage(custom))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CustomMessage");
        }

        @Test
        void an_id_outside_the_vocabulary_is_refused_by_value() {
            assertThatThrownBy(() -> ESTIMATOR.decode(new int[] {151669}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("151669");
        }
    }

    @Nested
    class In_LangChain4j {

        @Test
        void TokenWindowChatMemory_keeps_the_newest_messages_that_fit() {
            TokenWindowChatMemory memory = TokenWindowChatMemory.withMaxTokens(60, ESTIMATOR);
            List<ChatMessage> all = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                all.add(UserMessage.from("Question number " + i + " about Qwen?"));
                all.add(AiMessage.from("Answer number " + i + "."));
            }
            memory.add(HELPFUL);
            all.forEach(memory::add);

            List<ChatMessage> kept = memory.messages();
            List<ChatMessage> newest = kept.subList(1, kept.size());
            assertThat(kept.get(0)).isEqualTo(HELPFUL); // the system message is never evicted
            assertThat(newest).isEqualTo(all.subList(all.size() - newest.size(), all.size()));
            assertThat(ESTIMATOR.estimateTokenCountInMessages(kept)).isLessThanOrEqualTo(60);
            List<ChatMessage> oneMore = new ArrayList<>(kept);
            oneMore.add(1, all.get(all.size() - newest.size() - 1));
            assertThat(ESTIMATOR.estimateTokenCountInMessages(oneMore)).isGreaterThan(60);
        }

        @Test
        void DocumentSplitters_recursive_cuts_segments_of_at_most_the_given_tokens() {
            String text = ("Qwen is a family of large language models built by Alibaba Cloud. "
                            + "通义千问支持中文和英文。 It handles code, too: `int x = 42;`.\n\n")
                    .repeat(30);

            List<TextSegment> segments =
                    DocumentSplitters.recursive(50, 0, ESTIMATOR).split(Document.from(text));

            assertThat(segments).hasSizeGreaterThan(10);
            assertThat(segments)
                    .allSatisfy(segment -> assertThat(ESTIMATOR.estimateTokenCountInText(segment.text()))
                            .isLessThanOrEqualTo(50));
        }
    }
}
