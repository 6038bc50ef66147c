package dev.backprop.spi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpFamilyTest {

    /** A backend that reports {@code families} and implements nothing else. */
    private static Backend backendWith(String name, Set<OpFamily> families) {
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> name;
                    case "families" -> families;
                    case "supports" -> true;
                    default -> throw new AssertionError("unexpected call " + method.getName());
                });
    }

    /** The baseline is the first SPI's families; convolution came later, so a backend must opt in to it. */
    @Test
    void theBaselineIsTheFirstSpisFamiliesAndConvolutionIsNotInIt() {
        assertEquals(EnumSet.complementOf(EnumSet.of(OpFamily.CONVOLUTION)), OpFamily.baseline());
    }

    @Test
    void aBackendWithoutConvolutionFailsAConvolutionalModelAtBuildNamingTheFamily() {
        Backend old = backendWith("old", OpFamily.baseline());
        UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
                () -> dev.backprop.nn.Sequential.builder().input(1, 5, 5).conv2d(2, 3, 1).flatten().dense(2)
                        .backend(old).build());
        assertTrue(error.getMessage().contains("CONVOLUTION") && error.getMessage().contains("conv2d_1"),
                error.getMessage());
    }

    @Test
    void aMissingFamilyIsAClearErrorNamingFamilyBackendAndUser() {
        Backend old = backendWith("old", EnumSet.complementOf(EnumSet.of(OpFamily.FUSED)));
        UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
                () -> OpFamily.FUSED.require(old, "layer relu_1"));
        String message = error.getMessage();
        assertTrue(message.contains("layer relu_1") && message.contains("FUSED") && message.contains("backend 'old'")
                && message.contains("Adam"), message);
        assertDoesNotThrow(() -> OpFamily.MATRIX.require(old, "layer dense_1"));
    }
}
