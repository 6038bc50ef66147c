package dev.backprop.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.data.Dataset;
import dev.backprop.init.SeededRandom;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.train.BatchResult;
import dev.backprop.train.EpochResult;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * ND4J's off-heap memory stays flat over long training. ND4J 1.0.0-M2.1 allocates its CPU buffers in
 * libnd4j, outside JavaCPP's and ND4J's own counters, so the measure is the process's resident memory
 * ({@link Pointer#physicalBytes()}) after a garbage collection, in a JVM whose heap is fixed and
 * pre-touched (this module's surefire argLine) so that heap growth does not show up as resident
 * growth. ND4J's pairwise ops are custom ops whose native op context is freed only when the garbage
 * collector finds it, so resident memory rises while the GC rhythm settles and is flat after that
 * (with this heap, from about step 10,000); the checks start there. A leak of one small tensor per
 * step, or of one batch-sized buffer per batch, exceeds the allowed growth.
 */
class Nd4jMemoryTest {

    private static final long MIB = 1024 * 1024;
    private static final Backend BACKEND = new Nd4jBackendProvider().create();

    /** Resident bytes and Java heap bytes in use, after garbage collection. */
    private record Sample(long resident, long heap) {
    }

    private static Sample sampleAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Runtime runtime = Runtime.getRuntime();
        return new Sample(Pointer.physicalBytes(), runtime.totalMemory() - runtime.freeMemory());
    }

    @Test
    void twentyThousandXorStepsKeepResidentMemoryFlat() {
        List<Sample> samples = new ArrayList<>();
        try (Sequential model = Sequential.builder().input(2).dense(5, Activation.sigmoid())
                .dense(1, Activation.sigmoid()).backend(BACKEND).build();
                Loss loss = Loss.mse();
                Optimizer optimizer = Optimizer.gradientDescent(2.0)) {
            Trainer.builder().loss(loss).optimizer(optimizer).epochs(20_000).batchSize(4).shuffle(false)
                    .listener(new TrainingListener() {
                        @Override
                        public void onEpochEnd(EpochResult result) {
                            if (result.epoch() % 2_000 == 0) {
                                samples.add(sampleAfterGc());
                            }
                        }
                    }).build()
                    .fit(model, Dataset.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
                            new double[][] {{0}, {1}, {1}, {0}}));
        }
        // from step 10,000 to 20,000: 4 MiB is 420 bytes per step; the heap (which ND4J's reference
        // bookkeeping makes wobble by 2-3 MiB) holds the trainer's 64-byte
        // record of each epoch (0.6 MiB here) and must not hold a leaked array object per step
        assertFlat("XOR, every 2,000 steps", samples, 4, 4 * MIB, 6 * MIB);
    }

    @Test
    void twoEpochsOfA784x256x10NetworkKeepResidentMemoryFlat() {
        int samples = 6_400;
        SeededRandom random = new SeededRandom(1);
        double[][] x = new double[samples][784];
        double[][] y = new double[samples][10];
        for (int i = 0; i < samples; i++) {
            for (int j = 0; j < 784; j++) {
                x[i][j] = random.nextDouble();
            }
            y[i][random.nextInt(10)] = 1;
        }
        Dataset data = Dataset.of(x, y);
        List<Sample> bytes = new ArrayList<>();
        try (Sequential model = Sequential.builder().input(784).dense(256, Activation.relu()).dense(10)
                .dtype(DType.FLOAT32).backend(BACKEND).build();
                Loss loss = Loss.softmaxCrossEntropy();
                Optimizer optimizer = Optimizer.adam(1e-3)) {
            Trainer.builder().loss(loss).optimizer(optimizer).epochs(2).batchSize(128)
                    .listener(new TrainingListener() {
                        @Override
                        public void onBatchEnd(BatchResult result) {
                            if (result.batch() % 10 == 0) {
                                bytes.add(sampleAfterGc());
                            }
                        }
                    }).build().fit(model, data);
        }
        // from the first sample of epoch 2 to the end, 40 batches: 4 MiB is 105 KB per batch, less than
        // the 128 KB of one 128 x 256 float32 activation
        assertFlat("784-256-10, every 10 batches", bytes, 5, 4 * MIB, MIB);
    }

    private static void assertFlat(String what, List<Sample> samples, int warmSample, long residentGrowth,
            long heapGrowth) {
        System.getLogger(Nd4jMemoryTest.class.getName()).log(System.Logger.Level.INFO, () -> what
                + ", resident/heap MiB: " + samples.stream().map(b -> String.format("%.1f/%.1f",
                        b.resident() / (double) MIB, b.heap() / (double) MIB)).toList());
        List<Sample> warm = samples.subList(warmSample, samples.size());
        long resident = warm.stream().mapToLong(Sample::resident).max().orElseThrow() - warm.get(0).resident();
        long heap = warm.stream().mapToLong(Sample::heap).max().orElseThrow() - warm.get(0).heap();
        assertTrue(resident <= residentGrowth, () -> what + ": resident memory grew by " + resident / MIB
                + " MiB after warm-up, allowed " + residentGrowth / MIB + " (samples " + samples + ")");
        assertTrue(heap <= heapGrowth, () -> what + ": heap in use grew by " + heap / 1024 + " KiB after warm-up,"
                + " allowed " + heapGrowth / 1024 + " (samples " + samples + ")");
    }
}
