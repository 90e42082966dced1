package io.github.qwenlangchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qwenlangchain4j.QwenChatModel;
import io.github.qwenlangchain4j.batch.QwenBatch;
import io.github.qwenlangchain4j.embedding.QwenEmbeddingModel;
import io.github.qwenlangchain4j.internal.api.ChatCompletionResponse;
import io.github.qwenlangchain4j.internal.responses.ResponseEvent;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The GraalVM reflection hints cover every record Jackson may bind. The records are found here by walking the class
 * files of the core and embeddings jars (not through the registrar's own scan), so that a record added anywhere in
 * them fails this test until its package is hinted or listed below as one Jackson never sees.
 */
class QwenRuntimeHintsTest {

    /** Packages whose records are plain values Jackson never reads or writes (plans, retry state, stream state). */
    private static final Set<String> NOT_BOUND_BY_JACKSON = Set.of(
            "io.github.qwenlangchain4j.internal.client",
            "io.github.qwenlangchain4j.internal.mapper",
            "io.github.qwenlangchain4j.internal.stream",
            "io.github.qwenlangchain4j.internal.json");

    private static RuntimeHints hints;

    @BeforeAll
    static void registerHints() {
        hints = new RuntimeHints();
        new QwenRuntimeHints().registerHints(hints, QwenRuntimeHintsTest.class.getClassLoader());
    }

    @Test
    void should_be_listed_in_aot_factories() {
        List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader.forResourceLocation(
                        "META-INF/spring/aot.factories")
                .load(RuntimeHintsRegistrar.class);
        assertThat(registrars).hasAtLeastOneElementOfType(QwenRuntimeHints.class);
    }

    @Test
    void should_cover_every_record_of_core_and_embeddings_for_jackson() throws Exception {
        List<Class<?>> records = new ArrayList<>();
        records.addAll(recordsIn(QwenChatModel.class));
        records.addAll(recordsIn(QwenEmbeddingModel.class));
        List<Class<?>> bound = records.stream()
                .filter(type -> !NOT_BOUND_BY_JACKSON.contains(type.getPackageName()))
                .toList();
        // the wire and public records, nested ones included
        assertThat(bound)
                .hasSizeGreaterThan(40)
                .contains(
                        ChatCompletionResponse.class,
                        ChatCompletionResponse.Choice.class,
                        ResponseEvent.class,
                        QwenBatch.class);

        ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();
        assertThat(bound).allSatisfy(type -> {
            assertThat(reflection.onType(type).withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
                    .as("constructors of %s", type.getName())
                    .accepts(hints);
            Class<?>[] componentTypes = Stream.of(type.getRecordComponents())
                    .map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            assertThat(reflection.onConstructor(type.getDeclaredConstructor(componentTypes)))
                    .as("canonical constructor of %s", type.getName())
                    .accepts(hints);
            for (RecordComponent component : type.getRecordComponents()) {
                assertThat(reflection.onMethod(component.getAccessor()))
                        .as("accessor %s of %s", component.getName(), type.getName())
                        .accepts(hints);
            }
        });
    }

    @Test
    void should_not_hint_records_jackson_never_sees() throws Exception {
        List<Class<?>> plain = recordsIn(QwenChatModel.class).stream()
                .filter(type -> NOT_BOUND_BY_JACKSON.contains(type.getPackageName()))
                .toList();
        assertThat(plain)
                .isNotEmpty()
                .allSatisfy(
                        type -> assertThat(RuntimeHintsPredicates.reflection().onType(type))
                                .as(type.getName())
                                .rejects(hints));
    }

    /** Every record among the class files of the jar (or classes directory) {@code anchor} was loaded from. */
    private static List<Class<?>> recordsIn(Class<?> anchor) throws Exception {
        Path location = Path.of(
                anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> records = new ArrayList<>();
        if (Files.isDirectory(location)) {
            collect(location, records);
        } else {
            try (FileSystem jar =
                    FileSystems.newFileSystem(URI.create("jar:" + location.toUri()), java.util.Map.of())) {
                collect(jar.getPath("/"), records);
            }
        }
        return records;
    }

    private static void collect(Path root, List<Class<?>> records) throws Exception {
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(root)) {
            classFiles = files.filter(file -> file.toString().endsWith(".class")
                            && !file.getFileName().toString().equals("module-info.class")
                            && !file.getFileName().toString().equals("package-info.class"))
                    .toList();
        }
        for (Path file : classFiles) {
            String name = root.relativize(file)
                    .toString()
                    .replace('\\', '/')
                    .replaceAll("\\.class$", "")
                    .replace('/', '.');
            Class<?> type = Class.forName(name, false, QwenRuntimeHintsTest.class.getClassLoader());
            if (type.isRecord()) {
                records.add(type);
            }
        }
    }
}
