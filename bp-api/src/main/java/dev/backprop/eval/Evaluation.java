package dev.backprop.eval;

import dev.backprop.data.BatchUpload;
import dev.backprop.data.Dataset;
import dev.backprop.data.MiniBatches;
import dev.backprop.loss.Loss;
import dev.backprop.loss.ModelLoss;
import dev.backprop.nn.Sequential;
import dev.backprop.spi.Backend;
import java.util.Iterator;
import java.util.Optional;

/**
 * A model's performance on a data set, computed in inference mode in batches: the mean loss and, for a
 * classification data set, the confusion matrix (the predicted class is the output's argmax).
 *
 * @param samples samples evaluated
 * @param loss mean loss over the samples
 * @param confusion the confusion matrix, for a classification
 */
public record Evaluation(int samples, double loss, Optional<ConfusionMatrix> confusion) {

    private static final int BATCH = 1000;

    /** Accuracy, for a classification; NaN otherwise. */
    public double accuracy() {
        return confusion.map(ConfusionMatrix::accuracy).orElse(Double.NaN);
    }

    /**
     * Evaluates {@code model} on {@code data} with {@code loss}.
     *
     * @throws IllegalArgumentException if the data's columns do not fit the model
     */
    public static Evaluation of(Sequential model, Loss loss, Dataset data) {
        if (data.featureCount() != model.inputSize() || data.targetCount() != model.outputSize()) {
            throw new IllegalArgumentException("the data set has " + data.featureCount() + " features and "
                    + data.targetCount() + " targets per sample; the model takes " + model.inputSize()
                    + " and outputs " + model.outputSize());
        }
        Backend backend = model.backend();
        ModelLoss modelLoss = new ModelLoss(model, loss);
        ConfusionMatrix confusion = data.isClassification() ? new ConfusionMatrix(data.targetCount()) : null;
        MiniBatches batches = data.batches(BATCH, false, 0);
        double lossSum = 0;
        int[] predicted = new int[BATCH];
        try (BatchUpload upload = new BatchUpload(backend, model.dtype(), model.inputShape(), data.targetCount())) {
            for (Iterator<MiniBatches.Batch> it = batches.epoch(); it.hasNext();) {
                MiniBatches.Batch batch = it.next();
                upload.upload(batch);
                lossSum += modelLoss.forward(upload.features(), upload.targets(), false) * batch.rows();
                if (confusion != null) {
                    backend.argmaxRows(modelLoss.lastPrediction(), predicted);
                    int cols = data.targetCount();
                    for (int r = 0; r < batch.rows(); r++) {
                        confusion.add(batch.targetClass(r, cols), predicted[r]);
                    }
                }
            }
        }
        return new Evaluation(data.size(), lossSum / data.size(), Optional.ofNullable(confusion));
    }
}
