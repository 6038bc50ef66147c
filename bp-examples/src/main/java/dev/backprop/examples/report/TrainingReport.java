package dev.backprop.examples.report;

import dev.backprop.eval.Evaluation;
import dev.backprop.train.EpochResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training and validation loss and accuracy per epoch, as a PNG of two charts (XChart) and as CSV.
 */
public final class TrainingReport {

    private TrainingReport() {
    }

    /** Writes the CSV: one row per epoch. */
    public static void writeCsv(List<EpochResult> epochs, Path file) throws IOException {
        StringBuilder csv = new StringBuilder(
                "epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,samples_per_second\n");
        for (EpochResult e : epochs) {
            csv.append(String.format(Locale.ROOT, "%d,%.6f,%s,%s,%s,%.6g,%.3f,%.1f%n", e.epoch(), e.loss(),
                    e.accuracy().isPresent() ? String.format(Locale.ROOT, "%.6f", e.accuracy().getAsDouble()) : "",
                    e.validation().map(v -> String.format(Locale.ROOT, "%.6f", v.loss())).orElse(""),
                    e.validation().map(v -> String.format(Locale.ROOT, "%.6f", v.accuracy())).orElse(""),
                    e.learningRate(), e.duration().toNanos() / 1e9, e.samplesPerSecond()));
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }

    /** Writes the PNG: loss on the left, accuracy on the right, training and validation in each. */
    public static void writePlot(List<EpochResult> epochs, String title, Path file) throws IOException {
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("no epochs to plot");
        }
        double[] x = epochs.stream().mapToDouble(EpochResult::epoch).toArray();
        XYChart loss = chart(title + ": loss", "loss");
        loss.addSeries("training", x, epochs.stream().mapToDouble(EpochResult::loss).toArray());
        XYChart accuracy = chart(title + ": accuracy", "accuracy");
        if (epochs.get(0).accuracy().isPresent()) {
            accuracy.addSeries("training", x, epochs.stream().mapToDouble(e -> e.accuracy().orElse(Double.NaN))
                    .toArray());
        }
        if (epochs.get(0).validation().isPresent()) {
            loss.addSeries("validation", x, epochs.stream()
                    .mapToDouble(e -> e.validation().map(Evaluation::loss).orElse(Double.NaN)).toArray());
            accuracy.addSeries("validation", x, epochs.stream()
                    .mapToDouble(e -> e.validation().map(Evaluation::accuracy).orElse(Double.NaN)).toArray());
        }
        for (XYChart chart : List.of(loss, accuracy)) {
            chart.getSeriesMap().values().forEach(s -> s.setMarker(SeriesMarkers.CIRCLE));
        }
        int width = 600;
        int height = 420;
        BufferedImage image = new BufferedImage(2 * width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            loss.paint(g, width, height);
            g.translate(width, 0);
            if (!accuracy.getSeriesMap().isEmpty()) {
                accuracy.paint(g, width, height);
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }

    private static XYChart chart(String title, String yAxis) {
        XYChart chart = new XYChartBuilder().width(600).height(420).title(title).xAxisTitle("epoch")
                .yAxisTitle(yAxis).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisDecimalPattern("#");
        return chart;
    }
}
