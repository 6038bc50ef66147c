package dev.backprop.nn;

import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;

/** Shape checks shared by the layers, with messages that name the layer and both shapes. */
final class LayerShapes {

    private LayerShapes() {
    }

    static void checkInput(Layer layer, Tensor input) {
        if (input.cols() != layer.inputSize()) {
            throw new IllegalArgumentException("Layer '" + layer.name() + "' expects input [batch x "
                    + layer.inputSize() + "] but got " + Tensor.shapeOf(input));
        }
    }

    /** {@code input} is exactly {@code [N, sample...]} for some batch size {@code N}. */
    static void checkShapedInput(Layer layer, Shape sample, Tensor input) {
        if (!isBatchOf(input.shape(), sample)) {
            throw new IllegalArgumentException("Layer '" + layer.name() + "' expects input "
                    + Flatten.batchOf(input.rows(), sample) + " but got " + Tensor.shapeOf(input));
        }
    }

    /** Whether {@code shape} is {@code [N, sample...]} for some {@code N}; makes no shape to compare. */
    static boolean isBatchOf(Shape shape, Shape sample) {
        if (shape.rank() != sample.rank() + 1) {
            return false;
        }
        for (int i = 0; i < sample.rank(); i++) {
            if (shape.dim(i + 1) != sample.dim(i)) {
                return false;
            }
        }
        return true;
    }

    /** As {@link #checkOutputGradient}, and the gradient has the output's exact shape. */
    static void checkShapedOutputGradient(Layer layer, Tensor lastOutput, Tensor outputGradient) {
        checkOutputGradient(layer, lastOutput, outputGradient);
        if (!outputGradient.shape().equals(lastOutput.shape())) {
            throw new IllegalArgumentException("Layer '" + layer.name() + "' produced output "
                    + Tensor.shapeOf(lastOutput) + " but got an output gradient of " + Tensor.shapeOf(outputGradient));
        }
    }

    static void checkOutputGradient(Layer layer, Tensor lastOutput, Tensor outputGradient) {
        if (lastOutput == null) {
            throw new IllegalStateException("Layer '" + layer.name() + "': backward called before forward");
        }
        if (outputGradient.rows() != lastOutput.rows() || outputGradient.cols() != lastOutput.cols()) {
            throw new IllegalArgumentException("Layer '" + layer.name() + "' produced output "
                    + Tensor.shapeOf(lastOutput) + " but got an output gradient of " + Tensor.shapeOf(outputGradient));
        }
    }
}
