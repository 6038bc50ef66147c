package dev.backprop.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.spi.ConvolutionOps;
import dev.backprop.spi.FusedOps;
import dev.backprop.spi.RequiredOps;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Coverage cannot shrink silently: every op of the SPI has a test factory of its name in one of the
 * kit's op families, and the SPI's op count is pinned, so an op added to the SPI fails here until the
 * kit checks it. (A property of the kit, not of a backend, so it runs once, here.)
 */
class OpCoverageTest {

    private static final List<Class<?>> FAMILIES = List.of(StorageOpChecks.class, MatrixOpChecks.class,
            ElementwiseOpChecks.class, ReductionOpChecks.class, FusedOpChecks.class, ConvolutionOpChecks.class);

    @Test
    void everyOpOfTheSpiHasACheck() {
        Set<String> spi = new TreeSet<>();
        for (Class<?> family : List.of(RequiredOps.class, FusedOps.class, ConvolutionOps.class)) {
            for (Class<?> type : withSuperInterfaces(family)) {
                for (Method m : type.getDeclaredMethods()) {
                    if (!m.isSynthetic() && !Modifier.isStatic(m.getModifiers())) {
                        spi.add(m.getName());
                    }
                }
            }
        }
        Set<String> checked = FAMILIES.stream().flatMap(f -> Arrays.stream(f.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(TestFactory.class) || m.isAnnotationPresent(Test.class))
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(spi);
        missing.removeAll(checked);
        assertTrue(missing.isEmpty(), "SPI ops without a conformance check: " + missing);
        assertEquals(37, spi.size(), "the SPI's op count changed; review the kit: " + spi);
        assertEquals(spi, checked, "an op check named after no SPI op: " + checked);
    }

    private static List<Class<?>> withSuperInterfaces(Class<?> type) {
        List<Class<?>> all = new ArrayList<>(List.of(type));
        for (Class<?> parent : type.getInterfaces()) {
            all.addAll(withSuperInterfaces(parent));
        }
        return all;
    }
}
