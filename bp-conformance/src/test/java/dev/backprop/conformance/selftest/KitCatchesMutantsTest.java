package dev.backprop.conformance.selftest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The kit catches bugs: it runs against each broken backend of {@link Mutants} and must fail, with at
 * least the named check among the failures. (A check that cannot fail is not a check.)
 */
class KitCatchesMutantsTest {

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of(Mutants.GemmIgnoresTransposeBMutant.class, "gemm()"),
                Arguments.of(Mutants.ColumnSumDropsLastRowMutant.class, "sumColumns()"),
                Arguments.of(Mutants.Float64ExpInFloat32Mutant.class, "unary()"),
                Arguments.of(Mutants.SigmoidDerivativeFromWrongInputMutant.class, "sigmoidBackward()"),
                Arguments.of(Mutants.SoftmaxWithoutMaxSubtractionMutant.class, "rowLogSumExp()"),
                Arguments.of(Mutants.LinearBreaksWhenOutputAliasesInputMutant.class, "linear()"),
                Arguments.of(Mutants.BiasGradientOffByBatchSizeMutant.class, "sumColumns()"));
    }

    @ParameterizedTest(name = "{0} is caught by {1}")
    @MethodSource("mutants")
    void theKitFailsTheMutant(Class<?> mutant, String expectedCheck) {
        List<Event> failures = EngineTestKit.engine("junit-jupiter").selectors(selectClass(mutant)).execute()
                .testEvents().failed().list();
        Set<String> failedChecks = failures.stream().map(e -> checkOf(e.getTestDescriptor()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(failures.isEmpty(), mutant.getSimpleName() + " passed the whole kit");
        assertTrue(failedChecks.stream().anyMatch(c -> c.endsWith(expectedCheck)),
                mutant.getSimpleName() + " was not caught by " + expectedCheck + "; failed checks: " + failedChecks);
        System.getLogger(KitCatchesMutantsTest.class.getName()).log(System.Logger.Level.INFO,
                () -> mutant.getSimpleName() + ": " + failures.size() + " failed tests in " + failedChecks);
    }

    /** The nested class and method of a test, e.g. {@code Ops/gemm()}. */
    private static String checkOf(TestDescriptor test) {
        UniqueId id = test.getUniqueId();
        String nested = "";
        String method = "";
        for (UniqueId.Segment segment : id.getSegments()) {
            switch (segment.getType()) {
                case "nested-class" -> nested = segment.getValue();
                case "method", "test-factory", "test-template" -> method = segment.getValue().replaceAll("\\(.*\\)",
                        "()");
                default -> {
                }
            }
        }
        return nested + "/" + method;
    }
}
