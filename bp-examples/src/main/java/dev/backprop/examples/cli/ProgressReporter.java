package dev.backprop.examples.cli;

import dev.backprop.train.BatchResult;
import dev.backprop.train.EpochResult;
import dev.backprop.train.TrainingListener;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress: on a terminal a progress bar per epoch (batch, loss, accuracy, samples/s,
 * ETA); always one summary line per epoch.
 */
final class ProgressReporter implements TrainingListener, AutoCloseable {

    private final PrintWriter out;
    private final PrintStream terminal;
    private ProgressBar bar;
    private long epochStart;
    private int samples;
    private double lossSum;
    private double correct;

    /**
     * @param terminal where to draw bars, or null to print only the per-epoch lines
     */
    ProgressReporter(PrintWriter out, PrintStream terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void onBatchEnd(BatchResult result) {
        if (result.batch() == 1) {
            epochStart = System.nanoTime();
            samples = 0;
            lossSum = 0;
            correct = 0;
            if (terminal != null) {
                bar = new ProgressBarBuilder().setTaskName("epoch " + result.epoch()).setInitialMax(result.batchCount())
                        .setStyle(ProgressBarStyle.ASCII).setMaxRenderedLength(120)
                        .setConsumer(new ConsoleProgressBarConsumer(terminal)).build();
            }
        }
        samples += result.samples();
        lossSum += result.loss() * result.samples();
        correct += result.accuracy().orElse(0) * result.samples();
        if (bar != null) {
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            bar.stepTo(result.batch());
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f acc %.1f%% %,.0f/s", lossSum / samples,
                    100 * correct / samples, seconds > 0 ? samples / seconds : 0));
        }
    }

    @Override
    public void onEpochEnd(EpochResult e) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  loss %.4f", e.epoch(),
                e.epochs(), e.loss()));
        e.accuracy().ifPresent(a -> line.append(String.format(Locale.ROOT, "  acc %.2f%%", 100 * a)));
        e.validation().ifPresent(v -> line.append(String.format(Locale.ROOT, "  val_loss %.4f  val_acc %.2f%%",
                v.loss(), 100 * v.accuracy())));
        line.append(String.format(Locale.ROOT, "  lr %.3g  %,.0f samples/s  %.1f s", e.learningRate(),
                e.samplesPerSecond(), e.duration().toNanos() / 1e9));
        out.println(line);
        out.flush();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
