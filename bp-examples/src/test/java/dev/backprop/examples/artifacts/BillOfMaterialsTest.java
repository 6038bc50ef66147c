package dev.backprop.examples.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * bp-bom pins every library module at the build's version (so a module added to the build and
 * forgotten here fails), pins EJML and ND4J at the versions the backends are built with, and carries
 * the same Maven Central metadata as the parent; the consumer project asks for the same version.
 */
class BillOfMaterialsTest {

    private static final Element BOM = Reactor.pom(Reactor.ROOT.resolve("bp-bom").resolve("pom.xml"));

    private static List<Element> managed() {
        List<Element> managed = new ArrayList<>();
        for (Element dm : Reactor.children(BOM, "dependencyManagement")) {
            for (Element deps : Reactor.children(dm, "dependencies")) {
                managed.addAll(Reactor.children(deps, "dependency"));
            }
        }
        return managed;
    }

    @Test
    void theBomIsPartOfTheBuildAtItsVersionWithoutTheParentsManagement() {
        assertTrue(Reactor.modules().contains("bp-bom"), Reactor.modules().toString());
        assertEquals(Reactor.version(), Reactor.child(BOM, "version").orElseThrow());
        assertTrue(Reactor.children(BOM, "parent").isEmpty(),
                "a parent's dependencyManagement would be imported with the BOM");
    }

    @Test
    void everyLibraryModuleIsPinnedAtTheProjectVersion() {
        Set<String> pinned = new TreeSet<>();
        for (Element dependency : managed()) {
            if (Reactor.child(dependency, "groupId").orElseThrow().equals("dev.backprop")) {
                assertEquals("${project.version}", Reactor.child(dependency, "version").orElseThrow());
                pinned.add(Reactor.child(dependency, "artifactId").orElseThrow());
            }
        }
        assertEquals(new TreeSet<>(Reactor.libraryModules()), pinned,
                "bp-bom/pom.xml must list exactly the library modules of the build");
    }

    @Test
    void ejmlAndNd4jArePinnedAtTheVersionsTheBackendsAreBuiltWith() {
        Element root = Reactor.rootPom();
        for (String property : List.of("ejml.version", "nd4j.version")) {
            assertEquals(Reactor.property(root, property), Reactor.property(BOM, property), property);
        }
        long libraries = managed().stream()
                .filter(d -> Reactor.child(d, "groupId").orElseThrow().matches("org\\.(ejml|nd4j)")).count();
        assertEquals(6, libraries, "ejml-core, -ddense, -fdense, nd4j-api, nd4j-native, nd4j-cuda-11.6");
    }

    @Test
    void theBomCarriesTheMetadataMavenCentralRequires() {
        Element root = Reactor.rootPom();
        for (String element : List.of("url", "licenses", "developers", "scm", "organization")) {
            assertEquals(Reactor.children(root, element).get(0).getTextContent().replaceAll("\\s+", " "),
                    Reactor.children(BOM, element).get(0).getTextContent().replaceAll("\\s+", " "), element);
        }
        assertTrue(Reactor.child(BOM, "description").isPresent() && Reactor.child(BOM, "name").isPresent());
        assertTrue(Files.exists(Reactor.ROOT.resolve("LICENSE")));
    }

    @Test
    void theApplicationIsNeitherPinnedNorDeployed() {
        Element examples = Reactor.pom(Reactor.ROOT.resolve(Reactor.APPLICATION).resolve("pom.xml"));
        assertEquals("true", Reactor.property(examples, "maven.deploy.skip"));
    }

    @Test
    void theConsumerProjectAsksForThisVersion() {
        Element consumer = Reactor.pom(Reactor.ROOT.resolve("examples").resolve("consumer").resolve("pom.xml"));
        assertEquals(Reactor.version(), Reactor.property(consumer, "backprop.version"));
    }
}
