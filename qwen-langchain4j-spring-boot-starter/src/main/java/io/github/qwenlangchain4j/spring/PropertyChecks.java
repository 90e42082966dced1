package io.github.qwenlangchain4j.spring;

import io.github.qwenlangchain4j.QwenConnectionBuilder;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Checks one property value at a time, where it is applied, so that a refused value fails the startup with an
 * {@link InvalidConfigurationPropertyValueException} naming that property (Spring Boot's failure analyzer prints it
 * with the property's origin, e.g. the line of application.yaml).
 *
 * <p>The property is known by construction: each check is given the property's name and its value only. Where the
 * library has a public type that validates one value on its own (request parameters, search options, audio output,
 * a model built with only its name and that option), the check hands the value to it, so that the rule and its
 * wording stay the library's; the reason is the library's message. The other rules, which the library only applies
 * inside its HTTP client, are written here ({@link #require}).
 *
 * <p>Never give an API key or a password as a value: the message shows it.
 */
final class PropertyChecks {

    /**
     * The API key of a probe, a model built only to have the library check one option: the builder requires a key,
     * and a probe never calls Qwen.
     */
    static final String PROBE_KEY = "probe-never-sent";

    private PropertyChecks() {}

    /**
     * The value, after {@code probe} accepted it; {@code probe} hands the value, alone, to the library type that
     * validates it, and may throw {@link IllegalArgumentException}. Unset (null) values are not probed: the library's
     * default applies to them.
     *
     * @throws InvalidConfigurationPropertyValueException naming {@code property}, with the library's message
     */
    static <V> V acceptedIfSet(String property, V value, Consumer<? super V> probe) {
        return value == null ? null : accepted(property, value, probe);
    }

    /**
     * {@code value}, once a probe builder with {@code option} set to it has been built: the library's own checks of
     * the option, run at startup and reported under {@code property}; null when unset.
     */
    static <B extends QwenConnectionBuilder<?, B>, V> V probed(
            String property, V value, Supplier<B> probe, BiFunction<B, V, B> option) {
        return acceptedIfSet(property, value, v -> option.apply(probe.get(), v).build());
    }

    /** The same, probing null too: for a value that the library requires once its section is used. */
    static <V> V accepted(String property, V value, Consumer<? super V> probe) {
        try {
            probe.accept(value);
        } catch (IllegalArgumentException refused) {
            InvalidConfigurationPropertyValueException invalid =
                    new InvalidConfigurationPropertyValueException(property, value, refused.getMessage());
            // Its constructor takes no cause and forbids setting one later; keep the library's stack trace anyway.
            invalid.addSuppressed(refused);
            throw invalid;
        }
        return value;
    }

    /**
     * The value, when unset or {@code valid}; {@code reason} need not repeat the value, the message shows it.
     *
     * @throws InvalidConfigurationPropertyValueException naming {@code property}, with {@code reason}
     */
    static <V> V require(String property, V value, Predicate<? super V> valid, String reason) {
        if (value != null && !valid.test(value)) {
            throw new InvalidConfigurationPropertyValueException(property, value, reason);
        }
        return value;
    }

    /**
     * Builds what the properties under {@code section} describe, once each property has been checked. A rule that
     * involves several properties (e.g. Responses built-in tools that need each other) can still refuse the
     * combination here; the failure then names the section, the only thing known for certain.
     */
    static <T> T build(String section, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException refused) {
            throw new IllegalStateException(
                    "Invalid Qwen configuration under " + section + ".*: " + refused.getMessage(), refused);
        }
    }
}
