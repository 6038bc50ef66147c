package dev.backprop.examples.bench;

import dev.backprop.data.Dataset;
import dev.backprop.init.SeededRandom;

/** Seeded random classification data for benchmarks: uniform features, one-hot labels. */
final class RandomData {

    private RandomData() {
    }

    static Dataset classification(long seed, int samples, int features, int classes) {
        SeededRandom random = new SeededRandom(seed);
        double[][] x = new double[samples][features];
        double[][] y = new double[samples][classes];
        for (int i = 0; i < samples; i++) {
            for (int j = 0; j < features; j++) {
                x[i][j] = random.nextDouble();
            }
            y[i][random.nextInt(classes)] = 1;
        }
        return Dataset.of(x, y);
    }
}
