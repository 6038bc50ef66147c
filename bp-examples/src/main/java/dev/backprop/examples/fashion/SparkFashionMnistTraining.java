package dev.backprop.examples.fashion;

import dev.backprop.data.Dataset;
import dev.backprop.data.FashionMnist;
import dev.backprop.eval.Evaluation;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.Optimizer;
import dev.backprop.spark.DatasetSource;
import dev.backprop.spark.SparkJob;
import dev.backprop.spark.SparkTrainer;
import dev.backprop.spi.Backend;
import dev.backprop.train.GradientSum;
import dev.backprop.train.TrainingHistory;
import dev.backprop.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@link FashionMnistTraining} on Apache Spark: the same model, split, batches and optimizer, trained
 * by {@link SparkTrainer}, so it ends with the parameters of the single-machine run (within the
 * data-parallel tolerance). Every executor loads the images from the same directory and keeps its
 * partition's share; the driver keeps the validation and test images.
 */
public final class SparkFashionMnistTraining {

    private SparkFashionMnistTraining() {
    }

    /**
     * Trains on Spark.
     *
     * @param master Spark master URL ({@code local[2]}, {@code spark://host:7077}, ...); a master set by
     *     {@code spark-submit} wins
     * @param partitions partitions of the training data, or 0 for Spark's default parallelism
     * @param directory the Fashion-MNIST files, at this path on every executor
     * @param data the same files, loaded on the driver (validation and test images)
     */
    public static FashionMnistTraining.Result run(String master, int partitions, Backend backend,
            FashionMnistTraining.Settings settings, Path directory, FashionMnist data, TrainingListener listener)
            throws IOException {
        requireSpark();
        if (settings.patience() > 0) {
            throw new IllegalArgumentException("early stopping is not supported on Spark yet");
        }
        Sequential model = FashionMnistTraining.model(backend, settings);
        try {
            GradientSum.checkSummable(model);
        } catch (IllegalArgumentException e) {
            model.close();
            throw e;
        }
        try (Loss loss = Loss.softmaxCrossEntropy(); Optimizer optimizer = Optimizer.adam(settings.learningRate())) {
            String dir = directory.toString();
            double validation = settings.validation();
            long seed = settings.seed();
            DatasetSource source = () -> trainingPart(FashionMnist.load(Path.of(dir)).train(), validation, seed);
            SparkTrainer.Builder trainer = SparkTrainer.builder().loss(loss).optimizer(optimizer)
                    .epochs(settings.epochs()).batchSize(settings.batch()).seed(seed).schedule(settings.schedule())
                    .listener(listener);
            if (settings.clipNorm() > 0) {
                trainer.clipGradientNorm(settings.clipNorm());
            }
            Dataset validationPart = validation > 0 ? data.train().split(validation, seed).validation() : null;
            TrainingHistory history = SparkJob.fit("bp train fashion-mnist", master, trainer.build(), model, source,
                    partitions, validationPart);
            return new FashionMnistTraining.Result(model, history, Evaluation.of(model, loss, data.test()));
        } catch (RuntimeException | IOException e) {
            model.close();
            throw e;
        }
    }

    private static void requireSpark() {
        try {
            Class.forName("org.apache.spark.SparkConf", false, SparkFashionMnistTraining.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Apache Spark is not on the class path: run through the bp launcher "
                    + "(it adds $SPARK_HOME/jars, else the build's spark-lib folder) or through spark-submit", e);
        }
    }

    private static Dataset trainingPart(Dataset train, double validation, long seed) {
        return validation > 0 ? train.split(validation, seed).train() : train;
    }
}
