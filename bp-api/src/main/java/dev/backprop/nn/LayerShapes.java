package dev.backprop.nn;

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
