package dev.backprop.nn;

import dev.backprop.spi.Backend;
import dev.backprop.spi.ConvolutionChecks;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.Window2d;
import java.util.List;

/**
 * A 2-D convolution with bias on images {@code [N, C, H, W]}, as PyTorch's {@code Conv2d}: weights
 * {@code W} stored {@code [O][C][kh][kw]}, bias {@code b} {@code [O]},
 * <pre>
 * y[n][o][i][j] = b[o] + Σ_c Σ_u Σ_v W[o][c][u][v] · xp[n][c][i·sh + u][j·sw + v]
 * </pre>
 * with {@code xp} the zero-padded input. Forward and backward are the backend's
 * {@link Backend#conv2d} and {@link Backend#conv2dBackward}; the layer owns their scratch tensors
 * ({@code im2col} columns and a channels-last buffer), allocated once per batch size and reused.
 */
public final class Conv2D implements Layer {

    private final String name;
    private final Backend backend;
    private final Shape inputShape;
    private final Shape outputShape;
    private final Window2d window;
    private final Parameter weights;
    private final Parameter bias;
    private final List<Parameter> parameters;
    private final TensorCache output;
    private final TensorCache columns;
    private final TensorCache channelsLast;
    private final TensorCache inputGradient;
    private Tensor lastInput;
    private Tensor lastOutput;
    private int shapesRows;
    private Shape outputBatch;
    private Shape columnsShape;
    private Shape channelsLastShape;

    /**
     * @param inputShape one sample, {@code [C, H, W]}
     * @param outChannels {@code O}
     */
    Conv2D(String name, Backend backend, DType dtype, Shape inputShape, int outChannels, Window2d window) {
        this.name = name;
        this.backend = backend;
        this.inputShape = inputShape;
        this.window = window;
        this.outputShape = outputShape(inputShape, outChannels, window);
        int channels = inputShape.dim(0);
        this.weights = new Parameter(name + ".W", backend, backend.allocate(dtype,
                Shape.of(outChannels, channels, window.kernelHeight(), window.kernelWidth())));
        this.bias = new Parameter(name + ".b", backend, backend.allocate(dtype, Shape.of(outChannels)));
        this.parameters = List.of(weights, bias);
        this.output = new TensorCache(backend, dtype);
        this.columns = new TensorCache(backend, dtype);
        this.channelsLast = new TensorCache(backend, dtype);
        this.inputGradient = new TensorCache(backend, dtype);
    }

    /** The shape of one output sample, {@code [O, OH, OW]}, for one input sample {@code [C, H, W]}. */
    static Shape outputShape(Shape sample, int outChannels, Window2d window) {
        if (sample.rank() != 3) {
            throw new IllegalArgumentException("conv2d takes images [channels x height x width] per sample, got "
                    + sample + " (give the builder input(c, h, w), and no flatten before it)");
        }
        return Shape.of(outChannels, window.outputHeight(sample.dim(1)), window.outputWidth(sample.dim(2)));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return (int) inputShape.size();
    }

    @Override
    public int outputSize() {
        return (int) outputShape.size();
    }

    /** The window: kernel, stride and padding. */
    public Window2d window() {
        return window;
    }

    /** {@code W}, {@code [O, C, kh, kw]}. */
    public Parameter weights() {
        return weights;
    }

    /** {@code b}, {@code [O]}. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        LayerShapes.checkShapedInput(this, inputShape, input);
        batchShapes(input.rows());
        Tensor y = output.get(outputBatch);
        backend.conv2d(input, weights.value(), bias.value(), window, columns.get(columnsShape),
                channelsLast.get(channelsLastShape), y);
        lastInput = input;
        lastOutput = y;
        return y;
    }

    @Override
    public Tensor backward(Tensor outputGradient, boolean inputGradientNeeded) {
        LayerShapes.checkShapedOutputGradient(this, lastOutput, outputGradient);
        Tensor dx = inputGradientNeeded ? inputGradient.like(lastInput) : null;
        backend.conv2dBackward(lastInput, weights.value(), window, outputGradient, columns.get(columnsShape),
                channelsLast.get(channelsLastShape), weights.gradient(), bias.gradient(), dx);
        return dx;
    }

    /** The shapes of a batch of {@code rows}, made again only when the batch size changes. */
    private void batchShapes(int rows) {
        if (rows != shapesRows) {
            outputBatch = Flatten.batchOf(rows, outputShape);
            columnsShape = window.columnsShape(Flatten.batchOf(rows, inputShape));
            channelsLastShape = ConvolutionChecks.channelsLastShape(outputBatch);
            shapesRows = rows;
        }
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public void close() {
        weights.close();
        bias.close();
        output.close();
        columns.close();
        channelsLast.close();
        inputGradient.close();
    }

    @Override
    public String toString() {
        return name + " (Conv2D " + inputShape + "→" + outputShape + ", " + window + ")";
    }
}
