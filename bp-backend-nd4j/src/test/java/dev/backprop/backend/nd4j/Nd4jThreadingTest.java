package dev.backprop.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class Nd4jThreadingTest {

    @Test
    void defaultsWithoutProperties() {
        assertEquals(Nd4jThreading.DEFAULTS, Nd4jThreading.from(name -> null));
    }

    @Test
    void propertiesOverrideEachSetting() {
        Map<String, String> properties = Map.of("backprop.nd4j.elementwiseThreshold", "1024",
                "backprop.nd4j.tadThreshold", " 8 ", "backprop.nd4j.maxThreads", "1", "backprop.nd4j.blasThreads", "2");
        assertEquals(new Nd4jThreading(1024, 8, 1, 2), Nd4jThreading.from(properties::get));
    }

    @Test
    void aPropertyThatIsNotANumberIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nd4jThreading.from(Map.of("backprop.nd4j.maxThreads", "two")::get));
        assertTrue(e.getMessage().contains("backprop.nd4j.maxThreads") && e.getMessage().contains("'two'"),
                e.getMessage());
    }

    @Test
    void negativeSettingsAreRejected() {
        new Nd4jThreading(0, 0, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> new Nd4jThreading(-1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Nd4jThreading(0, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Nd4jThreading(0, 0, 0, -2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Nd4jThreading(1, 1, -1, 0));
        assertTrue(e.getMessage().contains("maxThreads=-1"), e.getMessage());
    }

    @Test
    void applySetsWhatIsGivenAndKeepsTheRest() {
        Map<String, Integer> before = Nd4jThreading.current();
        try {
            new Nd4jThreading(4096, 16, 0, 0).apply();
            assertEquals(4096, Nd4jThreading.current().get("elementwiseThreshold"));
            assertEquals(16, Nd4jThreading.current().get("tadThreshold"));
            assertEquals(before.get("maxThreads"), Nd4jThreading.current().get("maxThreads"));
            assertEquals(before.get("blasThreads"), Nd4jThreading.current().get("blasThreads"));
            Nd4jThreading.DEFAULTS.apply();
            assertEquals(4096, Nd4jThreading.current().get("elementwiseThreshold"));
        } finally {
            restore(before);
        }
    }

    @Test
    void creatingTheBackendAppliesTheSystemProperties() {
        Map<String, Integer> before = Nd4jThreading.current();
        System.setProperty("backprop.nd4j.elementwiseThreshold", "8192");
        try {
            new Nd4jBackendProvider().create();
            assertEquals(8192, Nd4jThreading.current().get("elementwiseThreshold"));
        } finally {
            System.clearProperty("backprop.nd4j.elementwiseThreshold");
            restore(before);
        }
    }

    private static void restore(Map<String, Integer> before) {
        new Nd4jThreading(before.get("elementwiseThreshold"), before.get("tadThreshold"), 0, 0).apply();
    }
}
