package io.github.qwenlangchain4j.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns a model builder's {@link IllegalArgumentException} into a startup failure that names the property to fix.
 * The builders name the option in their messages ("dimensions 100 is not supported by text-embedding-v4"); this
 * class knows which property feeds which builder option and reports the first one the message mentions, as an
 * {@link InvalidConfigurationPropertyValueException} (which Spring Boot's failure analyzer prints with the
 * property's origin). The API key is never registered here, so its value cannot end up in a message.
 */
final class BuilderOptions {

    private record Option(Pattern builderName, String property, Object value) {}

    private final String section;
    private final List<Option> options = new ArrayList<>();

    /** @param section the properties the model is built from, for messages that name no known option */
    BuilderOptions(String section) {
        this.section = section;
    }

    /** Declares that builder option {@code builderName} is fed by {@code property} with {@code value}. */
    BuilderOptions option(String builderName, String property, Object value) {
        options.add(new Option(Pattern.compile("\\b" + Pattern.quote(builderName) + "\\b"), property, value));
        return this;
    }

    /** Runs {@code build}, translating its {@link IllegalArgumentException}. */
    <T> T build(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw translate(e);
        }
    }

    private RuntimeException translate(IllegalArgumentException e) {
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        Option named = null;
        int earliest = Integer.MAX_VALUE;
        for (Option option : options) {
            Matcher matcher = option.builderName().matcher(reason);
            if (matcher.find() && matcher.start() < earliest) {
                earliest = matcher.start();
                named = option;
            }
        }
        if (named == null) {
            return new IllegalStateException("Invalid Qwen configuration under " + section + ".*: " + reason, e);
        }
        InvalidConfigurationPropertyValueException translated =
                new InvalidConfigurationPropertyValueException(named.property(), named.value(), reason);
        // Its constructor sets no cause and forbids setting one later; keep the builder's stack trace anyway.
        translated.addSuppressed(e);
        return translated;
    }
}
