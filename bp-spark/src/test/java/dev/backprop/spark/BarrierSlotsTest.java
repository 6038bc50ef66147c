package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The task slots {@link BarrierSlots} reads from a master URL. */
class BarrierSlotsTest {

    @Test
    void localMastersHaveTheirThreadsDividedByTheTaskCpus() {
        assertEquals(1, slots("local", 1));
        assertEquals(4, slots("local[4]", 1));
        assertEquals(3, slots("local[3,2]", 1));
        assertEquals(2, slots("local[4]", 2));
        assertEquals(Runtime.getRuntime().availableProcessors(), slots("local[*]", 1));
        assertEquals(6, slots("local-cluster[2, 3, 1024]", 1));
    }

    @Test
    void clusterMastersAreLeftToSpark() {
        assertEquals(-1, slots("spark://host:7077", 1));
        assertEquals(-1, slots("yarn", 1));
    }

    private static int slots(String master, int taskCpus) {
        return BarrierSlots.local(new SparkConf(false).setMaster(master).set("spark.task.cpus", "" + taskCpus));
    }
}
