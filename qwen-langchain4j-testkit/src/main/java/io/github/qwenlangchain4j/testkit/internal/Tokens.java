package io.github.qwenlangchain4j.testkit.internal;

/** A rough token count for the mock's usage figures: about one token per four characters, at least one. */
final class Tokens {

    private Tokens() {}

    static int estimate(String text) {
        return text == null || text.isEmpty() ? 0 : Math.max(1, text.length() / 4);
    }
}
