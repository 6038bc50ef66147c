package dev.backprop.examples.artifacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** The build as its poms describe it, read from the source tree (tests run in bp-examples). */
final class Reactor {

    /** bp-examples is the command line, an application: no library, neither in the BOM nor deployed. */
    static final String APPLICATION = "bp-examples";

    static final Path ROOT = Paths.get("").toAbsolutePath().getParent();

    private Reactor() {
    }

    static Element pom(Path pomFile) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(pomFile.toFile());
            return document.getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("cannot read " + pomFile, e);
        }
    }

    static Element rootPom() {
        return pom(ROOT.resolve("pom.xml"));
    }

    /** The text of the direct child {@code name} of {@code element}, if there is one. */
    static Optional<String> child(Element element, String name) {
        return children(element, name).stream().findFirst().map(e -> e.getTextContent().trim());
    }

    static List<Element> children(Element element, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    static String version() {
        return child(rootPom(), "version").orElseThrow();
    }

    static String property(Element pom, String name) {
        return children(pom, "properties").stream().flatMap(p -> child(p, name).stream()).findFirst()
                .orElseThrow(() -> new AssertionError("no property " + name));
    }

    /** The directories of the root pom's modules. */
    static List<String> modules() {
        List<String> modules = new ArrayList<>();
        for (Element list : children(rootPom(), "modules")) {
            for (Element module : children(list, "module")) {
                modules.add(module.getTextContent().trim());
            }
        }
        return modules;
    }

    /** The modules that build a jar. */
    static List<String> jarModules() {
        List<String> jars = new ArrayList<>();
        for (String module : modules()) {
            if (child(pom(ROOT.resolve(module).resolve("pom.xml")), "packaging").orElse("jar").equals("jar")) {
                jars.add(module);
            }
        }
        return jars;
    }

    /**
     * The modules users depend on: every jar module that is deployed. An application or a benchmark sets
     * {@code maven.deploy.skip} and is not a library.
     */
    static List<String> libraryModules() {
        List<String> libraries = new ArrayList<>();
        for (String module : jarModules()) {
            Element pom = pom(ROOT.resolve(module).resolve("pom.xml"));
            boolean deployed = children(pom, "properties").stream()
                    .flatMap(p -> child(p, "maven.deploy.skip").stream()).noneMatch("true"::equals);
            if (deployed) {
                libraries.add(module);
            }
        }
        return libraries;
    }

    static Path mainSources(String module) {
        return ROOT.resolve(module).resolve("src").resolve("main").resolve("java");
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
