package dev.backprop.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;

/**
 * How many tasks a local master runs at once: a barrier stage needs a slot for each of its tasks at
 * the same time, and Spark, short of slots, retries its check for minutes before failing
 * ({@code spark.scheduler.barrier.maxConcurrentTasksCheck.*}). For cluster masters Spark's own check is
 * the only one: executors may still be registering when training starts.
 */
final class BarrierSlots {

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,.*]");

    private BarrierSlots() {
    }

    /** The slots of a local master, or -1 for any other master. */
    static int local(SparkConf conf) {
        String master = conf.get("spark.master", "");
        int taskCpus = conf.getInt("spark.task.cpus", 1);
        Matcher local = LOCAL.matcher(master);
        if (local.matches()) {
            String threads = local.group(1);
            int cores = threads == null ? 1
                    : threads.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(threads);
            return cores / taskCpus;
        }
        Matcher cluster = LOCAL_CLUSTER.matcher(master);
        if (cluster.matches()) {
            return Integer.parseInt(cluster.group(1)) * (Integer.parseInt(cluster.group(2)) / taskCpus);
        }
        return -1;
    }

    /**
     * @throws IllegalArgumentException if a local master has fewer slots than {@code partitions}
     */
    static void check(SparkConf conf, int partitions) {
        int slots = local(conf);
        if (slots >= 0 && slots < partitions) {
            throw new IllegalArgumentException("barrier mode runs all " + partitions + " partitions at once but "
                    + conf.get("spark.master") + " (spark.task.cpus " + conf.getInt("spark.task.cpus", 1) + ") has "
                    + slots + " task slot" + (slots == 1 ? "" : "s") + ": use at least local[" + partitions
                    + "], fewer partitions, or SparkTrainer.Mode.JOB_PER_STEP");
        }
    }
}
