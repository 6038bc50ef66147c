package dev.backprop.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A malformed fixture fails with its file name and the field at fault. */
class OracleFixtureTest {

    @TempDir
    Path dir;

    private static String original() {
        return new String(OracleSources.bundled().get(0).json(), StandardCharsets.UTF_8);
    }

    private String error(String json) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, json);
        return assertThrows(IllegalArgumentException.class, () -> OracleFixture.read(file)).getMessage();
    }

    @Test
    void readsTheRealFixture() throws IOException {
        Path file = dir.resolve("ok.json");
        Files.writeString(file, original());
        OracleFixture fixture = OracleFixture.read(file);
        assertEquals(2, fixture.layers().size());
        assertEquals(4, fixture.inputs().length);
        assertEquals(3, fixture.steps().size());
    }

    @Test
    void namesTheFileAndTheFieldAtFault() throws IOException {
        String json = original();
        String m = error(json.replaceFirst("\"expected_loss\": [0-9.e-]+", "\"expected_loss\": \"high\""));
        assertTrue(m.startsWith("broken.json: field 'expected_loss'"), m);
        m = error(json.replaceFirst("\"activation\": \"sigmoid\"", "\"activation\": \"swish\""));
        assertTrue(m.contains("field 'layers[0].activation'") && m.contains("swish"), m);
        m = error(json.replaceFirst("\"dX\"", "\"dY\""));
        assertTrue(m.contains("field 'gradients.dX': missing"), m);
        m = error(json.replaceFirst("\\[0\\.5844936552884734, ", "["));
        assertTrue(m.contains("field 'layers[0].W[0]'") && m.contains("expected an array of 5 numbers"), m);
        m = error("{ not json");
        assertTrue(m.startsWith("broken.json: not readable JSON"), m);
        m = error(json.replace("\"dtype\": \"float64\"", "\"dtype\": \"float32\""));
        assertTrue(m.contains("field 'dtype'"), m);
    }
}
