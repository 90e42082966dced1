package io.github.qwenlangchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ToolChoice;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QwenChatRequestParametersTest {

    static final QwenSearchOptions MAX =
            QwenSearchOptions.builder().searchStrategy("max").build();
    static final QwenSearchOptions TURBO = QwenSearchOptions.builder()
            .searchStrategy("turbo")
            .forcedSearch(true)
            .build();

    /** Every field set. */
    static QwenChatRequestParameters.Builder defaults() {
        return QwenChatRequestParameters.builder()
                .modelName("qwen-plus")
                .temperature(0.5)
                .topP(0.9)
                .topK(10)
                .presencePenalty(0.1)
                .maxOutputTokens(100)
                .stopSequences(List.of("a"))
                .toolSpecifications(ToolSpecification.builder().name("t1").build())
                .toolChoice(ToolChoice.AUTO)
                .responseFormat(ResponseFormat.TEXT)
                .seed(1)
                .repetitionPenalty(1.1)
                .enableThinking(false)
                .thinkingBudget(100)
                .enableSearch(false)
                .searchOptions(TURBO)
                .vlHighResolutionImages(false)
                .enableCodeInterpreter(false)
                .parallelToolCalls(false)
                .cacheSystemMessages(false)
                .cacheConversation(false)
                .audioOutput(QwenAudioOutput.voice("Ethan"))
                .customParameters(Map.of("a", 1, "b", 2));
    }

    // ---- merging ----

    @Test
    void should_let_every_field_the_override_sets_win_and_keep_the_others() {
        QwenChatRequestParameters base = defaults().build();
        QwenChatRequestParameters request = QwenChatRequestParameters.builder()
                .temperature(0.9)
                .seed(7)
                .enableThinking(true)
                .searchOptions(MAX)
                .customParameters(Map.of("b", 20, "c", 30))
                .build();

        QwenChatRequestParameters merged = base.overrideWith(request);

        assertThat(merged.temperature()).isEqualTo(0.9);
        assertThat(merged.seed()).isEqualTo(7);
        assertThat(merged.enableThinking()).isTrue();
        assertThat(merged.searchOptions()).isEqualTo(MAX);
        assertThat(merged.customParameters()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 20, "c", 30));
        // untouched fields keep the defaults
        assertThat(merged.modelName()).isEqualTo("qwen-plus");
        assertThat(merged.topP()).isEqualTo(0.9);
        assertThat(merged.topK()).isEqualTo(10);
        assertThat(merged.presencePenalty()).isEqualTo(0.1);
        assertThat(merged.maxOutputTokens()).isEqualTo(100);
        assertThat(merged.stopSequences()).containsExactly("a");
        assertThat(merged.toolSpecifications())
                .extracting(ToolSpecification::name)
                .containsExactly("t1");
        assertThat(merged.toolChoice()).isEqualTo(ToolChoice.AUTO);
        assertThat(merged.responseFormat()).isEqualTo(ResponseFormat.TEXT);
        assertThat(merged.repetitionPenalty()).isEqualTo(1.1);
        assertThat(merged.thinkingBudget()).isEqualTo(100);
        assertThat(merged.enableSearch()).isFalse();
        assertThat(merged.vlHighResolutionImages()).isFalse();
        assertThat(merged.enableCodeInterpreter()).isFalse();
        assertThat(merged.parallelToolCalls()).isFalse();
    }

    @Test
    void should_let_every_qwen_field_of_the_override_win() {
        QwenChatRequestParameters override = QwenChatRequestParameters.builder()
                .seed(2)
                .repetitionPenalty(1.2)
                .enableThinking(true)
                .thinkingBudget(200)
                .enableSearch(true)
                .searchOptions(MAX)
                .vlHighResolutionImages(true)
                .enableCodeInterpreter(true)
                .parallelToolCalls(true)
                .cacheSystemMessages(true)
                .cacheConversation(true)
                .audioOutput(QwenAudioOutput.voice("Cherry"))
                .build();

        QwenChatRequestParameters merged = defaults().build().overrideWith(override);

        assertThat(merged.seed()).isEqualTo(2);
        assertThat(merged.repetitionPenalty()).isEqualTo(1.2);
        assertThat(merged.enableThinking()).isTrue();
        assertThat(merged.thinkingBudget()).isEqualTo(200);
        assertThat(merged.enableSearch()).isTrue();
        assertThat(merged.searchOptions()).isEqualTo(MAX);
        assertThat(merged.vlHighResolutionImages()).isTrue();
        assertThat(merged.enableCodeInterpreter()).isTrue();
        assertThat(merged.parallelToolCalls()).isTrue();
        assertThat(merged.cacheSystemMessages()).isTrue();
        assertThat(merged.cacheConversation()).isTrue();
        assertThat(merged.audioOutput()).isEqualTo(QwenAudioOutput.voice("Cherry"));
        assertThat(merged.toString())
                .contains(
                        "cacheSystemMessages=true",
                        "cacheConversation=true",
                        "audioOutput=QwenAudioOutput{voice=Cherry, format=wav}");
    }

    @Test
    void should_make_defaulted_by_the_mirror_of_override_with() {
        QwenChatRequestParameters base = defaults().build();
        QwenChatRequestParameters request = QwenChatRequestParameters.builder()
                .modelName("qwen-max")
                .thinkingBudget(500)
                .customParameters(Map.of("a", 10))
                .build();

        QwenChatRequestParameters merged = request.defaultedBy(base);

        assertThat(merged).isEqualTo(base.overrideWith(request));
        assertThat(merged.modelName()).isEqualTo("qwen-max");
        assertThat(merged.thinkingBudget()).isEqualTo(500);
        assertThat(merged.seed()).isEqualTo(1);
        assertThat(merged.customParameters()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 10, "b", 2));
    }

    @Test
    void should_keep_custom_parameters_when_the_override_has_none() {
        QwenChatRequestParameters merged = defaults()
                .build()
                .overrideWith(QwenChatRequestParameters.builder().build());
        assertThat(merged.customParameters()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 2));
        assertThat(QwenChatRequestParameters.EMPTY
                        .overrideWith(QwenChatRequestParameters.EMPTY)
                        .customParameters())
                .isNull();
    }

    @Test
    void should_keep_qwen_fields_when_overridden_by_plain_parameters() {
        ChatRequestParameters plain = DefaultChatRequestParameters.builder()
                .temperature(0.2)
                .modelName("qwen-turbo")
                .build();

        QwenChatRequestParameters merged = defaults().build().overrideWith(plain);

        assertThat(merged.temperature()).isEqualTo(0.2);
        assertThat(merged.modelName()).isEqualTo("qwen-turbo");
        assertThat(merged.seed()).isEqualTo(1);
        assertThat(merged.searchOptions()).isEqualTo(TURBO);
        assertThat(merged.customParameters()).containsEntry("a", 1);
    }

    @Test
    void should_keep_qwen_fields_when_defaulted_by_plain_parameters() {
        ChatRequestParameters plain =
                DefaultChatRequestParameters.builder().temperature(0.2).topK(3).build();
        QwenChatRequestParameters request =
                QwenChatRequestParameters.builder().enableSearch(true).topK(50).build();

        QwenChatRequestParameters merged = request.defaultedBy(plain);

        assertThat(merged.enableSearch()).isTrue();
        assertThat(merged.topK()).isEqualTo(50);
        assertThat(merged.temperature()).isEqualTo(0.2);
    }

    @Test
    void should_keep_qwen_fields_when_plain_parameters_are_overridden_by_qwen_ones() {
        ChatRequestParameters plain = DefaultChatRequestParameters.builder()
                .temperature(0.2)
                .modelName("qwen-plus")
                .build();
        QwenChatRequestParameters request =
                QwenChatRequestParameters.builder().enableThinking(true).build();

        ChatRequestParameters merged = plain.overrideWith(request);

        assertThat(merged).isInstanceOf(QwenChatRequestParameters.class);
        assertThat(((QwenChatRequestParameters) merged).enableThinking()).isTrue();
        assertThat(merged.temperature()).isEqualTo(0.2);
        assertThat(merged.modelName()).isEqualTo("qwen-plus");
    }

    @Test
    void should_not_change_either_side_when_merging() {
        QwenChatRequestParameters base = defaults().build();
        QwenChatRequestParameters request = QwenChatRequestParameters.builder()
                .seed(9)
                .customParameters(Map.of("z", 0))
                .build();
        QwenChatRequestParameters baseCopy = defaults().build();

        base.overrideWith(request);

        assertThat(base).isEqualTo(baseCopy);
        assertThat(request.customParameters()).containsOnlyKeys("z");
    }

    // ---- value semantics ----

    @Test
    void should_be_equal_with_the_same_fields() {
        assertThat(defaults().build())
                .isEqualTo(defaults().build())
                .hasSameHashCodeAs(defaults().build());
    }

    @Test
    void should_differ_in_every_qwen_field() {
        QwenChatRequestParameters base = defaults().build();
        assertThat(defaults().seed(2).build()).isNotEqualTo(base);
        assertThat(defaults().repetitionPenalty(1.3).build()).isNotEqualTo(base);
        assertThat(defaults().enableThinking(true).build()).isNotEqualTo(base);
        assertThat(defaults().thinkingBudget(5).build()).isNotEqualTo(base);
        assertThat(defaults().enableSearch(true).build()).isNotEqualTo(base);
        assertThat(defaults().searchOptions(MAX).build()).isNotEqualTo(base);
        assertThat(defaults().vlHighResolutionImages(true).build()).isNotEqualTo(base);
        assertThat(defaults().enableCodeInterpreter(true).build()).isNotEqualTo(base);
        assertThat(defaults().parallelToolCalls(true).build()).isNotEqualTo(base);
        assertThat(defaults().cacheSystemMessages(true).build()).isNotEqualTo(base);
        assertThat(defaults().cacheConversation(true).build()).isNotEqualTo(base);
        assertThat(defaults().audioOutput(QwenAudioOutput.of("Ethan", "pcm")).build())
                .isNotEqualTo(base)
                .doesNotHaveSameHashCodeAs(base);
        assertThat(defaults().customParameters(Map.of("a", 1)).build()).isNotEqualTo(base);
        assertThat(defaults().temperature(0.6).build()).isNotEqualTo(base);
    }

    @Test
    void should_not_equal_plain_parameters_with_the_same_common_fields() {
        QwenChatRequestParameters qwen =
                QwenChatRequestParameters.builder().temperature(0.3).build();
        ChatRequestParameters plain =
                DefaultChatRequestParameters.builder().temperature(0.3).build();
        assertThat(qwen).isNotEqualTo(plain);
        assertThat(plain).isNotEqualTo(qwen);
    }

    @Test
    void should_show_every_field_in_to_string() {
        String text = defaults().build().toString();
        assertThat(text)
                .contains(
                        "modelName=qwen-plus",
                        "temperature=0.5",
                        "seed=1",
                        "repetitionPenalty=1.1",
                        "enableThinking=false",
                        "thinkingBudget=100",
                        "enableSearch=false",
                        "searchOptions=QwenSearchOptions{",
                        "vlHighResolutionImages=false",
                        "enableCodeInterpreter=false",
                        "parallelToolCalls=false",
                        "customParameters={",
                        "a=1",
                        "b=2");
    }

    @Test
    void should_copy_custom_parameters_and_make_them_unmodifiable() {
        Map<String, Object> custom = new HashMap<>(Map.of("a", 1));
        QwenChatRequestParameters parameters =
                QwenChatRequestParameters.builder().customParameters(custom).build();
        custom.put("b", 2);
        assertThat(parameters.customParameters()).containsOnlyKeys("a");
        assertThatThrownBy(() -> parameters.customParameters().put("c", 3))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- validation ----

    @Test
    void should_refuse_a_thinking_budget_that_is_not_positive() {
        assertThatThrownBy(() ->
                        QwenChatRequestParameters.builder().thinkingBudget(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("thinkingBudget");
        assertThatThrownBy(() ->
                        QwenChatRequestParameters.builder().thinkingBudget(-5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-5");
        assertThat(QwenChatRequestParameters.builder().thinkingBudget(1).build().thinkingBudget())
                .isEqualTo(1);
    }

    @Test
    void should_refuse_a_repetition_penalty_that_is_not_positive() {
        assertThatThrownBy(() -> QwenChatRequestParameters.builder()
                        .repetitionPenalty(0.0)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repetitionPenalty");
        assertThatThrownBy(() -> QwenChatRequestParameters.builder()
                        .repetitionPenalty(-1.0)
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(QwenChatRequestParameters.builder()
                        .repetitionPenalty(0.5)
                        .build()
                        .repetitionPenalty())
                .isEqualTo(0.5);
    }

    @Test
    void should_refuse_a_null_custom_parameter_key() {
        Map<String, Object> custom = new HashMap<>();
        custom.put(null, 1);
        assertThatThrownBy(() -> QwenChatRequestParameters.builder()
                        .customParameters(custom)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null key");
    }

    @Test
    void should_refuse_both_output_limits_at_once_naming_them() {
        assertThatThrownBy(() ->
                        defaults().maxOutputTokens(100).maxCompletionTokens(200).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxOutputTokens (max_tokens)")
                .hasMessageContaining("maxCompletionTokens (max_completion_tokens)");
        assertThatThrownBy(() ->
                        defaults().maxOutputTokens(null).maxCompletionTokens(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxCompletionTokens (max_completion_tokens) must be 1 or more");
    }

    @Test
    void should_let_a_requests_output_limit_replace_the_models_whichever_kind_each_is() {
        QwenChatRequestParameters modelLimitsTokens =
                defaults().maxOutputTokens(100).build();
        QwenChatRequestParameters modelLimitsCompletion =
                defaults().maxOutputTokens(null).maxCompletionTokens(300).build();

        QwenChatRequestParameters completionOverTokens = modelLimitsTokens.overrideWith(
                QwenChatRequestParameters.builder().maxCompletionTokens(200).build());
        assertThat(completionOverTokens.maxCompletionTokens()).isEqualTo(200);
        assertThat(completionOverTokens.maxOutputTokens()).isNull();

        QwenChatRequestParameters tokensOverCompletion = modelLimitsCompletion.overrideWith(
                ChatRequestParameters.builder().maxOutputTokens(50).build());
        assertThat(tokensOverCompletion.maxOutputTokens()).isEqualTo(50);
        assertThat(tokensOverCompletion.maxCompletionTokens()).isNull();

        QwenChatRequestParameters untouched = modelLimitsCompletion.overrideWith(
                QwenChatRequestParameters.builder().temperature(0.2).build());
        assertThat(untouched.maxCompletionTokens()).isEqualTo(300);
        assertThat(untouched.maxOutputTokens()).isNull();
    }
}
