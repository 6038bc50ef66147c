package dev.backprop.nn;

import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.Window2d;

/**
 * Max pooling over each channel of images {@code [N, C, H, W]} (PyTorch's {@code MaxPool2d}, no
 * padding, floor mode). The forward pass records each window's argmax; the backward pass sends each
 * output's gradient to it, adding where overlapping windows share a maximum.
 */
public final class MaxPool2D extends WindowPooling {

    private final TensorCache argmax;

    MaxPool2D(String name, Backend backend, DType dtype, Shape inputShape, Window2d window) {
        super(name, backend, dtype, inputShape, window);
        this.argmax = new TensorCache(backend, dtype);
    }

    @Override
    void pool(Tensor x, Tensor y) {
        backend.maxPool2d(x, window, y, argmax.like(y));
    }

    @Override
    void poolBackward(Tensor dy, Tensor y, Tensor dx) {
        backend.maxPool2dBackward(dy, argmax.like(y), window, dx);
    }

    @Override
    public void close() {
        super.close();
        argmax.close();
    }
}
