package dev.backprop.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.examples.cli.XorCommandTest.Run;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: the command line never loses a run, checks its outputs first, and names what is wrong. */
class CliReliabilityTest {

    private static final Path SAMPLE = Paths.get(System.getProperty("backprop.testdata.dir", "../testdata"))
            .resolve("fashion-mnist-sample");

    @TempDir
    Path dir;

    private static Run bp(String... args) {
        return XorCommandTest.bp(args);
    }

    private static String all(Run run) {
        return run.out() + run.err();
    }

    private static void assertCleanFailure(Run run, String... expected) {
        assertEquals(2, run.exitCode(), all(run));
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run.err());
        for (String text : expected) {
            assertTrue(run.err().contains(text), "'" + text + "' in: " + run.err());
        }
    }

    private Run trainOneEpoch(String... more) {
        String[] base = {"train", "fashion-mnist", "--data", SAMPLE.toString(), "--backend", "pure", "--epochs", "1",
            "--hidden", "16", "--progress", "lines"};
        String[] args = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return bp(args);
    }

    @Test
    void anUnwritablePlotIsAWarningAndTheModelIsSaved() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("file.txt"), "x");
        Path model = dir.resolve("m.bp");
        Path plot = notAFolder.resolve("plot.png");
        Run run = trainOneEpoch("--out", model.toString(), "--plot", plot.toString());
        assertEquals(0, run.exitCode(), all(run));
        assertTrue(Files.isRegularFile(model), all(run));
        assertTrue(run.err().contains("warning") && run.err().contains(plot.toString()), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void anUnwritableOutIsReportedBeforeTheFirstEpoch() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.bp"));
        for (Path out : new Path[] {dir.resolve("missing/m.bp"), folder}) {
            Run run = trainOneEpoch("--out", out.toString(), "--no-plot");
            assertCleanFailure(run, out.toString());
            assertFalse(run.out().contains("epoch 1/1"), "trained before failing: " + run.out());
            assertFalse(run.err().contains(".tmp"), run.err());
        }
    }

    @Test
    void sizesThatCannotFitTheHeapAreRefusedWithTheOptionToChange() {
        long perLayer = 40_000L * 40_000 * 4 * 4;
        String[] layers = new String[(int) (Runtime.getRuntime().maxMemory() / perLayer + 2)];
        Arrays.fill(layers, "40000");
        assertCleanFailure(bp("train", "fashion-mnist", "--data", SAMPLE.toString(), "--no-plot", "--hidden",
                String.join(",", layers)), "--hidden", "-Xmx");
        assertCleanFailure(bp("train", "fashion-mnist", "--data", SAMPLE.toString(), "--no-plot", "--hidden",
                "3000000"), "--hidden", "one array");
        assertCleanFailure(bp("bench", "train", "--backend", "pure", "--samples", "2000000000"), "--samples",
                "one array");
        long samples = Runtime.getRuntime().maxMemory() / (794 * 8 * 2) + 1;
        org.junit.jupiter.api.Assumptions.assumeTrue(samples * 784 < Integer.MAX_VALUE, "a heap over 30 GiB");
        assertCleanFailure(bp("bench", "train", "--backend", "pure", "--samples", String.valueOf(samples)),
                "--samples", "-Xmx");
        assertCleanFailure(bp("bench", "memory", "--backend", "pure", "--mlp-samples", "2000000000"), "--mlp-samples");
    }

    private Path testFilesOnly() throws IOException {
        Path data = Files.createDirectory(dir.resolve("test-only"));
        for (String name : new String[] {"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            Files.copy(SAMPLE.resolve(name), data.resolve(name));
        }
        Files.writeString(data.resolve("train-images-idx3-ubyte.gz"), "corrupt");
        return data;
    }

    @Test
    void evalAndPredictNeedOnlyTheTestFiles() throws IOException {
        Path model = dir.resolve("m.bp");
        assertEquals(0, trainOneEpoch("--out", model.toString(), "--no-plot").exitCode());
        Path data = testFilesOnly();
        Run eval = bp("eval", "--model", model.toString(), "--data", data.toString(), "--backend", "pure");
        assertEquals(0, eval.exitCode(), all(eval));
        Run predict = bp("predict", "--model", model.toString(), "--data", data.toString(), "--backend", "pure",
                "test:3");
        assertEquals(0, predict.exitCode(), all(predict));
    }

    @Test
    void messagesNameTheFileOrOptionAtFault() throws IOException {
        Path model = dir.resolve("m.bp");
        assertEquals(0, trainOneEpoch("--out", model.toString(), "--no-plot").exitCode());
        Path png = dir.resolve("cut.png");
        BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 40; i++) {
            image.setRGB(i, (i * 7) % 40, 0x123456 * i);
        }
        ImageIO.write(image, "png", png.toFile());
        byte[] bytes = Files.readAllBytes(png);
        Files.write(png, Arrays.copyOf(bytes, bytes.length - 30));
        assertCleanFailure(bp("predict", "--model", model.toString(), "--backend", "pure", png.toString()),
                png.toString());
        Path folder = Files.createDirectory(dir.resolve("images"));
        Run folderImage = bp("predict", "--model", model.toString(), "--backend", "pure", folder.toString());
        assertCleanFailure(folderImage, folder.toString(), "folder");
        assertCleanFailure(bp("eval", "--model", dir.toString(), "--data", SAMPLE.toString()), dir.toString(),
                "folder");
        Run typo = bp("xor", "--backend", "pur");
        assertCleanFailure(typo, "--backend");
        assertFalse(typo.err().contains("API call"), typo.err());
        assertCleanFailure(bp("xor", "--print-every", "-1"), "--print-every");
        Run memory = bp("bench", "memory", "--backend", "pure", "--xor-steps", "10", "--mlp-epochs", "0");
        assertCleanFailure(memory, "--mlp-epochs");
        assertFalse(memory.out().contains("xor step"), "validated after the XOR phase: " + memory.out());
    }

    @Test
    void aOneEpochBenchmarkSaysWhatItMeasured() {
        Run run = bp("bench", "train", "--backend", "pure", "--hidden", "8", "--samples", "64", "--batch", "32",
                "--epochs", "1");
        assertEquals(0, run.exitCode(), all(run));
        assertFalse(run.out().contains("2..1"), run.out());
        assertTrue(run.out().contains("epoch 1"), run.out());
    }
}
