package io.github.qwenlangchain4j.responses;

/**
 * A web page a built-in tool used, or that the answer cites.
 *
 * @param url     the page's URL, or null when Qwen sent none
 * @param title   the page's title, or null
 * @param snippet a passage of the page, or null
 */
public record QwenSource(String url, String title, String snippet) {}
