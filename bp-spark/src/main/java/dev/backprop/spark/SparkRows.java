package dev.backprop.spark;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * Training data from a Spark SQL {@code Dataset<Row>} (a DataFrame): a features column of type
 * {@code array<double>} (or {@code array<float>}, widened) or a Spark ML {@code Vector} (dense or sparse;
 * any user-defined type whose objects have a public {@code double[] toArray()} is read the same way), and a
 * label column. The samples keep the rows' order, partition by partition, which is the order
 * {@link dev.backprop.train.Trainer} must see for the same result: give a frame whose order is fixed (read
 * from files in a fixed order, or sorted), not one that comes out of a shuffle in arrival order.
 */
public final class SparkRows {

    private SparkRows() {
    }

    /**
     * Rows whose label column holds a class index in {@code [0, classes)} (any numeric type with an integral
     * value), one-hot encoded.
     *
     * @throws IllegalArgumentException if a column is missing or has the wrong type, or {@code classes < 2}
     */
    public static JavaRDD<Sample> classification(Dataset<Row> rows, String features, String label, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("a classification needs at least 2 classes, got " + classes);
        }
        int[] at = columns(rows, features, label, false);
        return rows.javaRDD().map(row -> new Sample(features(row, at[0], features), oneHot(row, at[1], label, classes)));
    }

    /**
     * Rows whose target column holds a number (a one-value target) or an {@code array<double>} (as wide as
     * the model's output).
     *
     * @throws IllegalArgumentException if a column is missing or has the wrong type
     */
    public static JavaRDD<Sample> regression(Dataset<Row> rows, String features, String target) {
        int[] at = columns(rows, features, target, true);
        boolean array = rows.schema().fields()[at[1]].dataType() instanceof ArrayType;
        return rows.javaRDD().map(row -> new Sample(features(row, at[0], features),
                array ? doubles(row, at[1], target) : new double[] {number(row, at[1], target)}));
    }

    private static int[] columns(Dataset<Row> rows, String features, String label, boolean arrayLabel) {
        StructField feature = field(rows, features);
        if (!isFeatureType(feature.dataType())) {
            throw new IllegalArgumentException("the features column '" + features + "' is "
                    + feature.dataType().simpleString() + "; expected array<double>, array<float> or a vector");
        }
        StructField target = field(rows, label);
        boolean number = target.dataType() instanceof NumericType;
        if (!number && !(arrayLabel && isDoubles(target.dataType()))) {
            throw new IllegalArgumentException("the label column '" + label + "' is " + target.dataType().simpleString()
                    + "; expected a number" + (arrayLabel ? " or array<double>" : ""));
        }
        return new int[] {rows.schema().fieldIndex(features), rows.schema().fieldIndex(label)};
    }

    private static StructField field(Dataset<Row> rows, String name) {
        List<String> names = Arrays.asList(rows.schema().fieldNames());
        if (!names.contains(name)) {
            throw new IllegalArgumentException("no column '" + name + "' in the rows; their columns are " + names);
        }
        return rows.schema().fields()[rows.schema().fieldIndex(name)];
    }

    private static boolean isFeatureType(DataType type) {
        return isDoubles(type) || type instanceof UserDefinedType<?> udt && toArray(udt.userClass()) != null;
    }

    private static boolean isDoubles(DataType type) {
        return type instanceof ArrayType array && (array.elementType().equals(DataTypes.DoubleType)
                || array.elementType().equals(DataTypes.FloatType));
    }

    /** The user class's public {@code double[] toArray()}, or null. */
    private static Method toArray(Class<?> type) {
        try {
            Method method = type.getMethod("toArray");
            return method.getReturnType() == double[].class ? method : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static double[] features(Row row, int column, String name) throws ReflectiveOperationException {
        Object value = row.get(column);
        if (value == null) {
            throw new IllegalArgumentException("a row has no value in the features column '" + name + "'");
        }
        if (value instanceof scala.collection.Seq<?>) {
            return doubles(row, column, name);
        }
        return (double[]) toArray(value.getClass()).invoke(value);
    }

    private static double[] doubles(Row row, int column, String name) {
        if (row.isNullAt(column)) {
            throw new IllegalArgumentException("a row has no value in the column '" + name + "'");
        }
        List<Object> values = row.getList(column);
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = values.get(i);
            if (v == null) {
                throw new IllegalArgumentException("an array in the column '" + name + "' holds a null at " + i);
            }
            out[i] = ((Number) v).doubleValue();
        }
        return out;
    }

    private static double number(Row row, int column, String name) {
        if (row.isNullAt(column)) {
            throw new IllegalArgumentException("a row has no value in the label column '" + name + "'");
        }
        return ((Number) row.get(column)).doubleValue();
    }

    private static double[] oneHot(Row row, int column, String name, int classes) {
        double label = number(row, column, name);
        if (label != Math.rint(label) || label < 0 || label >= classes) {
            throw new IllegalArgumentException("the label column '" + name + "' holds " + label
                    + ", not a class index in [0, " + classes + ")");
        }
        double[] target = new double[classes];
        target[(int) label] = 1;
        return target;
    }
}
