package dev.backprop.conformance.selftest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedMethod;

import dev.backprop.conformance.BackendConformance;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The kit catches bugs: it runs against each broken backend of {@link Mutants} and
 * {@link FaultClassMutants} and must fail, with the named check among the failures. (A check that
 * cannot fail is not a check.) By default only the named check runs, to keep the build fast; with
 * {@code -D}{@value #WHOLE_KIT}{@code =true} each mutant meets the whole kit, which measures the
 * catch rate and lists every check that fails.
 */
class KitCatchesMutantsTest {

    /** System property: run the whole kit against each mutant instead of the named check only. */
    static final String WHOLE_KIT = "backprop.mutants.wholeKit";

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of(Mutants.GemmIgnoresTransposeBMutant.class, "Gemm/gemm()"),
                Arguments.of(Mutants.ColumnSumDropsLastRowMutant.class, "Reductions/sumColumns()"),
                Arguments.of(Mutants.Float64ExpInFloat32Mutant.class, "Elementwise/unary()"),
                Arguments.of(Mutants.SigmoidDerivativeFromWrongInputMutant.class, "Fused/sigmoidBackward()"),
                Arguments.of(Mutants.SoftmaxWithoutMaxSubtractionMutant.class, "Reductions/rowLogSumExp()"),
                Arguments.of(Mutants.LinearBreaksWhenOutputAliasesInputMutant.class, "Elementwise/linear()"),
                Arguments.of(Mutants.BiasGradientOffByBatchSizeMutant.class, "Reductions/sumColumns()"),
                Arguments.of(Mutants.AllocatesPerStepMutant.class, "Allocation/steadyStateStepsAllocateNothing()"),
                // 1. parameter values never exercised
                Arguments.of(FaultClassMutants.GemmFractionalBetaAccumulatesMutant.class, "Gemm/gemm()"),
                Arguments.of(FaultClassMutants.GemmNegativeBetaLosesSignMutant.class, "Gemm/gemm()"),
                Arguments.of(FaultClassMutants.AffineZeroShiftDropsSignMutant.class, "Elementwise/affine()"),
                Arguments.of(FaultClassMutants.LinearScalarsAsFloatMutant.class, "Elementwise/linear()"),
                // 2. sizes that hide size-dependent faults
                Arguments.of(FaultClassMutants.GemmDropsKRemainderAbove128Mutant.class, "Gemm/gemm()"),
                Arguments.of(FaultClassMutants.SumColumnsDropsLastRowAbove64Mutant.class, "Reductions/sumColumns()"),
                Arguments.of(FaultClassMutants.SumDropsTailAbove4096Mutant.class, "Reductions/sum()"),
                Arguments.of(FaultClassMutants.DotDropsTailAbove2048Mutant.class, "Reductions/dot()"),
                Arguments.of(FaultClassMutants.ColumnVectorReadAsRowOnSquareMutant.class, "Elementwise/binary()"),
                Arguments.of(FaultClassMutants.ColumnVectorReadAsRowOnSquareMutant.class, "Fused/softmax()"),
                Arguments.of(FaultClassMutants.SumRowsDropsLastColumnAbove256Mutant.class, "Reductions/sumRows()"),
                Arguments.of(FaultClassMutants.RowMaxMissesLastColumnAbove32Mutant.class, "Reductions/rowMax()"),
                Arguments.of(FaultClassMutants.RowMaxStartsAtZeroMutant.class, "Reductions/rowMax()"),
                Arguments.of(FaultClassMutants.ArgmaxLastTieAbove32Mutant.class, "Reductions/argmaxRows()"),
                Arguments.of(FaultClassMutants.GemmIgnoresTransposeOfSquareAMutant.class, "Gemm/gemm()"),
                // 3. inputs modified
                Arguments.of(FaultClassMutants.SoftmaxCrossEntropyOverwritesLogitsMutant.class,
                        "Fused/softmaxCrossEntropy()"),
                Arguments.of(FaultClassMutants.GemmScalesAInPlaceMutant.class, "Gemm/gemm()"),
                Arguments.of(FaultClassMutants.UnaryWorksInItsInputMutant.class, "Elementwise/unary()"),
                Arguments.of(FaultClassMutants.SigmoidBackwardUsesDyAsScratchMutant.class, "Fused/sigmoidBackward()"),
                // 4. stale reads
                Arguments.of(FaultClassMutants.StaleAfterInPlaceOpMutant.class, "Elementwise/unary()"),
                Arguments.of(FaultClassMutants.StaleAfterCopyMutant.class, "Storage/copy()"),
                // 5. accuracy: ulps and tails
                Arguments.of(FaultClassMutants.SigmoidFromTanhMutant.class, "Elementwise/unary()"),
                Arguments.of(FaultClassMutants.Float32ExpKeeps17BitsMutant.class, "Elementwise/unary()"),
                Arguments.of(FaultClassMutants.TanhFromExpMutant.class, "Elementwise/unary()"),
                Arguments.of(FaultClassMutants.SigmoidZeroBelowMinus30Mutant.class, "Elementwise/unary()"),
                Arguments.of(FaultClassMutants.TinyUnaryResultsFlushedToZeroMutant.class, "Elementwise/unary()"),
                Arguments.of(FaultClassMutants.ExpOverflowSaturatesMutant.class, "Elementwise/unary()"),
                Arguments.of(FaultClassMutants.SoftmaxCrossEntropyAssumesOneHotMutant.class,
                        "Fused/softmaxCrossEntropy()"),
                // 6. optimizer horizon
                Arguments.of(FaultClassMutants.AdamBiasCorrectionFrozenAfter20Mutant.class, "Fused/adamUpdate()"),
                Arguments.of(FaultClassMutants.AdamBiasCorrectionDroppedAfter50Mutant.class, "Fused/adamUpdate()"),
                Arguments.of(FaultClassMutants.AdamEpsilonInsideSqrtMutant.class, "Fused/adamUpdate()"),
                // 7. golden values
                Arguments.of(FaultClassMutants.TanhOffBy1e7Mutant.class, "Oracle/everyFixture()"),
                // 8. convolution
                Arguments.of(ConvolutionMutants.Col2imOverwritesMutant.class, "Convolution/col2im()"),
                Arguments.of(ConvolutionMutants.Col2imOverwritesMutant.class, "Convolution/conv2dBackward()"),
                Arguments.of(ConvolutionMutants.MaxPoolLastTieMutant.class, "Convolution/maxPool2d()"),
                Arguments.of(ConvolutionMutants.AvgPoolBackwardUndividedMutant.class,
                        "Convolution/avgPool2dBackward()"),
                Arguments.of(ConvolutionMutants.ChannelsFirstSwapsHeightAndWidthMutant.class,
                        "Convolution/channelsFirst()"),
                Arguments.of(ConvolutionMutants.ChannelsFirstSwapsHeightAndWidthMutant.class,
                        "Convolution/conv2d()"));
    }

    @ParameterizedTest(name = "{0} is caught by {1}")
    @MethodSource("mutants")
    void theKitFailsTheMutant(Class<?> mutant, String expectedCheck) {
        DiscoverySelector selector = Boolean.getBoolean(WHOLE_KIT) ? selectClass(mutant)
                : selectNestedMethod(List.of(mutant.getName()), BackendConformance.class.getName() + "$"
                        + expectedCheck.substring(0, expectedCheck.indexOf('/')),
                        expectedCheck.substring(expectedCheck.indexOf('/') + 1, expectedCheck.indexOf('(')));
        List<Event> failures = EngineTestKit.engine("junit-jupiter").selectors(selector).execute()
                .testEvents().failed().list();
        Set<String> failedChecks = failures.stream().map(e -> checkOf(e.getTestDescriptor()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(failures.isEmpty(), mutant.getSimpleName() + " passed " + (Boolean.getBoolean(WHOLE_KIT)
                ? "the whole kit" : expectedCheck));
        assertTrue(failedChecks.contains(expectedCheck),
                mutant.getSimpleName() + " was not caught by " + expectedCheck + "; failed checks: " + failedChecks);
        System.getLogger(KitCatchesMutantsTest.class.getName()).log(System.Logger.Level.INFO,
                () -> mutant.getSimpleName() + ": " + failures.size() + " failed tests in " + failedChecks);
    }

    /** The nested class and method of a test, e.g. {@code Gemm/gemm()}. */
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
