package dev.backprop.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.testing.Fuzz.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The fuzz harness itself: the number of tries, distinct seeds, and a failure that names a seed reproducing it. */
class FuzzHarnessTest {

    private static final Function<SplittableRandom, Sample<Long>> LONGS =
            random -> { long v = random.nextLong(); return new Sample<>(v, "value " + v); };

    @Test
    void runsEveryTryWithItsOwnInput() {
        List<Long> seen = new ArrayList<>();
        Fuzz.check("test", 50, 1, LONGS, seen::add);
        assertEquals(50, seen.size());
        assertEquals(50, seen.stream().distinct().count());
        List<Long> again = new ArrayList<>();
        Fuzz.check("test", 50, 1, LONGS, again::add);
        assertEquals(seen, again, "the same base seed gives the same inputs");
    }

    @Test
    void aFailureNamesTheTryAndASeedThatReproducesIt() {
        List<Long> seen = new ArrayList<>();
        Fuzz.check("test", 20, 7, LONGS, seen::add);
        long failing = seen.get(12);
        AssertionError error = assertThrows(AssertionError.class, () -> Fuzz.check("test", 20, 7, LONGS, v -> {
            if (v == failing) {
                throw new IllegalStateException("boom");
            }
        }));
        String message = error.getMessage();
        assertTrue(message.contains("try 13 of 20") && message.contains("value " + failing)
                && message.contains("boom") && error.getCause() instanceof IllegalStateException, message);
        Matcher seed = Pattern.compile("-Dbackprop\\.fuzz\\.seed=(-?\\d+) -Dbackprop\\.fuzz\\.tries=1").matcher(message);
        assertTrue(seed.find(), message);
        List<Long> rerun = new ArrayList<>();
        Fuzz.check("test", 1, Long.parseLong(seed.group(1)), LONGS, rerun::add);
        assertEquals(List.of(failing), rerun);
    }

    @Test
    void theTriesAndSeedComeFromSystemProperties() {
        assertEquals(Integer.getInteger("backprop.fuzz.tries", Fuzz.DEFAULT_TRIES), Fuzz.tries());
        String seed = System.getProperty("backprop.fuzz.seed");
        assertEquals(seed == null ? Fuzz.DEFAULT_SEED : Long.decode(seed), Fuzz.baseSeed());
    }
}
