/**
 * Synchronous data-parallel training on Apache Spark, equal to single-machine training: each step the
 * global mini-batch (the same batches {@link dev.backprop.train.Trainer} draws from the seed) is split
 * by the partitions that hold its samples, every partition sums its samples' gradients on its
 * executor's backend, and the driver adds the sums in partition order, divides by the batch size and
 * applies the optimizer once. Start with {@link dev.backprop.spark.SparkTrainer}.
 */
package dev.backprop.spark;
