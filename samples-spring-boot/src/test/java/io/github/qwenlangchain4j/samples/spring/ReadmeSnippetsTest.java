package io.github.qwenlangchain4j.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```java} and {@code ```xml} block of the repository's README.md, checked as written (issue 13). Run
 * just this test with {@code scripts/check-readme-snippets.sh}; it also runs in {@code mvn -B verify}.
 *
 * <p>It lives in samples-spring-boot because that test classpath has everything the README shows: the core, the
 * embeddings module, the testkit, LangChain4j's AI services and RAG, Spring Boot with the starter, Spring MVC,
 * JUnit and AssertJ.
 *
 * <p><b>Java blocks</b> are compiled in-process by {@code javax.tools.JavaCompiler} ({@code --release 17}) against
 * this test's classpath, each block on its own (a block never sees what another block declares). A block is one
 * of three kinds:
 * <ol>
 *   <li><b>A compilation unit as written</b>: it has a {@code package} or an {@code import} declaration. It is
 *       compiled exactly as it is, with nothing added: it must show all its imports.</li>
 *   <li><b>Type declarations only</b> (classes, interfaces, records, enums; e.g. the Spring Boot application):
 *       compiled as one compilation unit after the {@link #IMPORTS prelude imports}.</li>
 *   <li><b>A fragment</b>: statements, possibly with type declarations among them. The statements become the body
 *       of an instance method {@code void snippet() throws Exception} (so checked exceptions need no handling),
 *       the type declarations become member types of the enclosing class (so their order does not matter), and
 *       the prelude imports apply. The enclosing class also declares the {@link #CONTEXT context fields}, which a
 *       fragment may use without declaring them; a fragment's own local variable of the same name shadows the
 *       field, so a fragment may also declare them itself.</li>
 * </ol>
 * Anything else a block uses (a type declared in another block, an application's own method such as
 * {@code save(...)}, an input such as {@code tickets}) it must declare, or it fails. A fragment cannot declare
 * methods (a method declaration is not a statement): a snippet that needs helper methods is written as a type
 * declaration (kind 2), e.g. a class whose method holds the example. The prelude is deliberately
 * fixed: a README snippet may leave out the imports of the types listed there, and of nothing else; a snippet
 * that needs another type writes it fully qualified or shows its imports (kind 1).
 *
 * <p><b>XML blocks</b> are checked by {@link ReadmeXmlCheck}: see there.
 */
class ReadmeSnippetsTest {

    /**
     * The prelude: what a README snippet of kind 2 or 3 may use without showing an import. Whole packages of the
     * library's public API, of LangChain4j's commonly shown APIs, of the JDK, Spring Boot/MVC and JUnit; plus
     * single-type imports that settle the clashes between them (single-type imports win over on-demand ones):
     * {@code UserMessage} and {@code SystemMessage} are the message classes, not the AI-service annotations of
     * {@code dev.langchain4j.service} (write {@code @dev.langchain4j.service.UserMessage} or show imports), and
     * {@code TimeoutException} is LangChain4j's, the one {@code QwenBatchJob.await} throws. AssertJ's
     * {@code assertThat} and {@code assertThatThrownBy} are imported statically.
     */
    static final List<String> IMPORTS = List.of(
            // the library
            "io.github.qwenlangchain4j.*",
            "io.github.qwenlangchain4j.batch.*",
            "io.github.qwenlangchain4j.files.*",
            "io.github.qwenlangchain4j.embedding.*",
            "io.github.qwenlangchain4j.rerank.*",
            "io.github.qwenlangchain4j.responses.*",
            "io.github.qwenlangchain4j.testkit.*",
            "io.github.qwenlangchain4j.tokenizer.*",
            "io.github.qwenlangchain4j.spring.*",
            // LangChain4j
            "dev.langchain4j.agent.tool.*",
            "dev.langchain4j.data.document.*",
            "dev.langchain4j.data.document.loader.*",
            "dev.langchain4j.data.document.splitter.*",
            "dev.langchain4j.data.embedding.*",
            "dev.langchain4j.data.message.*",
            "dev.langchain4j.data.segment.*",
            "dev.langchain4j.exception.*",
            "dev.langchain4j.memory.chat.*",
            "dev.langchain4j.model.batch.*",
            "dev.langchain4j.model.chat.*",
            "dev.langchain4j.model.chat.listener.*",
            "dev.langchain4j.model.chat.request.*",
            "dev.langchain4j.model.chat.response.*",
            "dev.langchain4j.model.embedding.*",
            "dev.langchain4j.model.embedding.request.*",
            "dev.langchain4j.model.output.*",
            "dev.langchain4j.rag.content.retriever.*",
            "dev.langchain4j.service.*",
            "dev.langchain4j.store.embedding.*",
            "dev.langchain4j.store.embedding.inmemory.*",
            // the JDK
            "java.io.*",
            "java.nio.file.*",
            "java.time.*",
            "java.util.*",
            "java.util.concurrent.*",
            "java.util.function.*",
            "java.util.stream.*",
            // Spring Boot, Spring MVC
            "org.springframework.beans.factory.annotation.*",
            "org.springframework.boot.*",
            "org.springframework.boot.autoconfigure.*",
            "org.springframework.context.annotation.*",
            "org.springframework.stereotype.*",
            "org.springframework.web.bind.annotation.*",
            // JUnit
            "org.junit.jupiter.api.*",
            // clashes settled
            "dev.langchain4j.data.message.UserMessage",
            "dev.langchain4j.data.message.SystemMessage",
            "dev.langchain4j.exception.TimeoutException",
            "static org.assertj.core.api.Assertions.assertThat",
            "static org.assertj.core.api.Assertions.assertThatThrownBy");

    /**
     * The context of a fragment (kind 3): fields of the enclosing class that a fragment may use without declaring
     * them. Only what any application using the library has at hand: its models, the segments it embeds and a
     * logger.
     */
    static final String CONTEXT = String.join(
            " ",
            "ChatModel model;", // a chat model, by the name the README's examples use
            "ChatModel chatModel;", // the same, as LangChain4j's builders name it
            "StreamingChatModel streamingModel;",
            "EmbeddingModel embeddingModel;",
            "List<TextSegment> segments;", // the inputs of an embedding job
            "org.slf4j.Logger log;");

    private static final Path REPOSITORY = findRepositoryRoot();
    private static final Path README = readme();
    private static final JavaCompiler COMPILER = ToolProvider.getSystemJavaCompiler();
    private static final StandardJavaFileManager FILES = fileManager();
    private static final String METHOD = "void snippet() throws Exception {";
    private static final Pattern MAIN = Pattern.compile("public\\s+static\\s+void\\s+main\\s*\\(");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s");
    private static final Duration PROGRAM_TIME_LIMIT = Duration.ofSeconds(60);

    @TestFactory
    Stream<DynamicTest> readme_snippets_compile_as_written() throws IOException {
        List<Block> blocks = Block.parse(Files.readAllLines(README, StandardCharsets.UTF_8));
        List<Block> java =
                blocks.stream().filter(b -> b.language().equals("java")).toList();
        List<Block> xml =
                blocks.stream().filter(b -> b.language().equals("xml")).toList();
        assertThat(java).as("```java blocks in %s", README).isNotEmpty();
        assertThat(xml).as("```xml blocks in %s", README).isNotEmpty();
        ReadmeXmlCheck xmlCheck = new ReadmeXmlCheck(REPOSITORY, xml);
        return Stream.concat(
                java.stream().map(block -> test(block, () -> compile(block))),
                xml.stream().map(block -> test(block, () -> xmlCheck.check(block))));
    }

    /**
     * Every complete program of the README (a compilation unit with a {@code public static void main}) is compiled
     * and run, as a reader who pastes it into a scratch project would run it: it must return from {@code main}
     * within a minute, throw nothing and print something. The README's programs run offline, on
     * {@code QwenMockServer}, so this needs no key.
     */
    @TestFactory
    Stream<DynamicTest> readme_programs_run_and_print() throws IOException {
        List<Block> programs = Block.parse(Files.readAllLines(README, StandardCharsets.UTF_8)).stream()
                .filter(b -> b.language().equals("java"))
                .filter(b -> MAIN.matcher(b.text()).find()
                        && IMPORT.matcher(b.text()).find())
                .toList();
        assertThat(programs).as("complete programs in %s", README).isNotEmpty();
        return programs.stream()
                .map(block -> DynamicTest.dynamicTest(
                        "README.md:" + block.fenceLine() + " runs (" + block.section() + ")", () -> run(block)));
    }

    @AfterAll
    static void closeFileManager() throws IOException {
        FILES.close();
    }

    private interface Check {
        List<String> problems() throws Exception;
    }

    private static DynamicTest test(Block block, Check check) {
        return DynamicTest.dynamicTest(
                "README.md:" + block.fenceLine() + " " + block.language() + " (" + block.section() + ")", () -> {
                    List<String> problems = check.problems();
                    assertThat(problems)
                            .withFailMessage(
                                    "The ```%s block at README.md:%d (%s) does not check:%n%s",
                                    block.language(),
                                    block.fenceLine(),
                                    block.section(),
                                    String.join(System.lineSeparator(), problems))
                            .isEmpty();
                });
    }

    // ---------------------------------------------------------------------------------------------------- Java

    /** Compiles {@code block} as written, runs its {@code main} and checks what it printed. */
    private static void run(Block block) throws Exception {
        Source source = new Source();
        source.snippet(block.text(), block.firstLine());
        String fileName = fileName(parse(source).unit());
        InMemoryClasses classes = new InMemoryClasses(FILES);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean compiled = COMPILER.getTask(
                        null,
                        classes,
                        diagnostics,
                        List.of("--release", "17", "-proc:none", "-Xlint:none", "-nowarn"),
                        null,
                        List.of(source.fileObject(fileName)))
                .call();
        assertThat(compiled)
                .withFailMessage(
                        "The program at README.md:%d does not compile:%n%s",
                        block.fenceLine(),
                        String.join(System.lineSeparator(), report(block, source, errors(diagnostics))))
                .isTrue();

        ClassLoader loader = classes.loader(ReadmeSnippetsTest.class.getClassLoader());
        Method main = loader.loadClass(classes.packagePrefix() + fileName).getMethod("main", String[].class);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        CompletableFuture<Void> ran = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        main.invoke(null, (Object) new String[0]);
                        ran.complete(null);
                    } catch (InvocationTargetException e) {
                        ran.completeExceptionally(e.getCause());
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        ran.completeExceptionally(e);
                    }
                },
                "readme-program");
        thread.setDaemon(true);
        synchronized (ReadmeSnippetsTest.class) {
            System.setOut(new PrintStream(new TeeOutputStream(printed, originalOut), true, StandardCharsets.UTF_8));
            try {
                thread.start();
                ran.get(PROGRAM_TIME_LIMIT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("The program at README.md:" + block.fenceLine() + " failed", e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("The program at README.md:" + block.fenceLine() + " did not return from main"
                        + " within " + PROGRAM_TIME_LIMIT.toSeconds() + " s");
            } finally {
                System.setOut(originalOut);
            }
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .as("what the program at README.md:%d printed", block.fenceLine())
                .isNotBlank();
    }

    private static List<String> compile(Block block) throws IOException {
        String text = block.text();
        Source asWritten = new Source();
        asWritten.snippet(text, block.firstLine());
        CompilationUnitTree unit = parse(asWritten).unit();
        if (unit.getPackage() != null || !unit.getImports().isEmpty()) {
            return compile(block, fileName(unit), asWritten);
        }

        Source typesOnly = new Source();
        typesOnly.harness(prelude());
        typesOnly.snippet(text, block.firstLine());
        Parsed asUnit = parse(typesOnly);
        if (asUnit.errors().isEmpty() && asUnit.unit().getTypeDecls().stream().allMatch(t -> t instanceof ClassTree)) {
            return compile(block, fileName(asUnit.unit()), typesOnly);
        }

        Source probe = new Source();
        probe.harness("class Snippet {");
        probe.harness(METHOD);
        int offset = probe.length();
        probe.snippet(text, block.firstLine());
        probe.harness("}}");
        Parsed asFragment = parse(probe);
        if (!asFragment.errors().isEmpty()) {
            List<String> problems = new ArrayList<>();
            problems.add("Parses neither as type declarations nor as statements. As statements:");
            problems.addAll(report(block, probe, asFragment.errors()));
            problems.add("As type declarations:");
            problems.addAll(report(block, typesOnly, asUnit.errors()));
            return problems;
        }

        // split the fragment: type declarations among its statements become member types
        char[] members = text.toCharArray();
        char[] statements = text.toCharArray();
        boolean[] isMember = new boolean[text.length()];
        ClassTree snippetClass = (ClassTree) asFragment.unit().getTypeDecls().get(0);
        BlockTree body = ((MethodTree) snippetClass.getMembers().get(0)).getBody();
        for (StatementTree statement : body.getStatements()) {
            if (statement instanceof ClassTree) {
                int start = (int) asFragment.positions().getStartPosition(asFragment.unit(), statement) - offset;
                int end = (int) asFragment.positions().getEndPosition(asFragment.unit(), statement) - offset;
                for (int i = Math.max(start, 0); i < Math.min(end, text.length()); i++) {
                    isMember[i] = true;
                }
            }
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '\n') {
                (isMember[i] ? statements : members)[i] = ' ';
            }
        }
        Source fragment = new Source();
        fragment.harness(prelude());
        fragment.harness("class Snippet { " + CONTEXT);
        fragment.snippet(new String(members), block.firstLine());
        fragment.harness(METHOD);
        fragment.snippet(new String(statements), block.firstLine());
        fragment.harness("}}");
        return compile(block, "Snippet", fragment);
    }

    /** One file manager for all compilations, on this test's classpath, so that its jars are opened once. */
    private static StandardJavaFileManager fileManager() {
        StandardJavaFileManager files = COMPILER.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        try {
            files.setLocation(
                    StandardLocation.CLASS_PATH,
                    Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                            .filter(entry -> !entry.isEmpty())
                            .map(File::new)
                            .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String prelude() {
        return String.join(" ", IMPORTS.stream().map(i -> "import " + i + ";").toList());
    }

    /** The name of the file a compilation unit goes in: its public top-level type's, or Snippet. */
    private static String fileName(CompilationUnitTree unit) {
        return unit.getTypeDecls().stream()
                .filter(t -> t instanceof ClassTree)
                .map(t -> (ClassTree) t)
                .filter(t -> t.getModifiers().getFlags().contains(Modifier.PUBLIC))
                .map(t -> t.getSimpleName().toString())
                .findFirst()
                .orElse("Snippet");
    }

    private record Parsed(
            CompilationUnitTree unit, SourcePositions positions, List<Diagnostic<? extends JavaFileObject>> errors) {}

    private static Parsed parse(Source source) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task = (JavacTask) COMPILER.getTask(
                null, FILES, diagnostics, List.of("-proc:none"), null, List.of(source.fileObject("Snippet")));
        try {
            CompilationUnitTree unit = task.parse().iterator().next();
            return new Parsed(unit, Trees.instance(task).getSourcePositions(), errors(diagnostics));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> compile(Block block, String fileName, Source source) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("--release", "17", "-proc:none", "-Xlint:none", "-nowarn");
        boolean compiled = COMPILER.getTask(
                        null,
                        new DiscardingOutput(FILES),
                        diagnostics,
                        options,
                        null,
                        List.of(source.fileObject(fileName)))
                .call();
        List<Diagnostic<? extends JavaFileObject>> errors = errors(diagnostics);
        if (!compiled && errors.isEmpty()) {
            return List.of("javac failed without an error message");
        }
        return report(block, source, errors);
    }

    private static List<Diagnostic<? extends JavaFileObject>> errors(DiagnosticCollector<JavaFileObject> collector) {
        return collector.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .toList();
    }

    private static List<String> report(Block block, Source source, List<Diagnostic<? extends JavaFileObject>> errors) {
        List<String> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Diagnostic<? extends JavaFileObject> error : errors) {
            int readmeLine = source.readmeLine(error.getLineNumber());
            String message = error.getMessage(Locale.ROOT).replace("\n", "\n      ");
            if (!seen.add(readmeLine + message)) {
                continue; // the same error twice on one line, e.g. an unknown type used twice there
            }
            if (readmeLine > 0) {
                lines.add("  README.md:" + readmeLine + ": " + message);
                lines.add("      | " + block.readmeLine(readmeLine).strip());
            } else {
                lines.add("  (harness, generated line " + error.getLineNumber() + "): " + message);
            }
        }
        return lines;
    }

    /** A generated source, remembering for each of its lines the README line it comes from (0: the harness's). */
    private static final class Source {
        private final StringBuilder text = new StringBuilder();
        private final List<Integer> readmeLines = new ArrayList<>();

        void harness(String line) {
            text.append(line).append('\n');
            readmeLines.add(0);
        }

        void snippet(String snippet, int firstReadmeLine) {
            String[] lines = snippet.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                text.append(lines[i]).append('\n');
                readmeLines.add(firstReadmeLine + i);
            }
        }

        int length() {
            return text.length();
        }

        int readmeLine(long generatedLine) {
            return generatedLine >= 1 && generatedLine <= readmeLines.size()
                    ? readmeLines.get((int) generatedLine - 1)
                    : 0;
        }

        JavaFileObject fileObject(String className) {
            String content = text.toString();
            return new SimpleJavaFileObject(
                    URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return content;
                }
            };
        }
    }

    /** Class files go nowhere: the test only needs to know that the snippet compiles. */
    private static final class DiscardingOutput extends ForwardingJavaFileManager<JavaFileManager> {
        DiscardingOutput(JavaFileManager delegate) {
            super(delegate);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(
                Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            return new SimpleJavaFileObject(
                    URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return OutputStream.nullOutputStream();
                }
            };
        }
    }

    /** Keeps the class files of one compilation in memory and loads them, for the programs that are run. */
    private static final class InMemoryClasses extends ForwardingJavaFileManager<JavaFileManager> {
        private final Map<String, ByteArrayOutputStream> classFiles = new HashMap<>();

        InMemoryClasses(JavaFileManager delegate) {
            super(delegate);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(
                Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            classFiles.put(className, bytes);
            return new SimpleJavaFileObject(
                    URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return bytes;
                }
            };
        }

        /** The package of the compiled classes with a trailing dot, or nothing for the unnamed package. */
        String packagePrefix() {
            String any = classFiles.keySet().iterator().next();
            int dot = any.lastIndexOf('.');
            return dot < 0 ? "" : any.substring(0, dot + 1);
        }

        ClassLoader loader(ClassLoader parent) {
            return new ClassLoader(parent) {
                @Override
                protected Class<?> findClass(String name) throws ClassNotFoundException {
                    ByteArrayOutputStream bytes = classFiles.get(name);
                    if (bytes == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] b = bytes.toByteArray();
                    return defineClass(name, b, 0, b.length);
                }
            };
        }
    }

    /** Writes to two streams: what a program prints is checked and still shown in the test's output. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeOutputStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }

    // ------------------------------------------------------------------------------------------------ Markdown

    /** A fenced block of the README: its language, the line of its opening fence, its text and its section. */
    record Block(String language, int fenceLine, String text, String section, List<String> readme) {

        private static final Pattern FENCE = Pattern.compile("^ {0,3}(```+|~~~+)\\s*([\\w+-]*).*$");
        private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");

        /** The README line of the block's first line of text. */
        int firstLine() {
            return fenceLine + 1;
        }

        String readmeLine(int line) {
            return line >= 1 && line <= readme.size() ? readme.get(line - 1) : "";
        }

        static List<Block> parse(List<String> lines) {
            List<Block> blocks = new ArrayList<>();
            String section = "top";
            for (int i = 0; i < lines.size(); i++) {
                Matcher fence = FENCE.matcher(lines.get(i));
                Matcher heading = HEADING.matcher(lines.get(i));
                if (fence.matches()) {
                    String marker = fence.group(1);
                    int open = i;
                    List<String> text = new ArrayList<>();
                    for (i++; i < lines.size() && !isClosing(lines.get(i), marker); i++) {
                        text.add(lines.get(i));
                    }
                    blocks.add(new Block(
                            fence.group(2).toLowerCase(Locale.ROOT),
                            open + 1,
                            String.join("\n", text),
                            section,
                            lines));
                } else if (heading.matches()) {
                    section = heading.group(1);
                }
            }
            return blocks;
        }

        private static boolean isClosing(String line, String marker) {
            String trimmed = line.strip();
            return trimmed.startsWith(marker) && trimmed.chars().allMatch(c -> c == marker.charAt(0));
        }

        @Override
        public String toString() {
            return "README.md:" + fenceLine + " (" + language + ", " + section + ")";
        }
    }

    private static Path findRepositoryRoot() {
        Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("README.md"))
                    && Files.isRegularFile(d.resolve("pom.xml"))
                    && Files.isDirectory(d.resolve("samples-spring-boot"))) {
                return d;
            }
        }
        throw new IllegalStateException("No repository root (README.md, pom.xml, samples-spring-boot/) above " + dir);
    }

    /** The repository's README.md; {@code -Dreadme=path} checks another file (e.g. to try the harness out). */
    private static Path readme() {
        String configured = System.getProperty("readme");
        return configured != null && !configured.isBlank()
                ? Path.of(configured).toAbsolutePath()
                : REPOSITORY.resolve("README.md");
    }
}
