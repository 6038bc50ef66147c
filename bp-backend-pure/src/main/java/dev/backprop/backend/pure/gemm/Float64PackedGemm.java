package dev.backprop.backend.pure.gemm;

// GENERATED-HEADER
// template: One source for both precisions, as Float64Kernels: element arrays are written double[] (new
// template: double[] included), stores into them cast with (double), and element-typed locals and every
// template: accumulator use var, so that float32 accumulates in float on every path, as sgemm does.

/**
 * GEMM in the layout of BLIS and OpenBLAS: {@code op(b)} is packed {@link #KC} × {@link #NC} at a time
 * into panels {@code nr} columns wide, {@code alpha op(a)} {@link #MC} × {@link #KC} at a time into panels
 * {@code mr} rows high, and a {@link Float64MicroKernel} multiplies one a-panel by one b-panel into a
 * tile of {@code c} held in registers. A b-panel ({@code KC × nr}, 24 KiB) stays in the L1 cache while
 * the a-panels of a block stream past it from L2. Products above {@link #PARALLEL_WORK} multiply-adds
 * are split into stripes of {@code c} (columns when {@code c} is wider than high, rows otherwise), one
 * per core; products below {@link #SMALL_WORK} skip packing and run a plain triple loop.
 */
@SuppressWarnings("cast") // the (double) store casts are the generator's markers; they matter in the float32 twin
final class Float64PackedGemm implements Gemm<double[]> {

    /** Depth of a packed block; sized so that a b-panel takes 24 KiB in either precision with 512-bit vectors. */
    static final int KC = 128;
    /** Rows of {@code op(a)} packed at a time (a multiple of every micro-kernel's {@code mr}). */
    static final int MC = 192;
    /** Columns of {@code op(b)} packed at a time (a multiple of every micro-kernel's {@code nr}). */
    static final int NC = 1536;
    /** Multiply-adds below which the plain loop beats packing. */
    static final long SMALL_WORK = 4096;
    /** Multiply-adds above which the product is split across cores. */
    static final long PARALLEL_WORK = 1L << 20;

    private final Float64MicroKernel kernel;
    private final int mr;
    private final int nr;
    private final long smallWork;
    private final ThreadLocal<Buffers> buffers;
    private final ThreadLocal<Stripes> stripes = ThreadLocal.withInitial(Stripes::new);

    Float64PackedGemm(Float64MicroKernel kernel) {
        this(kernel, SMALL_WORK);
    }

    /** With another small-product threshold: 0 sends every product through the packed kernel (tests). */
    Float64PackedGemm(Float64MicroKernel kernel, long smallWork) {
        this.kernel = kernel;
        this.mr = kernel.mr();
        this.nr = kernel.nr();
        this.smallWork = smallWork;
        this.buffers = ThreadLocal.withInitial(() -> new Buffers(mr, nr));
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha, double[] a,
            double[] b, double beta, double[] c) {
        scale(beta, c, m * n);
        if (k == 0 || alpha == 0) {
            return;
        }
        long work = (long) m * n * k;
        if (work < smallWork) {
            small(transposeA, transposeB, m, n, k, alpha, a, b, c);
            return;
        }
        int stripes = work < PARALLEL_WORK ? 1 : Parallel.CORES;
        if (stripes == 1) {
            blocked(transposeA, transposeB, m, n, k, alpha, a, b, c, 0, m, 0, n);
            return;
        }
        Stripes job = this.stripes.get();
        job.set(transposeA, transposeB, m, n, k, alpha, a, b, c, stripes);
        try {
            Parallel.run(job.count, job);
        } finally {
            job.clear();
        }
    }

    /**
     * One product's arguments for its stripes on several cores: columns of {@code c} when it is wider
     * than high, rows otherwise. One per calling thread, reused, so that a product allocates nothing.
     */
    private final class Stripes implements Parallel.Job {
        private boolean transposeA;
        private boolean transposeB;
        private int m;
        private int n;
        private int k;
        private double alpha;
        private double[] a;
        private double[] b;
        private double[] c;
        private boolean byColumns;
        private int size;
        int count;

        void set(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha, double[] a, double[] b,
                double[] c, int stripes) {
            this.transposeA = transposeA;
            this.transposeB = transposeB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.a = a;
            this.b = b;
            this.c = c;
            this.byColumns = n >= m;
            int extent = byColumns ? n : m;
            this.size = roundUp((extent + stripes - 1) / stripes, byColumns ? nr : mr);
            this.count = (extent + size - 1) / size;
        }

        /** Lets go of the operands. */
        void clear() {
            a = null;
            b = null;
            c = null;
        }

        @Override
        public void run(int stripe) {
            if (byColumns) {
                blocked(transposeA, transposeB, m, n, k, alpha, a, b, c, 0, m, stripe * size,
                        Math.min(n, (stripe + 1) * size));
            } else {
                blocked(transposeA, transposeB, m, n, k, alpha, a, b, c, stripe * size,
                        Math.min(m, (stripe + 1) * size), 0, n);
            }
        }
    }

    private static void scale(double beta, double[] c, int length) {
        if (beta == 0) {
            for (int i = 0; i < length; i++) {
                c[i] = 0;
            }
        } else if (beta != 1) {
            for (int i = 0; i < length; i++) {
                c[i] = (double) (beta * c[i]);
            }
        }
    }

    private static void small(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha, double[] a,
            double[] b, double[] c) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                var sum = (double) 0;
                for (int p = 0; p < k; p++) {
                    sum += a[transposeA ? p * m + i : i * k + p] * b[transposeB ? j * k + p : p * n + j];
                }
                c[i * n + j] += (double) (alpha * sum);
            }
        }
    }

    /** Rows {@code [rowFrom, rowTo)} and columns {@code [colFrom, colTo)} of {@code c += alpha op(a) op(b)}. */
    private void blocked(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha, double[] a,
            double[] b, double[] c, int rowFrom, int rowTo, int colFrom, int colTo) {
        Buffers buf = buffers.get();
        int depthBlocks = (k + KC - 1) / KC;
        int depth = (k + depthBlocks - 1) / depthBlocks;
        for (int jc = colFrom; jc < colTo; jc += NC) {
            int nc = Math.min(NC, colTo - jc);
            for (int pc = 0; pc < k; pc += depth) {
                int kc = Math.min(depth, k - pc);
                packB(transposeB, b, n, k, pc, kc, jc, nc, buf.b);
                for (int ic = rowFrom; ic < rowTo; ic += MC) {
                    int mc = Math.min(MC, rowTo - ic);
                    packA(transposeA, a, m, k, alpha, ic, mc, pc, kc, buf.a);
                    tiles(kc, mc, nc, buf, c, ic * n + jc, n);
                }
            }
        }
    }

    /** Every tile of one packed block: b-panels outer (each stays in L1), a-panels inner. */
    private void tiles(int kc, int mc, int nc, Buffers buf, double[] c, int cOffset, int ldc) {
        for (int jr = 0; jr < nc; jr += nr) {
            int width = Math.min(nr, nc - jr);
            int bOffset = jr * kc;
            for (int ir = 0; ir < mc; ir += mr) {
                int height = Math.min(mr, mc - ir);
                int aOffset = ir * kc;
                int at = cOffset + ir * ldc + jr;
                if (width == nr && height == mr) {
                    kernel.multiply(kc, buf.a, aOffset, buf.b, bOffset, c, at, ldc);
                } else {
                    double[] tile = buf.tile;
                    for (int t = 0; t < tile.length; t++) {
                        tile[t] = 0;
                    }
                    kernel.multiply(kc, buf.a, aOffset, buf.b, bOffset, tile, 0, nr);
                    for (int i = 0; i < height; i++) {
                        for (int j = 0; j < width; j++) {
                            c[at + i * ldc + j] += tile[i * nr + j];
                        }
                    }
                }
            }
        }
    }

    /** {@code alpha op(a)[ic..ic+mc, pc..pc+kc]} into panels of {@code mr} rows, column by column, zero-padded. */
    private void packA(boolean transposeA, double[] a, int m, int k, double alpha, int ic, int mc, int pc, int kc,
            double[] packed) {
        for (int ir = 0; ir < mc; ir += mr) {
            int height = Math.min(mr, mc - ir);
            int base = ir * kc;
            for (int i = 0; i < mr; i++) {
                int row = ic + ir + i;
                if (i >= height) {
                    for (int p = 0; p < kc; p++) {
                        packed[base + p * mr + i] = 0;
                    }
                } else if (transposeA) {
                    for (int p = 0; p < kc; p++) {
                        packed[base + p * mr + i] = (double) (alpha * a[(pc + p) * m + row]);
                    }
                } else {
                    int from = row * k + pc;
                    for (int p = 0; p < kc; p++) {
                        packed[base + p * mr + i] = (double) (alpha * a[from + p]);
                    }
                }
            }
        }
    }

    /** {@code op(b)[pc..pc+kc, jc..jc+nc]} into panels of {@code nr} columns, row by row, zero-padded. */
    private void packB(boolean transposeB, double[] b, int n, int k, int pc, int kc, int jc, int nc,
            double[] packed) {
        for (int jr = 0; jr < nc; jr += nr) {
            int width = Math.min(nr, nc - jr);
            int base = jr * kc;
            if (transposeB) {
                for (int j = 0; j < nr; j++) {
                    if (j < width) {
                        int from = (jc + jr + j) * k + pc;
                        for (int p = 0; p < kc; p++) {
                            packed[base + p * nr + j] = b[from + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            packed[base + p * nr + j] = 0;
                        }
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int from = (pc + p) * n + jc + jr;
                    int to = base + p * nr;
                    System.arraycopy(b, from, packed, to, width);
                    for (int j = width; j < nr; j++) {
                        packed[to + j] = 0;
                    }
                }
            }
        }
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** One thread's packing space, allocated once at the largest block size. */
    private static final class Buffers {
        final double[] a;
        final double[] b;
        final double[] tile;

        Buffers(int mr, int nr) {
            a = new double[roundUp(MC, mr) * KC];
            b = new double[KC * roundUp(NC, nr)];
            tile = new double[mr * nr];
        }
    }
}
