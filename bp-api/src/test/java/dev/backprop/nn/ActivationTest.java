package dev.backprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActivationTest {

    @Test
    void idsRoundTrip() {
        for (Activation a : new Activation[] {Activation.identity(), Activation.sigmoid(), Activation.tanh(),
                Activation.relu(), Activation.leakyRelu(), Activation.leakyRelu(0.2), Activation.softmax()}) {
            assertEquals(a, Activation.parse(a.id()));
        }
        assertEquals(Activation.leakyRelu(0.01), Activation.parse("LEAKY_RELU"));
    }

    @Test
    void rejectsUnknownNamesAndBadSlopes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("gelu"));
        assertTrue(e.getMessage().contains("leaky_relu"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(1.5));
        assertThrows(IllegalArgumentException.class, () -> Activation.parse("leaky_relu:abc"));
        assertThrows(IllegalArgumentException.class, () -> new Activation(Activation.Kind.RELU, 0.1));
    }
}
