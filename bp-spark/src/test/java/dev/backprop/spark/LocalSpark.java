package dev.backprop.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** A local Spark for one test class: {@code slots} task threads, each task tried up to twice. */
final class LocalSpark {

    private LocalSpark() {
    }

    static JavaSparkContext start(int slots) {
        SparkConf conf = new SparkConf()
                .setMaster("local[" + slots + ",2]")
                .setAppName("bp-spark-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.sql.shuffle.partitions", "1");
        return new JavaSparkContext(conf);
    }
}
