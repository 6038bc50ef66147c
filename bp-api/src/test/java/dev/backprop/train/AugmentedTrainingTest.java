package dev.backprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.backprop.data.Augmentation;
import dev.backprop.data.Dataset;
import dev.backprop.init.SeededRandom;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.Shape;
import dev.backprop.testing.ArrayBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Augmentation changes every training batch, and only those: the data set stays as it was, validation
 * sees it unchanged, and the same seed trains to the same parameters.
 */
class AugmentedTrainingTest {

    private static Dataset data() {
        SeededRandom random = new SeededRandom(3);
        double[][] x = new double[20][2 * 4 * 4];
        double[][] t = new double[20][3];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = random.nextDouble(-1, 1);
            }
            t[i][random.nextInt(3)] = 1;
        }
        return Dataset.of(x, t);
    }

    private static double[] train(Augmentation augmentation, Dataset data, List<Integer> rows) {
        try (Sequential model = Sequential.builder().input(32).dense(5, Activation.tanh())
                .dense(3, Activation.softmax()).seed(8).backend(new ArrayBackend()).build();
                Loss loss = Loss.softmaxCrossEntropy();
                Optimizer optimizer = Optimizer.gradientDescent(0.3)) {
            Trainer.Builder trainer = Trainer.builder().loss(loss).optimizer(optimizer).epochs(3).batchSize(8).seed(4);
            if (augmentation != null) {
                trainer.augmentation((features, n, perSample, random) -> {
                    rows.add(n);
                    augmentation.apply(features, n, perSample, random);
                });
            }
            trainer.build().fit(model, data, data);
            return model.parameters().get(0).values();
        }
    }

    @Test
    void everyTrainingBatchIsAugmentedAndTheDataSetIsNot() {
        Dataset data = data();
        double[] before = data.features(7);
        List<Integer> rows = new ArrayList<>();
        Augmentation shift = Augmentation.randomShift(Shape.of(2, 4, 4), 1);
        double[] augmented = train(shift, data, rows);
        assertEquals(List.of(8, 8, 4, 8, 8, 4, 8, 8, 4), rows, "3 epochs of batches of 8, 8 and 4");
        assertArrayEquals(before, data.features(7), 0.0, "the data set is unchanged");
        assertArrayEquals(augmented, train(shift, data, new ArrayList<>()), 0.0, "the same seed, the same run");
        assertNotEquals(java.util.Arrays.toString(train(null, data, new ArrayList<>())),
                java.util.Arrays.toString(augmented), "augmentation changed what was learned");
    }
}
