package io.github.qwenlangchain4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The layering of the core module, as rules that fail the build:
 * <ul>
 *   <li>each feature is a slice, its public package with its {@code internal} one ({@code batch} with
 *       {@code internal.batch}, ...); the root package with the shared internals ({@code internal.client},
 *       {@code internal.mapper}, {@code internal.stream}, {@code internal.json}, {@code internal.api}) is the
 *       {@code core} slice; slices have no cycles;</li>
 *   <li>the core slice depends on no feature: features build on it, never the other way round;</li>
 *   <li>the public API exposes no {@code internal} type: no public method of a public class takes or returns one.
 *       (Builders' protected "internal use" hooks may hand a {@code QwenClient} to the library's own subclasses in
 *       other packages and modules; users never see them on the classes they use.)</li>
 * </ul>
 */
class ArchitectureTest {

    private static final String ROOT = "io.github.qwenlangchain4j";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> location.contains("qwen-langchain4j-core")) // not the testkit's classes
            .importPackages(ROOT);

    @Test
    void should_have_no_cycles_between_features() {
        slices().assignedFrom(new com.tngtech.archunit.library.dependencies.SliceAssignment() {
                    @Override
                    public com.tngtech.archunit.library.dependencies.SliceIdentifier getIdentifierOf(JavaClass type) {
                        return com.tngtech.archunit.library.dependencies.SliceIdentifier.of(featureOf(type));
                    }

                    @Override
                    public String getDescription() {
                        return "features (a public package with its internal one; the root with the shared internals)";
                    }
                })
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void should_keep_the_core_free_of_features() {
        noClasses()
                .that(inFeature("core"))
                .should()
                .dependOnClassesThat(DescribedPredicate.not(inFeature("core"))
                        .and(DescribedPredicate.describe(
                                "in this library",
                                (JavaClass type) -> type.getPackageName().startsWith(ROOT))))
                .check(CLASSES);
    }

    @Test
    void should_expose_no_internal_type_in_the_public_api() {
        ArchRule rule = noCodeUnits()
                .that()
                .arePublic()
                .and()
                .areDeclaredInClassesThat()
                .arePublic()
                .and()
                .areDeclaredInClassesThat()
                .resideOutsideOfPackage(ROOT + ".internal..")
                .should()
                .haveRawReturnType(DescribedPredicate.describe("an internal type", ArchitectureTest::isInternal))
                .orShould()
                .haveRawParameterTypes(DescribedPredicate.describe(
                        "an internal type",
                        (java.util.List<JavaClass> types) -> types.stream().anyMatch(ArchitectureTest::isInternal)));
        rule.check(CLASSES);
    }

    @Test
    void should_keep_builder_hooks_that_reach_internals_out_of_the_public_eye() {
        // the hooks that hand internals to the library's own subclasses are protected, never public
        noCodeUnits()
                .that()
                .areDeclaredInClassesThat()
                .resideOutsideOfPackage(ROOT + ".internal..")
                .and()
                .areDeclaredInClassesThat()
                .arePublic()
                .and()
                .haveRawReturnType(DescribedPredicate.describe("an internal type", ArchitectureTest::isInternal))
                .should()
                .haveModifier(JavaModifier.PUBLIC)
                .check(CLASSES);
    }

    private static boolean isInternal(JavaClass type) {
        return type.getPackageName().startsWith(ROOT + ".internal");
    }

    private static DescribedPredicate<JavaClass> inFeature(String feature) {
        return DescribedPredicate.describe(
                "in feature " + feature, type -> featureOf(type).equals(feature));
    }

    /**
     * {@code core} for the root package and the shared internals, else the feature's name: {@code batch} for
     * {@code batch} and {@code internal.batch}.
     */
    static String featureOf(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(ROOT + ".")) {
            return "core";
        }
        String rest = name.substring(ROOT.length() + 1);
        if (rest.startsWith("internal.")) {
            rest = rest.substring("internal.".length());
        }
        String top = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
        return switch (top) {
            case "client", "mapper", "stream", "json", "api", "internal" -> "core";
            default -> top;
        };
    }
}
