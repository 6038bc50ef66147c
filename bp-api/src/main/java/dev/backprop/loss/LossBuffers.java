package dev.backprop.loss;

import dev.backprop.nn.TensorCache;
import dev.backprop.spi.Backend;
import dev.backprop.spi.ShapeCheck;
import dev.backprop.spi.Tensor;
import java.util.ArrayList;
import java.util.List;

/** The buffers of a loss, allocated on the first batch and reused while the batch shape stays. */
abstract class LossBuffers implements Loss {

    private Backend backend;
    private final List<TensorCache> caches = new ArrayList<>();
    private Tensor gradient;

    /** Binds the backend on first use and checks the operands. */
    final void prepare(Backend backend, Tensor prediction, Tensor target) {
        if (this.backend != backend) {
            close();
            this.backend = backend;
        }
        ShapeCheck.sameType(id(), prediction, target);
        if (prediction.rows() != target.rows() || prediction.cols() != target.cols()) {
            throw new IllegalArgumentException("loss " + id() + ": prediction " + Tensor.shapeOf(prediction)
                    + " and target " + Tensor.shapeOf(target) + " differ in shape");
        }
    }

    /** Buffer number {@code index} in the shape of {@code like}. */
    final Tensor buffer(int index, int rows, int cols, Tensor like) {
        while (caches.size() <= index) {
            caches.add(new TensorCache(backend, like.dtype()));
        }
        return caches.get(index).get(rows, cols);
    }

    /** Records the gradient that {@link #backward()} returns. */
    final void gradient(Tensor gradient) {
        this.gradient = gradient;
    }

    @Override
    public final Tensor backward() {
        if (gradient == null) {
            throw new IllegalStateException("loss " + id() + ": backward called before forward");
        }
        return gradient;
    }

    @Override
    public final void close() {
        caches.forEach(TensorCache::close);
        caches.clear();
        gradient = null;
    }

    @Override
    public String toString() {
        return id();
    }
}
