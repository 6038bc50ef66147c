package dev.backprop.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.backend.Backends;
import dev.backprop.backend.FoundProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class XorCommandTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run bp(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Bp.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static Stream<String> backendsOnTheClassPath() {
        return Backends.registry().providers().stream().filter(p -> p.availability().available())
                .map(FoundProvider::name);
    }

    @ParameterizedTest(name = "bp xor converges with the defaults on {0}, float64 and float32")
    @MethodSource("backendsOnTheClassPath")
    void convergesWithTheDefaults(String backend) {
        for (String dtype : new String[] {"float64", "float32"}) {
            Run run = bp("xor", "--backend", backend, "--dtype", dtype);
            assertEquals(0, run.exitCode(), run.out() + run.err());
            assertTrue(run.out().contains("epoch   100  loss"), run.out());
            assertTrue(run.out().contains("0 XOR 1 = 0.9"), run.out());
            assertTrue(run.out().contains("on backend " + backend + ", " + dtype), run.out());
        }
    }

    @Test
    void tooFewEpochsIsReportedAsNotConverged() {
        Run run = bp("xor", "--epochs", "10", "--print-every", "0");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("did not converge"), run.err());
    }

    @Test
    void unknownBackendIsAClearErrorWithoutStackTrace() {
        Run run = bp("xor", "--backend", "nosuch");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("No backend named 'nosuch'") && run.err().contains("pure (priority 100"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void badArgumentsGetUsageAndExitCode2() {
        for (String[] args : new String[][] {{"xor", "--epochs", "many"}, {"xor", "--dtype", "float16"},
                {"xor", "--lr", "-1"}, {"frobnicate"}}) {
            Run run = bp(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertFalse(run.err().contains("\tat "), run.err());
        }
    }
}
