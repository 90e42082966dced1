package io.github.qwenlangchain4j.benchmarks.coldstart;

/** A JVM that starts and exits doing nothing: what every program pays before its first line runs. */
public final class EmptyColdStart {

    private EmptyColdStart() {}

    public static void main(String[] args) {
        System.out.println("started");
    }
}
