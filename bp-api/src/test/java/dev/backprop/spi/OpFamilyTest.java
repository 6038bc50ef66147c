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
                    default -> throw new AssertionError("unexpected call " + method.getName());
                });
    }

    @Test
    void everyFamilyIsInTheBaselineOfTheFirstSpi() {
        assertEquals(EnumSet.allOf(OpFamily.class), OpFamily.baseline());
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
