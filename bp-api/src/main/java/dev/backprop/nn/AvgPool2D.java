package dev.backprop.nn;

import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Tensor;
import dev.backprop.spi.Window2d;

/**
 * Average pooling over each channel of images {@code [N, C, H, W]} (PyTorch's {@code AvgPool2d}, no
 * padding, floor mode): each output is the mean of its window, and its gradient is shared equally by
 * the window's entries.
 */
public final class AvgPool2D extends WindowPooling {

    AvgPool2D(String name, Backend backend, DType dtype, Shape inputShape, Window2d window) {
        super(name, backend, dtype, inputShape, window);
    }

    @Override
    void pool(Tensor x, Tensor y) {
        backend.avgPool2d(x, window, y);
    }

    @Override
    void poolBackward(Tensor dy, Tensor y, Tensor dx) {
        backend.avgPool2dBackward(dy, window, dx);
    }
}
