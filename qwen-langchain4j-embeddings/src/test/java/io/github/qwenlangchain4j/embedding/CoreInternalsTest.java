package io.github.qwenlangchain4j.embedding;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * This module reaches into the core's {@code internal} packages only through a small, named set of types: the
 * transport and its retry and error rules, the JSON mapper, the usage record, the batch engine and its bridge to LangChain4j's batch types. Anything else
 * there may change without notice; a new need is added here on purpose, not by accident.
 */
class CoreInternalsTest {

    private static final Set<String> ALLOWED = Set.of(
            "io.github.qwenlangchain4j.internal.client.QwenClient",
            "io.github.qwenlangchain4j.internal.client.RetryPolicy",
            "io.github.qwenlangchain4j.internal.client.ErrorMapper",
            "io.github.qwenlangchain4j.internal.json.Json",
            "io.github.qwenlangchain4j.internal.api.Usage",
            "io.github.qwenlangchain4j.internal.batch.BatchEngine",
            "io.github.qwenlangchain4j.internal.batch.LangChain4jBatches");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> location.contains("qwen-langchain4j-embeddings"))
            .importPackages("io.github.qwenlangchain4j");

    @Test
    void should_use_the_cores_internals_only_through_the_named_types() {
        noClasses()
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "core internals outside " + ALLOWED, CoreInternalsTest::isUnlistedCoreInternal))
                .check(CLASSES);
    }

    private static boolean isUnlistedCoreInternal(JavaClass type) {
        if (!type.getPackageName().startsWith("io.github.qwenlangchain4j.internal")) {
            return false;
        }
        String outermost = type.getName().contains("$")
                ? type.getName().substring(0, type.getName().indexOf('$'))
                : type.getName();
        return !ALLOWED.contains(outermost);
    }
}
