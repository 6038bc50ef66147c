package dev.backprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.data.Dataset;
import dev.backprop.init.SeededRandom;
import dev.backprop.loss.Loss;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.LearningRateSchedule;
import dev.backprop.optim.Optimizer;
import dev.backprop.testing.ArrayBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trainer sets the schedule's rate at every epoch and hands the optimizer its rate back afterwards. */
class ScheduledTrainingTest {

    @Test
    void theScheduleSetsTheRateOfEveryEpoch() {
        SeededRandom random = new SeededRandom(61);
        double[][] x = new double[24][5];
        double[][] t = new double[24][3];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 5; j++) {
                x[i][j] = random.nextDouble(-1, 1);
            }
            t[i][random.nextInt(3)] = 1;
        }
        List<Double> rates = new ArrayList<>();
        try (Sequential model = Sequential.builder().input(5).dense(7, Activation.tanh())
                .dense(3, Activation.softmax()).seed(77).backend(new ArrayBackend()).build();
                Loss loss = Loss.softmaxCrossEntropy();
                Optimizer optimizer = Optimizer.gradientDescent(0.4)) {
            Trainer.builder().loss(loss).optimizer(optimizer).epochs(4).batchSize(8)
                    .schedule(LearningRateSchedule.step(2, 0.5)).listener(new TrainingListener() {
                        @Override
                        public void onEpochEnd(EpochResult result) {
                            rates.add(result.learningRate());
                        }
                    }).build().fit(model, Dataset.of(x, t));
            assertEquals(List.of(0.4, 0.4, 0.2, 0.2), rates);
            assertEquals(0.4, optimizer.learningRate(), "the optimizer gets its rate back after training");
        }
    }
}
