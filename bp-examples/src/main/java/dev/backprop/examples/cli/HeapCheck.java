package dev.backprop.examples.cli;

import dev.backprop.data.HeapBudget;
import dev.backprop.spi.DType;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Refuses, before anything is allocated, option values whose memory cannot fit in the heap, with a
 * message that says what was asked, what is free, and which option or setting changes it. The
 * estimates are lower bounds of what training holds at once, so a refusal is never wrong.
 */
final class HeapCheck {

    /** Parameters, gradients and the optimizer's two moments (Adam): four values per parameter. */
    private static final int VALUES_PER_PARAMETER = 4;
    /** Random benchmark data: the rows built first and the data set's copy of them. */
    private static final int RANDOM_DATA_COPIES = 2;

    private static final long GIB = 1L << 30;

    private final CommandLine commandLine;

    HeapCheck(CommandLine commandLine) {
        this.commandLine = commandLine;
    }

    /** An MLP of {@code inputs}, {@code hidden} and {@code outputs} units trained with Adam in {@code dtype}. */
    void mlp(int inputs, int[] hidden, int outputs, DType dtype, String option) {
        long parameters = 0;
        long previous = inputs;
        for (int units : hidden) {
            if (previous * units > Integer.MAX_VALUE - 8) {
                throw new ParameterException(commandLine, option + ": a " + previous + "x" + units + " weight matrix "
                        + "has more elements than one array holds (" + (Integer.MAX_VALUE - 8) + ")");
            }
            parameters += previous * units + units;
            previous = units;
        }
        parameters += previous * outputs + outputs;
        require(parameters * VALUES_PER_PARAMETER * dtype.bytes(), "the model's " + parameters + " parameters with "
                + "their gradients and Adam's moments in " + dtype.id(), option);
    }

    /** {@code samples} random rows of {@code features} features and {@code classes} one-hot targets. */
    void randomData(long samples, int features, int classes, String option) {
        if (samples * features > Integer.MAX_VALUE - 8) {
            throw new ParameterException(commandLine, option + ": " + samples + " samples of " + features
                    + " features are more values than one array holds (" + (Integer.MAX_VALUE - 8) + ")");
        }
        require(samples * (features + classes) * Double.BYTES * RANDOM_DATA_COPIES, samples + " random samples",
                option);
    }

    private void require(long bytes, String what, String option) {
        if (!HeapBudget.fits(bytes)) {
            throw new ParameterException(commandLine, option + ": " + what + " need at least "
                    + HeapBudget.format(bytes) + ", the JVM has " + HeapBudget.format(HeapBudget.available())
                    + " of heap free; choose a smaller " + option + " or give Java more memory "
                    + "(bp: BP_JAVA_OPTS=-Xmx" + (bytes / GIB + 2) + "g)");
        }
    }
}
