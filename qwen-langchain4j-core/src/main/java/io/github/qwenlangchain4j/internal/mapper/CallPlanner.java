package io.github.qwenlangchain4j.internal.mapper;

import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import io.github.qwenlangchain4j.QwenChatRequestParameters;
import io.github.qwenlangchain4j.QwenReasoningEffort;
import io.github.qwenlangchain4j.internal.mapper.QwenModels.Thinking;
import io.github.qwenlangchain4j.internal.mapper.QwenModels.ThinkingControl;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that decides how a chat request must be sent to a model: thinking or not, {@code enable_thinking}
 * sent or not, JSON mode or instruction only, streamed or not. It starts from what
 * {@link QwenModels} knows of model names and learns from Qwen's refusals ({@link #learnFrom}), so a model the
 * name list does not know costs one refused call, once per planner. Thread-safe; one per chat model.
 *
 * <p>The rules: when the caller asked for thinking (or the model always thinks), JSON is steered by instruction only
 * and a forced tool is refused before sending. {@code reasoningEffort(NONE)} switches thinking off like
 * {@code enableThinking(false)}, and contradicts {@code enableThinking(true)}. A thinking control the model is known
 * not to take ({@code thinkingBudget}, {@code reasoningEffort}, {@code preserveThinking}: see {@link QwenModels}) is
 * refused before sending; budget and effort are sent only when the request thinks. When the caller did not choose and the request needs JSON mode or a
 * forced tool on a model that thinks by default, {@code enable_thinking: false} is sent. A synchronous call streams
 * internally whenever the model thinks or only streams.
 */
public final class CallPlanner {

    /** How the caller will read the answer. */
    public enum Transport {
        /** {@code ChatModel.chat()}: streamed internally when the model requires it. */
        SYNC,
        /** {@code StreamingChatModel.chat()}: always streamed. */
        STREAM,
        /** A Batch API line: never streamed (Qwen's batch engine runs thinking models without streaming). */
        BATCH
    }

    private final Map<String, Learned> learned = new ConcurrentHashMap<>();
    /** What each model name tells, worked out once per name: planning runs on every request. */
    private final Map<String, Learned> byName = new ConcurrentHashMap<>();

    /** What Qwen's refusals taught about a model name beyond {@link QwenModels}. */
    private record Learned(Thinking thinking, boolean streamOnly, boolean streamsWhileThinking) {

        static Learned fromName(String model) {
            return new Learned(
                    QwenModels.thinkingOf(model),
                    QwenModels.isStreamOnly(model),
                    QwenModels.streamsWhileThinking(model));
        }
    }

    /** Plans a request with these merged parameters. */
    public CallPlan plan(QwenChatRequestParameters parameters, Transport transport) {
        String model = parameters.modelName();
        checkThinkingControls(parameters);
        Boolean choice = callerThinkingChoice(parameters);
        boolean effortOff = parameters.reasoningEffort() == QwenReasoningEffort.NONE;
        if (Boolean.TRUE.equals(choice) && effortOff) {
            throw new IllegalArgumentException("enableThinking(true) and reasoningEffort(NONE) contradict each other:"
                    + " reasoning effort none switches thinking off. Drop one of them.");
        }
        Learned facts = known(model);
        Thinking behaviour = facts.thinking();
        boolean needsNonThinking = needsJsonMode(parameters) || forcesTool(parameters);

        Boolean enableThinking = choice;
        boolean thinking;
        if (behaviour == Thinking.ALWAYS) {
            thinking = true;
        } else if (choice != null) {
            thinking = choice;
        } else if (effortOff) {
            // reasoning_effort "none" is the switch; enable_thinking stays the model's default
            thinking = false;
        } else if (behaviour == Thinking.ON_BY_DEFAULT) {
            thinking = !needsNonThinking;
            if (needsNonThinking) {
                // JSON mode and forced tools are refused while thinking: switch it off for this call only.
                enableThinking = Boolean.FALSE;
            }
        } else {
            thinking = false;
        }
        boolean stream = switch (transport) {
            case STREAM -> true;
            case BATCH -> false;
            // An explicit enableThinking(true) streams on every model; a model that thinks by default only where it
            // must (commercial models answer while thinking without streaming, open-weight ones do not).
            // Audio output is only served streamed ("'audio' output only support with stream=true").
            case SYNC ->
                Boolean.TRUE.equals(choice)
                        || facts.streamOnly()
                        || (thinking && facts.streamsWhileThinking())
                        || parameters.audioOutput() != null;
        };
        return new CallPlan(model, thinking, enableThinking, needsJsonMode(parameters) && !thinking, stream);
    }

    /**
     * Learns from a 400 that Qwen gave a request sent by {@code plan}: a model that must stream, or one that was
     * thinking although the plan did not expect it.
     *
     * @return whether the planner now knows more, so that planning the request again gives a different plan
     */
    public boolean learnFrom(String qwenMessage, CallPlan plan) {
        if (qwenMessage == null || plan.model() == null) {
            return false;
        }
        String model = plan.model();
        Learned before = known(model);
        Learned after = before;
        if (QwenModels.isStreamOnlyRefusal(qwenMessage)) {
            // Stream-only models are thinking models (Omni models, which are not, are known by name): plan them as
            // thinking from now on, so that the streamed retry is a thinking request, not the same one streamed.
            after = new Learned(atLeast(before.thinking(), Thinking.ON_BY_DEFAULT), true, true);
        } else if (QwenModels.isThinkingNeedsStreamRefusal(qwenMessage)) {
            after = new Learned(atLeast(before.thinking(), Thinking.ON_BY_DEFAULT), before.streamOnly(), true);
        } else if (QwenModels.isThinkingOnlyRefusal(qwenMessage)) {
            after = alwaysThinks();
        } else if (QwenModels.isRefusedWhileThinking(qwenMessage) && !plan.thinking()) {
            // The model thought although the plan did not expect it. If we had switched thinking off, the switch
            // does not work on this model: it always thinks.
            after = Boolean.FALSE.equals(plan.enableThinking())
                    ? alwaysThinks()
                    : new Learned(
                            atLeast(before.thinking(), Thinking.ON_BY_DEFAULT),
                            before.streamOnly(),
                            before.streamsWhileThinking());
        }
        if (after.equals(before)) {
            return false;
        }
        learned.put(key(model), after);
        return true;
    }

    /** A thinking-only model: like QwQ, it only streams. */
    private static Learned alwaysThinks() {
        return new Learned(Thinking.ALWAYS, true, true);
    }

    /** What is known of a model: what refusals taught, else what its name tells. */
    private Learned known(String model) {
        if (model == null) {
            return Learned.fromName(null);
        }
        Learned known = learned.isEmpty() ? null : learned.get(key(model));
        return known != null ? known : byName.computeIfAbsent(model, Learned::fromName);
    }

    /**
     * Refuses a thinking control the model is known not to take ({@link QwenModels#refusedControl}): Qwen ignores it
     * there without a word, so the caller would think it applied. A custom parameter of the same name is the caller's
     * own business and is sent as given.
     */
    private static void checkThinkingControls(QwenChatRequestParameters parameters) {
        Set<ThinkingControl> requested = EnumSet.noneOf(ThinkingControl.class);
        Map<String, Object> custom = parameters.customParameters();
        if (parameters.thinkingBudget() != null) {
            requested.add(ThinkingControl.BUDGET);
        }
        if (parameters.reasoningEffort() != null) {
            requested.add(ThinkingControl.EFFORT);
        }
        if (Boolean.TRUE.equals(parameters.preserveThinking())) {
            requested.add(ThinkingControl.PRESERVE);
        }
        if (custom != null) {
            requested.removeIf(control -> custom.containsKey(control.wireName()));
        }
        ThinkingControl refused = QwenModels.refusedControl(parameters.modelName(), requested);
        if (refused != null) {
            throw new UnsupportedFeatureException("The model " + parameters.modelName() + " does not take "
                    + refused.option() + " (" + refused.wireName() + "): Qwen would ignore it. "
                    + switch (refused) {
                        case BUDGET -> "The model does not think; drop thinkingBudget for it.";
                        case EFFORT ->
                            "reasoning_effort is taken by Qwen3.8 and later (e.g. qwen3.8-max); use"
                                    + " thinkingBudget to limit thinking on this model.";
                        case PRESERVE -> "preserve_thinking is taken by Qwen3.5 and later (e.g. qwen3.6-plus).";
                    }
                    + " To send it anyway, put \"" + refused.wireName() + "\" in customParameters.");
        }
    }

    /**
     * The caller's {@code enable_thinking}: a custom parameter of that name wins over the typed option, as it wins
     * on the wire.
     */
    static Boolean callerThinkingChoice(QwenChatRequestParameters parameters) {
        Map<String, Object> custom = parameters.customParameters();
        if (custom != null && custom.get("enable_thinking") instanceof Boolean value) {
            return value;
        }
        return parameters.enableThinking();
    }

    private static boolean needsJsonMode(QwenChatRequestParameters parameters) {
        return parameters.responseFormat() != null
                && parameters.responseFormat().type() == ResponseFormatType.JSON;
    }

    private static boolean forcesTool(QwenChatRequestParameters parameters) {
        return parameters.toolChoice() == ToolChoice.REQUIRED
                && parameters.toolSpecifications() != null
                && parameters.toolSpecifications().size() == 1;
    }

    private static Thinking atLeast(Thinking current, Thinking floor) {
        return current.ordinal() >= floor.ordinal() ? current : floor;
    }

    private static String key(String model) {
        return model.toLowerCase(Locale.ROOT);
    }
}
