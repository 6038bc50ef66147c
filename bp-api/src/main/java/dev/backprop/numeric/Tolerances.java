package dev.backprop.numeric;

import dev.backprop.spi.DType;

/**
 * Every tolerance the project compares numbers with, in one place, each with its reason. Unit
 * roundoff: {@code u64 = 2^-53 ≈ 1.1e-16}, {@code u32 = 2^-24 ≈ 6.0e-8}.
 */
public final class Tolerances {

    /**
     * Float64 against PyTorch's float64 golden values (losses, outputs, gradients, SGD and momentum
     * steps): the fixtures' own rule. A correct implementation that only sums in another order is
     * typically within 1e-14 relative, so 1e-9 leaves room without hiding a wrong formula.
     */
    public static final Tolerance ORACLE = new Tolerance(1e-12, 1e-9);

    /**
     * Float64 parameters after three Adam steps against PyTorch: Adam divides by
     * {@code sqrt(v̂) + 1e-8}, which turns a 1e-16 rounding difference in a gradient near 1e-10
     * into up to {@code lr/eps = 1e6} times that in the step (the fixtures' README).
     */
    public static final Tolerance ORACLE_ADAM = new Tolerance(1e-8, 0);

    /**
     * Float64 results of one op against a float64 reference that sums in another order: a few
     * {@code u64} per element relative, with an absolute floor for results that cancel to near zero.
     */
    public static final Tolerance FLOAT64_OP = new Tolerance(1e-13, 1e-12);

    /**
     * Float32 results of one op against a float64 reference: the inputs are rounded to float32
     * ({@code u32}), every elementary function adds a few {@code u32}; 1e-5 relative is about 170
     * {@code u32}, room for a short chain, and still a million times coarser than a float64 result
     * needs, so it also catches float32 arithmetic in a float64 op.
     */
    public static final Tolerance FLOAT32_OP = new Tolerance(1e-6, 1e-5);

    /**
     * A float32 network's loss against the same network in float64: forward passes of a few layers
     * accumulate {@code u32} per multiply-add along dot products of up to a few hundred terms.
     */
    public static final Tolerance FLOAT32_LOSS = new Tolerance(1e-5, 1e-4);

    /**
     * Analytic float64 gradients against central finite differences with step 1e-6: the truncation
     * error is {@code O(h²) ≈ 1e-12} times the third derivative and the rounding error about
     * {@code u64·|L|/h ≈ 1e-10}; 1e-6 relative with a 1e-8 floor is far above both and far below any
     * wrong formula.
     */
    public static final Tolerance FINITE_DIFFERENCE = new Tolerance(1e-8, 1e-6);

    /*
     * Two backends running one network differ only in summation order (and, in float32, in whether
     * intermediate results are rounded to float32). Measured on pure, EJML and ND4J (20-32-16-5
     * network, 80 samples): gradients within 8e-18 (float64) and 1e-8 (float32); after 50 steps of SGD
     * with momentum or Adam, losses and parameters within 5e-16 and 1.3e-7. The tolerances leave two
     * to three orders of magnitude for other machines and BLAS builds, while a wrong formula or a
     * dropped term moves results by 1e-3 or more.
     */
    private static final Tolerance CROSS_GRADIENT_64 = FLOAT64_OP;
    private static final Tolerance CROSS_GRADIENT_32 = new Tolerance(1e-6, 1e-4);
    private static final Tolerance CROSS_TRAJECTORY_64 = new Tolerance(1e-12, 1e-10);
    private static final Tolerance CROSS_TRAJECTORY_32 = new Tolerance(1e-5, 1e-3);

    private Tolerances() {
    }

    /** Whole-network gradients of one network on two backends. */
    public static Tolerance crossBackendGradient(DType dtype) {
        return dtype == DType.FLOAT64 ? CROSS_GRADIENT_64 : CROSS_GRADIENT_32;
    }

    /** Losses and parameters after 50 training steps of one network on two backends. */
    public static Tolerance crossBackendTrajectory(DType dtype) {
        return dtype == DType.FLOAT64 ? CROSS_TRAJECTORY_64 : CROSS_TRAJECTORY_32;
    }

    /** The per-op tolerance for {@code float64} or {@code float32} results. */
    public static Tolerance op(DType dtype) {
        return dtype == DType.FLOAT64 ? FLOAT64_OP : FLOAT32_OP;
    }

    /** Unit roundoff: {@code 2^-53} for float64, {@code 2^-24} for float32. */
    public static double unitRoundoff(DType dtype) {
        return dtype == DType.FLOAT64 ? 0x1p-53 : 0x1p-24;
    }

    /**
     * A sum of {@code terms} products or values: the error bound of recursive summation,
     * {@code γ_n · sum|terms|} with {@code γ_n ≈ n·u} (Higham, Accuracy and Stability of Numerical
     * Algorithms, 3.1), doubled for the rounding of the inputs and the result, plus the per-op floor.
     * Any summation order (blocked, pairwise, FMA) stays inside it; a dropped or doubled term does not.
     *
     * @param magnitude the sum of the terms' absolute values
     * @return the largest error accepted
     */
    public static double summation(DType dtype, int terms, double magnitude) {
        return op(dtype).absolute() + 2.0 * (terms + 2) * unitRoundoff(dtype) * magnitude;
    }

    /**
     * Float64 results of one element-wise function (exp, log, sigmoid, tanh, ..., or one IEEE
     * operation) against the float64 reference, in units in the last place of the expected value:
     * good libraries evaluate these functions within 1 to 2.5 ulp (Java's {@code StrictMath},
     * glibc, SLEEF's 1-ulp variants) and the reference itself may be off by as much, so 8 ulp leave
     * room for two such errors and a rounding of an intermediate. Unlike a relative bound with an
     * absolute floor it accepts no wrong value at any magnitude: {@code sigmoid(-40) = 4.2e-18}
     * returned as 0, or a tiny input coming back with the wrong sign, fails.
     */
    public static final int FLOAT64_ELEMENTWISE_ULPS = 8;

    /**
     * Float32 results of one element-wise function against a float64 reference on the same
     * (float32) inputs: a float32 library function is within 1 to 2 float32 ulp, a float64 one
     * rounded to float32 within 0.5; 8 ulp ({@code 2^-21} relative) still fails a result that kept
     * only 17 bits of mantissa (128 ulp off).
     */
    public static final int FLOAT32_ELEMENTWISE_ULPS = 8;

    /**
     * The spacing of {@code dtype}'s numbers at {@code value}: {@link Math#ulp} of the value as a
     * {@code float} or {@code double}; at zero, the smallest subnormal of the type.
     */
    public static double ulp(DType dtype, double value) {
        return dtype == DType.FLOAT64 ? Math.ulp(value) : Math.ulp((float) value);
    }

    /**
     * The largest error accepted for one element-wise function whose exact result is
     * {@code expected}: {@link #FLOAT64_ELEMENTWISE_ULPS} or {@link #FLOAT32_ELEMENTWISE_ULPS} ulp of
     * it, with no absolute floor.
     */
    public static double elementwise(DType dtype, double expected) {
        int ulps = dtype == DType.FLOAT64 ? FLOAT64_ELEMENTWISE_ULPS : FLOAT32_ELEMENTWISE_ULPS;
        return ulps * ulp(dtype, expected);
    }

    /**
     * The largest error accepted for a short chain of {@code roundings} floating-point operations
     * (scalars rounded to the type, products, sums) whose terms have absolute values summing to
     * {@code magnitude}: each rounding adds at most {@code u} times the magnitude it acts on, doubled
     * as in {@link #summation}, plus one ulp of zero. Cancellation, as in {@code alpha·a + beta·b} or
     * {@code 1 - y²}, can leave a result far smaller than its terms, so an ulp bound on the result
     * would reject a correct evaluation order; this bound does not, and it has no absolute floor.
     */
    public static double rounding(DType dtype, int roundings, double magnitude) {
        return 2.0 * roundings * unitRoundoff(dtype) * magnitude + ulp(dtype, 0);
    }

    /**
     * {@link #op} for results that subtract inputs of magnitude up to {@code scale} before a smooth
     * function (log-softmax of large logits: {@code z - max}): the subtraction keeps only the inputs'
     * absolute precision, {@code u·scale}, so the floor grows to {@code 8·u·scale}.
     */
    public static Tolerance scaled(DType dtype, double scale) {
        Tolerance base = op(dtype);
        return new Tolerance(base.absolute() + 8 * unitRoundoff(dtype) * scale, base.relative());
    }

    /*
     * Data-parallel training (bp-spark) against the same run on one machine: the only difference is where
     * the batch's gradient sum is split (per-worker partial sums added in worker order) and that it is
     * divided by the batch size after summing instead of before. Float64: 1e-12 relative, the bound the
     * promise states; measured on pure and EJML (6-8-3 network, 16 steps of SGD with momentum, 1-3
     * workers, a short last batch): worst 1e-14 relative. The 1e-15 floor (ten u64 of a typical weight,
     * 0.1) is for parameters that cancel to near zero. Float32: the cross-backend trajectory bound, since
     * the workers' float32 sums are added in float64 on the driver (measured worst: 4e-8 absolute).
     */
    private static final Tolerance DATA_PARALLEL_64 = new Tolerance(1e-15, 1e-12);
    private static final Tolerance DATA_PARALLEL_32 = CROSS_TRAJECTORY_32;

    /** Parameters trained on several workers (gradient sums added in worker order) against one machine. */
    public static Tolerance dataParallel(DType dtype) {
        return dtype == DType.FLOAT64 ? DATA_PARALLEL_64 : DATA_PARALLEL_32;
    }
}
