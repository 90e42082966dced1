/**
 * The child programs of the cold-start benchmark: each one is started in a fresh JVM by
 * {@code ColdStartBenchmark}, makes one sync chat call to the base URL given as its only argument, prints the
 * answer and returns from {@code main}; the process must then exit by itself. They touch nothing else, so that the
 * classes they load are the ones a first call needs.
 */
package io.github.qwenlangchain4j.benchmarks.coldstart;
