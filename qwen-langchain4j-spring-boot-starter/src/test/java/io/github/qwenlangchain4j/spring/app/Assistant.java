package io.github.qwenlangchain4j.spring.app;

/** The AI service of the demo application. */
public interface Assistant {

    String chat(String message);
}
