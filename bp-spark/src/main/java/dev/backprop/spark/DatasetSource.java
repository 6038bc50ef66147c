package dev.backprop.spark;

import dev.backprop.data.Dataset;
import java.io.IOException;
import java.io.Serializable;

/**
 * Loads a whole data set where it runs: on the driver and on each executor, which then keeps only its
 * partition's rows, so samples never travel from the driver. It must return the same rows in the same
 * order everywhere (for example a file at the same path on every node, or on a shared file system).
 */
@FunctionalInterface
public interface DatasetSource extends Serializable {

    /** The data set. */
    Dataset load() throws IOException;
}
