package dev.backprop.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder is flushed after the rename, so that a power cut cannot undo a reported save. */
class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void theFolderIsSyncedAfterTheNewContentIsInPlace() throws IOException {
        Path file = dir.resolve("f.bin");
        Files.writeString(file, "old");
        List<String> seen = new ArrayList<>();
        AtomicFile.write(file, folder -> seen.add(folder + " " + Files.readString(file)),
                ByteBuffer.wrap("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(dir.toAbsolutePath() + " new"), seen);
    }
}
