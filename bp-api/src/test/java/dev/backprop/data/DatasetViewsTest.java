package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DatasetViewsTest {

    private static Dataset numbered(int n) {
        double[][] x = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {i};
            labels[i] = i % 3;
        }
        return Dataset.classification(x, labels, 3);
    }

    @Test
    void classificationTargetsAreOneHot() {
        Dataset data = numbered(5);
        assertTrue(data.isClassification());
        assertArrayEquals(new double[] {0, 0, 1}, data.targets(2));
        assertArrayEquals(new int[] {0, 1, 2, 0, 1}, data.labels());
    }

    @Test
    void pixelsAreScaledUnsignedBytes() {
        Dataset data = Dataset.ofPixels(new byte[] {0, (byte) 255, (byte) 128, 1}, 2, 1.0 / 255, new int[] {0, 1}, 2);
        assertArrayEquals(new double[] {0, 1}, data.features(0));
        assertArrayEquals(new double[] {128 / 255.0, 1 / 255.0}, data.features(1));
    }

    @Test
    void subsetsAreViewsInTheGivenOrder() {
        Dataset data = numbered(10);
        Dataset sub = data.subset(new int[] {7, 2, 9}).subset(new int[] {2, 0});
        assertEquals(2, sub.size());
        assertArrayEquals(new double[] {9}, sub.features(0));
        assertArrayEquals(new double[] {7}, sub.features(1));
        assertEquals(0, sub.label(0).orElseThrow());
        assertEquals(3, data.head(3).size());
        assertThrows(IllegalArgumentException.class, () -> data.subset(new int[] {10}));
        assertThrows(IllegalArgumentException.class, () -> data.subset(new int[0]));
    }

    @Test
    void splitsAreSeededDisjointAndComplete() {
        Dataset data = numbered(100);
        Dataset.Split a = data.split(0.2, 5);
        Dataset.Split b = data.split(0.2, 5);
        assertEquals(80, a.train().size());
        assertEquals(20, a.validation().size());
        TreeSet<Double> seen = new TreeSet<>();
        for (Dataset part : List.of(a.train(), a.validation())) {
            for (int i = 0; i < part.size(); i++) {
                assertTrue(seen.add(part.features(i)[0]), "a sample is in both parts");
            }
        }
        assertEquals(100, seen.size());
        assertArrayEquals(a.validation().labels(), b.validation().labels());
        assertThrows(IllegalArgumentException.class, () -> data.split(0, 1));
        assertThrows(IllegalArgumentException.class, () -> data.split(1, 1));
        assertThrows(IllegalArgumentException.class, () -> numbered(1).split(0.5, 1));
    }

    @Test
    void miniBatchesVisitEverySampleOncePerEpochInSeededOrder() {
        Dataset data = numbered(10);
        MiniBatches batches = data.batches(4, true, 3);
        assertEquals(3, batches.count());
        List<Double> first = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (Iterator<MiniBatches.Batch> it = batches.epoch(); it.hasNext();) {
            MiniBatches.Batch batch = it.next();
            sizes.add(batch.rows());
            for (int r = 0; r < batch.rows(); r++) {
                first.add(batch.features()[r]);
            }
        }
        assertEquals(List.of(4, 4, 2), sizes);
        assertEquals(IntStream.range(0, 10).mapToObj(i -> (double) i).toList(), first.stream().sorted().toList());
        List<Double> second = new ArrayList<>();
        for (Iterator<MiniBatches.Batch> it = batches.epoch(); it.hasNext();) {
            MiniBatches.Batch batch = it.next();
            for (int r = 0; r < batch.rows(); r++) {
                second.add(batch.features()[r]);
            }
        }
        assertTrue(!first.equals(second), "each epoch is reshuffled");
        List<Double> again = new ArrayList<>();
        for (Iterator<MiniBatches.Batch> it = data.batches(4, true, 3).epoch(); it.hasNext();) {
            MiniBatches.Batch batch = it.next();
            for (int r = 0; r < batch.rows(); r++) {
                again.add(batch.features()[r]);
            }
        }
        assertEquals(first, again, "the same seed gives the same order");
        MiniBatches ordered = data.batches(3, false, 0);
        assertArrayEquals(new double[] {0, 1, 2}, Arrays.copyOf(ordered.epoch().next().features(), 3));
    }

    @Test
    void rejectsBadLabelsAndPixels() {
        assertThrows(IllegalArgumentException.class, () -> Dataset.classification(new double[][] {{1}}, new int[] {3}, 3));
        assertThrows(IllegalArgumentException.class, () -> Dataset.classification(new double[][] {{1}}, new int[] {0}, 1));
        assertThrows(IllegalArgumentException.class, () -> Dataset.ofPixels(new byte[3], 2, 1, new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> Dataset.ofPixels(new byte[0], 2, 1, new int[0], 2));
    }
}
