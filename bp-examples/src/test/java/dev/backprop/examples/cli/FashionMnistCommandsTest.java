package dev.backprop.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.examples.cli.XorCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bp train fashion-mnist}, {@code bp eval} and {@code bp predict} on the committed sample of the real files. */
class FashionMnistCommandsTest {

    private static final String SAMPLE = Paths.get(System.getProperty("backprop.testdata.dir", "../testdata"))
            .resolve("fashion-mnist-sample").toString();

    @TempDir
    Path dir;

    private static double accuracy(String out) {
        Matcher m = Pattern.compile("test accuracy ([0-9.]+)%").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1)) / 100;
    }

    @Test
    void trainsOnTheSampleWellAboveChanceAndTheSavedModelEvaluatesAndPredicts() throws Exception {
        Path model = dir.resolve("sample.bp");
        Path plot = dir.resolve("sample.png");
        Run train = XorCommandTest.bp("train", "fashion-mnist", "--data", SAMPLE, "--backend", "pure", "--epochs", "8",
                "--batch", "32", "--progress", "lines", "--out", model.toString(), "--plot", plot.toString());
        assertEquals(0, train.exitCode(), train.out() + train.err());
        assertTrue(train.out().contains("1,000 training and 200 test images"), train.out());
        assertTrue(train.out().contains("epoch 8/8  loss"), train.out());
        double accuracy = accuracy(train.out());
        assertTrue(accuracy > 0.6, "test accuracy " + accuracy + " on 200 images after 8 epochs on 1,000 (chance: 0.1)");
        assertTrue(Files.size(model) > 100_000);
        assertEquals(2 * 600, ImageIO.read(plot.toFile()).getWidth());
        assertEquals(9, Files.readAllLines(dir.resolve("sample.csv")).size(), "header and 8 epochs");

        Run eval = XorCommandTest.bp("eval", "--model", model.toString(), "--data", SAMPLE, "--backend", "ejml");
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains(String.format(java.util.Locale.ROOT, "accuracy %.2f%%", 100 * accuracy)),
                "the same accuracy on another backend: " + eval.out());
        assertTrue(eval.out().contains("Ankle boot") && eval.out().contains("confusion matrix"), eval.out());

        Run predict = XorCommandTest.bp("predict", "--model", model.toString(), "--data", SAMPLE, "test:0", "test:199");
        assertEquals(0, predict.exitCode(), predict.err());
        assertTrue(predict.out().contains("test:0: ") && predict.out().contains("(label: Ankle boot)"), predict.out());
    }

    /**
     * The CNN learns on the 1,000-image sample in two epochs (well above the 10 % of chance), and its model
     * file evaluates on another backend with the same accuracy and predicts a PNG.
     */
    @Test
    void theCnnTrainsOnTheSampleAndItsModelEvaluatesAndPredictsElsewhere() throws Exception {
        Path model = dir.resolve("cnn.bp");
        Run train = XorCommandTest.bp("train", "fashion-mnist", "--arch", "cnn", "--filters", "8,16", "--hidden", "32",
                "--data", SAMPLE, "--backend", "pure", "--epochs", "2", "--batch", "32", "--progress", "lines",
                "--no-plot", "--out", model.toString());
        assertEquals(0, train.exitCode(), train.out() + train.err());
        assertTrue(train.out().contains("CNN conv8 3x3 + pool → conv16 3x3 + pool → dense 32 → 10"), train.out());
        double accuracy = accuracy(train.out());
        assertTrue(accuracy > 0.4, "CNN test accuracy " + accuracy + " on 200 images after 2 epochs on 1,000 "
                + "(chance: 0.1)");
        Run eval = XorCommandTest.bp("eval", "--model", model.toString(), "--data", SAMPLE, "--backend", "ejml");
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains(String.format(java.util.Locale.ROOT, "accuracy %.2f%%", 100 * accuracy)),
                "the same accuracy on another backend: " + eval.out());
        Path png = dir.resolve("shirt.png");
        ImageIO.write(new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png",
                png.toFile());
        Run predict = XorCommandTest.bp("predict", "--model", model.toString(), png.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        assertTrue(predict.out().startsWith(png + ": "), predict.out());
    }

    @Test
    void predictsAPngFile() throws Exception {
        Path model = dir.resolve("m.bp");
        assertEquals(0, XorCommandTest.bp("train", "fashion-mnist", "--data", SAMPLE, "--epochs", "1", "--no-plot",
                "--backend", "pure", "--out", model.toString()).exitCode());
        Path png = dir.resolve("boot.png");
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(56, 56,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(image, "png", png.toFile());
        Run run = XorCommandTest.bp("predict", "--model", model.toString(), png.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith(png + ": "), run.out());
    }

    @Test
    void badInputGetsAClearMessageAndNoStackTrace() throws Exception {
        Path notAModel = dir.resolve("not-a-model.bp");
        Files.writeString(notAModel, "hello, I am not a model");
        Path notAnImage = dir.resolve("text.png");
        Files.writeString(notAnImage, "no image");
        String[][] cases = {
            {"train", "fashion-mnist", "--data", dir.resolve("none").toString()},
            {"train", "fashion-mnist", "--data", SAMPLE, "--validation", "1.5"},
            {"train", "fashion-mnist", "--data", SAMPLE, "--hidden", "256,0"},
            {"train", "fashion-mnist", "--data", SAMPLE, "--schedule", "linear"},
            {"train", "fashion-mnist", "--data", SAMPLE, "--early-stopping", "2", "--validation", "0"},
            {"train", "fashion-mnist", "--data", SAMPLE, "--lr", "NaN"},
            {"train", "fashion-mnist", "--data", SAMPLE, "--arch", "rnn"},
            {"train", "fashion-mnist", "--data", SAMPLE, "--filters", "8,16"},
            {"train", "fashion-mnist", "--data", SAMPLE, "--arch", "cnn", "--filters", "8,0"},
            {"train", "fashion-mnist", "--data", SAMPLE, "--arch", "cnn", "--filters", "2,2,2,2,2"},
            {"bench", "train", "--arch", "cnn", "--filters", "0"},
            {"bench", "train", "--filters", "8"},
            {"bench", "train", "--hidden", "0"},
            {"train", "fashion-mnist", "--data", SAMPLE, "--arch", "cnn", "--shift", "14"},
            {"train", "fashion-mnist", "--data", SAMPLE, "--arch", "cnn", "--shift", "2", "--spark", "local[2]"},
            {"eval", "--model", dir.resolve("missing.bp").toString(), "--data", SAMPLE},
            {"eval", "--model", notAModel.toString(), "--data", SAMPLE},
            {"predict", "--model", notAModel.toString(), "test:1"},
            {"eval"},
            {"predict", "--model", notAModel.toString()},
        };
        for (String[] args : cases) {
            Run run = XorCommandTest.bp(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.out() + run.err());
            assertFalse(run.err().contains("\tat "), "stack trace for " + String.join(" ", args) + ":\n" + run.err());
            assertFalse(run.err().isBlank(), String.join(" ", args));
        }
        Path model = dir.resolve("m.bp");
        assertEquals(0, XorCommandTest.bp("train", "fashion-mnist", "--data", SAMPLE, "--epochs", "1", "--no-plot",
                "--backend", "pure", "--out", model.toString()).exitCode());
        for (String[] args : new String[][] {{"predict", "--model", model.toString(), notAnImage.toString()},
                {"predict", "--model", model.toString(), "--data", SAMPLE, "test:200"},
                {"predict", "--model", model.toString(), "--data", SAMPLE, "test:x"}}) {
            Run run = XorCommandTest.bp(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertFalse(run.err().contains("\tat "), run.err());
        }
    }
}
