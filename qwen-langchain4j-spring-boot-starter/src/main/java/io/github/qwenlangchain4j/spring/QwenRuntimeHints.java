package io.github.qwenlangchain4j.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.util.ClassUtils;

/**
 * Reflection hints for GraalVM native images, for everything Jackson binds by reflection: the records of Qwen's wire
 * format (request and response bodies, stream events, batch and Responses API objects) and the public records the
 * library returns (batch jobs, files, pages, conversations), so that an application that returns them from a REST
 * controller can serialize them. Spring's AOT processing reads it from {@code META-INF/spring/aot.factories}.
 *
 * <p>The records are found by scanning {@link #PACKAGES} at build time (AOT runs on the JVM), so a record added to
 * one of them is covered without touching this class; {@link BindingReflectionHintsRegistrar} registers what Jackson
 * needs of each (canonical constructor, accessors, fields) and of the types its components name (nested records,
 * enums, generic arguments). Packages of qwen-langchain4j-embeddings are skipped when it is not on the classpath.
 */
public class QwenRuntimeHints implements RuntimeHintsRegistrar {

    /** The packages whose records Jackson reads or writes. */
    static final List<String> PACKAGES = List.of(
            "io.github.qwenlangchain4j",
            "io.github.qwenlangchain4j.internal.api",
            "io.github.qwenlangchain4j.internal.batch",
            "io.github.qwenlangchain4j.internal.files",
            "io.github.qwenlangchain4j.internal.responses",
            "io.github.qwenlangchain4j.batch",
            "io.github.qwenlangchain4j.files",
            "io.github.qwenlangchain4j.responses",
            "io.github.qwenlangchain4j.internal.rerank",
            "io.github.qwenlangchain4j.rerank",
            "io.github.qwenlangchain4j.internal.catalog",
            "io.github.qwenlangchain4j.embedding",
            "io.github.qwenlangchain4j.embedding.internal");

    /** Creates the registrar; Spring's AOT processing instantiates it from {@code aot.factories}. */
    public QwenRuntimeHints() {}

    /**
     * Registers the binding hints of every record in {@link #PACKAGES}.
     *
     * @param hints       where the hints go
     * @param classLoader the application's class loader, or null for the default one
     */
    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        ClassLoader loader = classLoader != null ? classLoader : ClassUtils.getDefaultClassLoader();
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(loader);
        MetadataReaderFactory readers = new CachingMetadataReaderFactory(resolver);
        BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
        try {
            for (String packageName : PACKAGES) {
                String pattern = "classpath*:" + ClassUtils.convertClassNameToResourcePath(packageName) + "/*.class";
                for (Resource resource : resolver.getResources(pattern)) {
                    var metadata = readers.getMetadataReader(resource).getClassMetadata();
                    if (Record.class.getName().equals(metadata.getSuperClassName())) {
                        binding.registerReflectionHints(
                                hints.reflection(), ClassUtils.resolveClassName(metadata.getClassName(), loader));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not scan the qwen-langchain4j packages for records", e);
        }
    }
}
