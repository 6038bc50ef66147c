package dev.backprop.spi;

/**
 * Op family {@link OpFamily#CONVOLUTION}: 2-D convolution and pooling on images {@code [N, C, H, W]}
 * (NCHW, as PyTorch), the primitives a convolutional layer is made of. Every derivative is written
 * once, in {@link ComposedOps}: a convolution is {@link #im2col} and a GEMM, its backward pass a GEMM
 * and {@link #col2im}, so a backend implements data movement here and reuses its GEMM. A backend with
 * a fused convolution (cuDNN-style) overrides {@link #conv2d} and {@link #conv2dBackward}; layers call
 * only those two and the pooling ops, so they do not change.
 *
 * <p>The window ({@link Window2d}) follows PyTorch: cross-correlation (the kernel is not flipped),
 * zero padding, floor-mode output sizes; pooling takes no padding. Index conventions, with {@code xp}
 * the zero-padded input and {@code OH × OW} the output size of the window:
 * <pre>
 * im2col:   columns[(n·OH + i)·OW + j][(c·kh + u)·kw + v] = xp[n][c][i·sh + u][j·sw + v]
 * col2im:   dx[n][c][h][w] = Σ columns[(n·OH + i)·OW + j][(c·kh + u)·kw + v]
 *                            over every (i, j, u, v) with i·sh + u - ph = h and j·sw + v - pw = w
 * </pre>
 * {@code col2im} is the adjoint of {@code im2col}: where windows overlap it adds their contributions.
 *
 * <p>The defaults throw {@link OpFamily#unsupportedBy}: a backend that predates the family fails with a
 * message naming it. Outputs may not alias inputs. Every output is overwritten, never accumulated into.
 */
public interface ConvolutionOps {

    /**
     * Unfolds every window of {@code x} into a row of {@code columns}, as the class comment defines.
     *
     * @param x {@code [N, C, H, W]}, not modified
     * @param columns {@code window.columnsShape(x)}, that is {@code [N·OH·OW, C·kh·kw]}, overwritten
     */
    default void im2col(Tensor x, Window2d window, Tensor columns) {
        throw OpFamily.CONVOLUTION.unsupportedBy((Backend) this, "im2col");
    }

    /**
     * The adjoint of {@link #im2col}: adds every row of {@code columns} back into the window it came from.
     *
     * @param columns {@code [N·OH·OW, C·kh·kw]} for {@code dx}'s shape, not modified
     * @param dx {@code [N, C, H, W]}, overwritten
     */
    default void col2im(Tensor columns, Window2d window, Tensor dx) {
        throw OpFamily.CONVOLUTION.unsupportedBy((Backend) this, "col2im");
    }

    /**
     * Channels to the last axis: {@code out[(n·H + h)·W + w][c] = x[n][c][h][w]}.
     *
     * @param x {@code [N, C, H, W]}, not modified
     * @param out {@code [N·H·W, C]}, overwritten
     */
    default void channelsLast(Tensor x, Tensor out) {
        throw OpFamily.CONVOLUTION.unsupportedBy((Backend) this, "channelsLast");
    }

    /**
     * The inverse of {@link #channelsLast}: {@code out[n][c][h][w] = x[(n·H + h)·W + w][c]}.
     *
     * @param x {@code [N·H·W, C]}, not modified
     * @param out {@code [N, C, H, W]}, overwritten
     */
    default void channelsFirst(Tensor x, Tensor out) {
        throw OpFamily.CONVOLUTION.unsupportedBy((Backend) this, "channelsFirst");
    }

    /**
     * Max pooling: {@code y[n][c][i][j]} is the largest of {@code x[n][c][i·sh + u][j·sw + v]} over
     * {@code u < kh, v < kw} (NaN if any of them is NaN), and {@code argmax[n][c][i][j]} is
     * {@code u·kw + v} of the first entry, in row-major order, that holds it.
     *
     * @param x {@code [N, C, H, W]}, not modified
     * @param window unpadded
     * @param y {@code [N, C, OH, OW]}, overwritten
     * @param argmax same shape and type as {@code y}, overwritten with window offsets (exact integers)
     */
    default void maxPool2d(Tensor x, Window2d window, Tensor y, Tensor argmax) {
        throw OpFamily.CONVOLUTION.unsupportedBy((Backend) this, "maxPool2d");
    }

    /**
     * Backward pass of {@link #maxPool2d}: each {@code dy[n][c][i][j]} is added to
     * {@code dx[n][c][i·sh + u][j·sw + v]} with {@code u·kw + v = argmax[n][c][i][j]}; every other entry
     * of {@code dx} is 0.
     *
     * @param dy {@code [N, C, OH, OW]}, not modified
     * @param argmax as {@link #maxPool2d} left it, not modified
     * @param dx {@code [N, C, H, W]}, overwritten
     */
    default void maxPool2dBackward(Tensor dy, Tensor argmax, Window2d window, Tensor dx) {
        throw OpFamily.CONVOLUTION.unsupportedBy((Backend) this, "maxPool2dBackward");
    }

    /**
     * Average pooling: {@code y[n][c][i][j]} is the mean of {@code x[n][c][i·sh + u][j·sw + v]} over
     * {@code u < kh, v < kw}.
     *
     * @param x {@code [N, C, H, W]}, not modified
     * @param window unpadded
     * @param y {@code [N, C, OH, OW]}, overwritten
     */
    default void avgPool2d(Tensor x, Window2d window, Tensor y) {
        throw OpFamily.CONVOLUTION.unsupportedBy((Backend) this, "avgPool2d");
    }

    /**
     * Backward pass of {@link #avgPool2d}: each {@code dy[n][c][i][j] / (kh·kw)} is added to every entry
     * of its window in {@code dx}; entries no window reaches are 0.
     *
     * @param dy {@code [N, C, OH, OW]}, not modified
     * @param dx {@code [N, C, H, W]}, overwritten
     */
    default void avgPool2dBackward(Tensor dy, Window2d window, Tensor dx) {
        throw OpFamily.CONVOLUTION.unsupportedBy((Backend) this, "avgPool2dBackward");
    }

    /**
     * A convolution with bias, {@code y[n][o][i][j] = b[o] + Σ_c Σ_u Σ_v W[o][c][u][v] ·
     * xp[n][c][i·sh + u][j·sw + v]}. Composed by default ({@link ComposedOps#conv2d}:
     * {@code im2col}, GEMM, bias, {@code channelsFirst}); the two scratch tensors are those of the
     * composition, which a fused kernel may leave unused.
     *
     * @param x {@code [N, C, H, W]}, not modified
     * @param weights {@code [O, C, kh, kw]}, as PyTorch's {@code Conv2d.weight}, not modified
     * @param bias {@code [O]}, not modified
     * @param columns {@code [N·OH·OW, C·kh·kw]}, overwritten; {@link #conv2dBackward} reads it
     * @param channelsLast {@code [N·OH·OW, O]}, overwritten
     * @param y {@code [N, O, OH, OW]}, overwritten
     */
    default void conv2d(Tensor x, Tensor weights, Tensor bias, Window2d window, Tensor columns,
            Tensor channelsLast, Tensor y) {
        ComposedOps.conv2d((Backend) this, x, weights, bias, window, columns, channelsLast, y);
    }

    /**
     * Backward pass of {@link #conv2d} for the {@code x} of its last call, passed again with the same
     * {@code columns} and {@code channelsLast} tensors (the composition reads {@code columns}, not
     * {@code x}, and overwrites both; a fused kernel reads {@code x}):
     * <pre>
     * dW[o][c][u][v] = Σ_n Σ_i Σ_j dy[n][o][i][j] · xp[n][c][i·sh + u][j·sw + v]
     * db[o]          = Σ_n Σ_i Σ_j dy[n][o][i][j]
     * dx             = col2im(dyᵀ-as-rows · W)     (the adjoint of the forward pass)
     * </pre>
     *
     * @param x {@code [N, C, H, W]}, the input of the forward pass, not modified
     * @param weights {@code [O, C, kh, kw]}, not modified
     * @param dy {@code [N, O, OH, OW]}, not modified
     * @param dWeights shaped as {@code weights}, overwritten
     * @param dBias {@code [O]}, overwritten
     * @param dx {@code [N, C, H, W]}, overwritten, or {@code null} when the input gradient is not needed
     */
    default void conv2dBackward(Tensor x, Tensor weights, Window2d window, Tensor dy, Tensor columns,
            Tensor channelsLast, Tensor dWeights, Tensor dBias, Tensor dx) {
        ComposedOps.conv2dBackward((Backend) this, x, weights, window, dy, columns, channelsLast, dWeights, dBias,
                dx);
    }
}
