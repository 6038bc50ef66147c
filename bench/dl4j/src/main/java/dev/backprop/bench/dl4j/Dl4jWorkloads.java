package dev.backprop.bench.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J's side of {@code bench/side-by-side}, printing the lines {@code dev.backprop.bench.Workloads}
 * prints ({@code RESULT <workload> dl4j <metric> <value>}, tab-separated).
 * <ul>
 *   <li>{@code w1 [EPOCHS SAMPLES]}: the 784-256-128-10 MLP (ReLU, softmax cross-entropy, Adam 1e-3,
 *       batch 128, float32) on random data, samples/s of epoch 1 and the median of the others;</li>
 *   <li>{@code w2 [SECONDS_PER_WINDOW]}: one {@code fit} of XOR 2-5-1 (sigmoid, MSE, SGD lr 2) on its
 *       four rows, µs per step.</li>
 * </ul>
 */
public final class Dl4jWorkloads {

    private Dl4jWorkloads() {
    }

    /** Runs one workload; see the class comment for the arguments. */
    public static void main(String[] args) {
        if (args.length < 1 || !(args[0].equals("w1") || args[0].equals("w2"))) {
            throw new IllegalArgumentException("usage: Dl4jWorkloads w1 [epochs samples] | w2 [seconds per window]");
        }
        if (args[0].equals("w1")) {
            mlp(args.length > 1 ? Integer.parseInt(args[1]) : 5, args.length > 2 ? Integer.parseInt(args[2]) : 55_000);
        } else {
            xor(args.length > 1 ? Double.parseDouble(args[1]) : 0.3);
        }
    }

    private static void mlp(int epochs, int samples) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(256).nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(128).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Random random = new Random(3);
        INDArray features = Nd4j.rand(DataType.FLOAT, samples, 784);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, samples, 10);
        for (int r = 0; r < samples; r++) {
            labels.putScalar(r, random.nextInt(10), 1);
        }
        List<DataSet> batches = new ArrayList<>();
        for (int from = 0; from < samples; from += 128) {
            int to = Math.min(samples, from + 128);
            batches.add(new DataSet(features.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup(),
                    labels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup()));
        }
        double[] rates = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            Collections.shuffle(batches, random);
            long start = System.nanoTime();
            for (DataSet batch : batches) {
                net.fit(batch);
            }
            rates[epoch] = samples / ((System.nanoTime() - start) / 1e9);
            System.err.printf(Locale.ROOT, "epoch %d: %.0f samples/s%n", epoch + 1, rates[epoch]);
        }
        report("W1 MLP epoch 1", "samples/s", rates[0]);
        double[] rest = epochs > 1 ? Arrays.copyOfRange(rates, 1, epochs) : rates;
        Arrays.sort(rest);
        double median = rest.length % 2 == 1 ? rest[rest.length / 2]
                : (rest[rest.length / 2 - 1] + rest[rest.length / 2]) / 2;
        report("W1 MLP steady", "samples/s", median);
    }

    private static void xor(double window) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(type)
                    .updater(new Sgd(2.0)).weightInit(WeightInit.XAVIER).list()
                    .layer(new DenseLayer.Builder().nIn(2).nOut(5).activation(Activation.SIGMOID).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(5).nOut(1)
                            .activation(Activation.SIGMOID).build())
                    .build();
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            DataSet data = new DataSet(Nd4j.create(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}).castTo(type),
                    Nd4j.create(new double[][] {{0}, {1}, {1}, {0}}).castTo(type));
            double nanos = nanosPerOperation(() -> net.fit(data), 4 * window, window);
            report("W2 XOR step " + (type == DataType.FLOAT ? "float32" : "float64"), "us/step", nanos / 1e3);
        }
    }

    /** As {@code dev.backprop.bench.Timing}: after a warm-up, the median of seven timed windows. */
    private static double nanosPerOperation(Runnable operation, double warmup, double window) {
        runFor(operation, warmup);
        double[] perOperation = new double[7];
        for (int w = 0; w < perOperation.length; w++) {
            perOperation[w] = runFor(operation, window);
        }
        Arrays.sort(perOperation);
        return perOperation[perOperation.length / 2];
    }

    private static double runFor(Runnable operation, double seconds) {
        long start = System.nanoTime();
        long count = 0;
        long elapsed;
        do {
            operation.run();
            count++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < seconds * 1e9);
        return (double) elapsed / count;
    }

    private static void report(String workload, String metric, double value) {
        System.out.printf(Locale.ROOT, "RESULT\t%s\tdl4j\t%s\t%.4g%n", workload, metric, value);
        System.out.flush();
    }
}
