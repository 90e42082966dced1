package io.github.qwenlangchain4j.samples.spring;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The checks of the README's {@code ```xml} blocks, for {@link ReadmeSnippetsTest}. Offline: nothing is downloaded.
 *
 * <ul>
 *   <li>Each block is well-formed XML (a block may hold several elements, e.g. several {@code <dependency>}s with
 *       comments between them; it is parsed inside a root element added on its first line).</li>
 *   <li>Each {@code <dependency>} (anywhere: {@code <dependencies>}, {@code <dependencyManagement>}, a plugin's)
 *       names {@code groupId}, {@code artifactId} and {@code version}; the version may be left out only when a BOM
 *       imported ({@code <type>pom</type><scope>import</scope>}) in some {@code ```xml} block of the README manages
 *       the artifact. A {@code ${property}} must be defined in a {@code <properties>} block of the README.</li>
 *   <li>The coordinates exist: a module of this reactor at the reactor's version, or an artifact in the local Maven
 *       repository ({@code -Dmaven.repo.local}, else {@code ~/.m2/repository}) at that version. BOMs are read from
 *       there too (their properties, parents and nested imports): this repository's own BOM
 *       ({@code qwen-langchain4j-bom}) from its module directory, others from the local repository.</li>
 *   <li>Each {@code <parent>} names groupId, artifactId and version, which exist as above; each {@code <plugin>}
 *       names its artifactId and a pinned (non-empty, literal or README-defined) version. Other blocks (e.g.
 *       {@code <properties>}) need only be well-formed.</li>
 * </ul>
 */
final class ReadmeXmlCheck {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    private static final String ROOT = "readme-snippet";

    private final Path localRepository;
    private final Map<String, String> reactorModules = new LinkedHashMap<>(); // groupId:artifactId -> version
    private final Map<String, Path> reactorPoms = new HashMap<>(); // groupId:artifactId -> its pom.xml
    private final String reactorVersion;
    private final Map<String, String> readmeProperties = new HashMap<>();
    private final Map<String, String> managedByReadmeBoms = new HashMap<>(); // groupId:artifactId -> version
    private final List<String> bomProblems = new ArrayList<>();

    ReadmeXmlCheck(Path repositoryRoot, List<ReadmeSnippetsTest.Block> xmlBlocks) throws IOException {
        String configured = System.getProperty("maven.repo.local");
        this.localRepository = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        Element root = read(repositoryRoot.resolve("pom.xml")).getDocumentElement();
        this.reactorVersion = child(root, "version").orElseThrow();
        String reactorGroup = child(root, "groupId").orElseThrow();
        String rootKey = reactorGroup + ":" + child(root, "artifactId").orElseThrow();
        reactorModules.put(rootKey, reactorVersion);
        reactorPoms.put(rootKey, repositoryRoot.resolve("pom.xml"));
        for (Element module : descendants(root, "module")) {
            Path pom = repositoryRoot.resolve(module.getTextContent().trim()).resolve("pom.xml");
            Element project = read(pom).getDocumentElement();
            Optional<Element> parent = childElement(project, "parent");
            String group = child(project, "groupId")
                    .or(() -> parent.flatMap(p -> child(p, "groupId")))
                    .orElse(reactorGroup);
            String version = child(project, "version")
                    .or(() -> parent.flatMap(p -> child(p, "version")))
                    .orElse(reactorVersion);
            String key = group + ":" + child(project, "artifactId").orElseThrow();
            reactorModules.put(key, version);
            reactorPoms.put(key, pom);
        }

        List<Element> roots = new ArrayList<>();
        for (ReadmeSnippetsTest.Block block : xmlBlocks) {
            try {
                roots.add(parse(block).getDocumentElement());
            } catch (SAXException e) {
                // reported by check(block)
            }
        }
        for (Element snippet : roots) {
            for (Element properties : descendants(snippet, "properties")) {
                for (Element property : childElements(properties)) {
                    readmeProperties.put(
                            property.getTagName(), property.getTextContent().trim());
                }
            }
        }
        for (Element snippet : roots) {
            for (Element dependency : descendants(snippet, "dependency")) {
                if (isBomImport(dependency)) {
                    Coordinates bom = coordinates(dependency, readmeProperties);
                    if (bom.complete()) {
                        readBom(bom, managedByReadmeBoms, 0);
                    }
                }
            }
        }
    }

    /** The problems of one block, each naming its README line; empty when the block checks. */
    List<String> check(ReadmeSnippetsTest.Block block) throws IOException {
        Document document;
        try {
            document = parse(block);
        } catch (SAXParseException e) {
            return List.of("  README.md:" + (block.fenceLine() + e.getLineNumber()) + ": not well-formed XML: "
                    + e.getMessage());
        } catch (SAXException e) {
            return List.of("  README.md:" + block.fenceLine() + ": not well-formed XML: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (Element dependency : descendants(document.getDocumentElement(), "dependency")) {
            checkCoordinates(block, dependency, "dependency", true, problems);
        }
        for (Element parent : descendants(document.getDocumentElement(), "parent")) {
            checkCoordinates(block, parent, "parent", false, problems);
        }
        for (Element plugin : descendants(document.getDocumentElement(), "plugin")) {
            String artifactId = child(plugin, "artifactId").orElse("");
            Optional<String> version = child(plugin, "version").map(v -> interpolate(v, readmeProperties));
            if (artifactId.isEmpty()) {
                problems.add(at(block, plugin, "<plugin> without an <artifactId>"));
            }
            if (version.isEmpty() || version.get().isEmpty()) {
                problems.add(at(block, plugin, "<plugin> " + artifactId + " has no pinned <version>"));
            } else if (PROPERTY.matcher(version.get()).find()) {
                problems.add(at(
                        block,
                        plugin,
                        "<plugin> " + artifactId + ": version " + version.get()
                                + " uses a property no <properties> block of the README defines"));
            }
        }
        problems.sort(Comparator.comparingInt(ReadmeXmlCheck::lineOf));
        if (!problems.isEmpty()) {
            problems.addAll(bomProblems);
        }
        return problems;
    }

    private void checkCoordinates(
            ReadmeSnippetsTest.Block block,
            Element element,
            String what,
            boolean versionMayBeManaged,
            List<String> problems) {
        Coordinates c = coordinates(element, readmeProperties);
        if (c.groupId().isEmpty() || c.artifactId().isEmpty()) {
            problems.add(at(block, element, "<" + what + "> must name both <groupId> and <artifactId>"));
            return;
        }
        String version = c.version();
        if (version.isEmpty() && versionMayBeManaged) {
            version = managedByReadmeBoms.getOrDefault(c.key(), "");
            if (version.isEmpty()) {
                problems.add(at(
                        block,
                        element,
                        "<" + what + "> " + c.key() + " has no <version>, and no BOM imported"
                                + " in the README's ```xml blocks manages it"
                                + (managedByReadmeBoms.isEmpty() ? " (the README imports no BOM)" : "")));
                return;
            }
        }
        if (version.isEmpty()) {
            problems.add(at(block, element, "<" + what + "> " + c.key() + " has no <version>"));
            return;
        }
        if (PROPERTY.matcher(version).find()) {
            problems.add(at(
                    block,
                    element,
                    "<" + what + "> " + c.key() + ": version " + version
                            + " uses a property no <properties> block of the README defines"));
            return;
        }
        String reactor = reactorModules.get(c.key());
        if (reactor != null) {
            if (!reactor.equals(version)) {
                problems.add(at(
                        block,
                        element,
                        "<" + what + "> " + c.key() + ":" + version + " is a module of this"
                                + " repository, whose version is " + reactor));
            }
            return;
        }
        Path pom = pomPath(c.groupId(), c.artifactId(), version);
        if (!Files.isRegularFile(pom)) {
            problems.add(at(
                    block,
                    element,
                    "<" + what + "> " + c.key() + ":" + version + " is neither a module of this"
                            + " repository nor in the local Maven repository (no " + pom + ")"));
        }
    }

    private static int lineOf(String problem) {
        Matcher m = Pattern.compile("README\\.md:(\\d+)").matcher(problem);
        return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    private static String at(ReadmeSnippetsTest.Block block, Element element, String problem) {
        Object line = element.getUserData("line");
        int readmeLine = line instanceof Integer l ? block.fenceLine() + l : block.fenceLine();
        return "  README.md:" + readmeLine + ": " + problem;
    }

    // ------------------------------------------------------------------------------------------------ BOMs

    private void readBom(Coordinates bom, Map<String, String> managed, int depth) {
        if (depth > 10) {
            return;
        }
        Map<String, String> properties = new HashMap<>(readmeProperties);
        List<Element> chain = new ArrayList<>(); // the BOM, then its parents
        Coordinates current = bom;
        try {
            while (current != null && chain.size() < 10) {
                Path pom = bomPom(current);
                if (!Files.isRegularFile(pom)) {
                    if (current == bom) {
                        bomProblems.add("  (the BOM " + bom.key() + ":" + bom.version() + " imported in the README is"
                                + " neither a module of this repository nor in the local Maven repository: " + pom
                                + ")");
                    }
                    break;
                }
                Element project = read(pom).getDocumentElement();
                chain.add(project);
                Optional<Element> parent = childElement(project, "parent");
                current = parent.map(p -> coordinates(p, Map.of())).orElse(null);
            }
        } catch (IOException e) {
            bomProblems.add("  (the BOM " + bom.key() + " could not be read: " + e.getMessage() + ")");
        }
        for (int i = chain.size() - 1; i >= 0; i--) { // parents first, so that children override
            Element project = chain.get(i);
            childElement(project, "properties")
                    .ifPresent(ps -> childElements(ps)
                            .forEach(p -> properties.put(
                                    p.getTagName(), p.getTextContent().trim())));
        }
        if (!chain.isEmpty()) {
            properties.put("project.version", bom.version());
            properties.put("project.groupId", bom.groupId());
        }
        for (Element project : chain) { // the BOM's own management first: the first declaration wins
            childElement(project, "dependencyManagement")
                    .flatMap(dm -> childElement(dm, "dependencies"))
                    .ifPresent(dependencies -> {
                        for (Element dependency : childElements(dependencies)) {
                            Coordinates c = coordinates(dependency, properties);
                            if (isBomImport(dependency) && c.complete()) {
                                readBom(c, managed, depth + 1);
                            } else if (!c.version().isEmpty()) {
                                managed.putIfAbsent(c.key(), c.version());
                            }
                        }
                    });
        }
    }

    /**
     * Where a BOM (or a BOM's parent) is read from: a module of this repository at the reactor's version from its
     * directory, as the reactor resolves it before anything is installed; anything else from the local repository.
     */
    private Path bomPom(Coordinates c) {
        Path reactorPom = reactorPoms.get(c.key());
        if (reactorPom != null && c.version().equals(reactorModules.get(c.key()))) {
            return reactorPom;
        }
        return pomPath(c.groupId(), c.artifactId(), c.version());
    }

    private static boolean isBomImport(Element dependency) {
        return child(dependency, "type").orElse("").equals("pom")
                && child(dependency, "scope").orElse("").equals("import");
    }

    private Path pomPath(String groupId, String artifactId, String version) {
        return localRepository
                .resolve(groupId.replace('.', '/'))
                .resolve(artifactId)
                .resolve(version)
                .resolve(artifactId + "-" + version + ".pom");
    }

    // ------------------------------------------------------------------------------------------------ XML

    private record Coordinates(String groupId, String artifactId, String version) {
        String key() {
            return groupId + ":" + artifactId;
        }

        boolean complete() {
            return !groupId.isEmpty() && !artifactId.isEmpty() && !version.isEmpty() && !version.contains("${");
        }
    }

    private static Coordinates coordinates(Element element, Map<String, String> properties) {
        return new Coordinates(
                interpolate(child(element, "groupId").orElse(""), properties),
                interpolate(child(element, "artifactId").orElse(""), properties),
                interpolate(child(element, "version").orElse(""), properties));
    }

    private static String interpolate(String value, Map<String, String> properties) {
        String result = value;
        for (int round = 0; round < 10 && result.contains("${"); round++) {
            Matcher m = PROPERTY.matcher(result);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String replacement = properties.get(m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(replacement != null ? replacement : m.group()));
            }
            m.appendTail(out);
            if (out.toString().equals(result)) {
                break;
            }
            result = out.toString();
        }
        return result;
    }

    private static Document parse(ReadmeSnippetsTest.Block block) throws SAXException, IOException {
        String text = block.text();
        // the root element goes on the block's first line, so the parser's line numbers are the block's
        String xml = text.stripLeading().startsWith("<?xml") ? text : "<" + ROOT + ">" + text + "\n</" + ROOT + ">";
        return LineNumbers.parse(xml);
    }

    private static Document read(Path file) throws IOException {
        try {
            return builder().parse(file.toFile());
        } catch (SAXException e) {
            throw new IOException("Malformed " + file + ": " + e.getMessage(), e);
        }
    }

    static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(
                    new ErrorHandler() { // throw, do not print "[Fatal Error]" to stderr
                        @Override
                        public void warning(SAXParseException e) {}

                        @Override
                        public void error(SAXParseException e) throws SAXException {
                            throw e;
                        }

                        @Override
                        public void fatalError(SAXParseException e) throws SAXException {
                            throw e;
                        }
                    });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> child(Element element, String name) {
        return childElement(element, name).map(e -> e.getTextContent().trim());
    }

    private static Optional<Element> childElement(Element element, String name) {
        return childElements(element).stream()
                .filter(e -> e.getTagName().equals(name))
                .findFirst();
    }

    private static List<Element> childElements(Element element) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }

    private static List<Element> descendants(Element element, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = element.getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    /** DOM parsing that records each element's start line (user data "line"), for the messages. */
    private static final class LineNumbers {
        static Document parse(String xml) throws SAXException, IOException {
            try {
                SAXParserFactory factory = SAXParserFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Document document = builder().newDocument();
                DefaultHandler handler = new DefaultHandler() {
                    private final Deque<Node> open = new ArrayDeque<>(List.of(document));
                    private final StringBuilder text = new StringBuilder();
                    private Locator locator;

                    @Override
                    public void setDocumentLocator(Locator locator) {
                        this.locator = locator;
                    }

                    @Override
                    public void startElement(String uri, String localName, String qName, Attributes attributes) {
                        flushText();
                        Element element = document.createElement(qName);
                        for (int i = 0; i < attributes.getLength(); i++) {
                            element.setAttribute(attributes.getQName(i), attributes.getValue(i));
                        }
                        element.setUserData("line", locator.getLineNumber(), null);
                        open.peek().appendChild(element);
                        open.push(element);
                    }

                    @Override
                    public void endElement(String uri, String localName, String qName) {
                        flushText();
                        open.pop();
                    }

                    @Override
                    public void characters(char[] ch, int start, int length) {
                        text.append(ch, start, length);
                    }

                    private void flushText() {
                        if (!text.isEmpty() && !(open.peek() instanceof Document)) {
                            open.peek().appendChild(document.createTextNode(text.toString()));
                        }
                        text.setLength(0);
                    }

                    @Override
                    public void error(SAXParseException e) throws SAXException {
                        throw e;
                    }

                    @Override
                    public void fatalError(SAXParseException e) throws SAXException {
                        throw e;
                    }
                };
                factory.newSAXParser().parse(new InputSource(new StringReader(xml)), handler);
                return document;
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
