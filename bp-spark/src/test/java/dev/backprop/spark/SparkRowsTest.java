package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.loss.Loss;
import dev.backprop.nn.Sequential;
import dev.backprop.optim.Optimizer;
import dev.backprop.spi.DType;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.SQLUserDefinedType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link SparkRows}: a DataFrame in, the samples {@link SparkData} would give out, and clear errors. */
class SparkRowsTest {

    private static JavaSparkContext spark;
    private static SparkSession session;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(2);
        session = SparkSession.builder().sparkContext(spark.sc()).getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void anArrayColumnAndAClassColumnTrainAsTheSameDataFromSparkData() {
        double[] expected = train(SparkData.of(spark, Fixtures.data(), 2));
        double[] fromRows = train(SparkRows.classification(frame(false), "x", "y", Fixtures.CLASSES));
        assertArrayEquals(expected, fromRows, 0.0);
    }

    @Test
    void aVectorColumnGivesTheSameSamples() {
        List<Sample> arrays = SparkRows.classification(frame(false), "x", "y", Fixtures.CLASSES).collect();
        List<Sample> vectors = SparkRows.classification(frame(true), "x", "y", Fixtures.CLASSES).collect();
        assertEquals(Fixtures.SAMPLES, vectors.size());
        for (int i = 0; i < arrays.size(); i++) {
            assertArrayEquals(arrays.get(i).features(), vectors.get(i).features(), 0.0);
            assertArrayEquals(arrays.get(i).targets(), vectors.get(i).targets(), 0.0);
        }
    }

    @Test
    void aNumberOrArrayTargetIsARegressionTarget() {
        Sample first = SparkRows.regression(frame(false), "x", "y").first();
        assertArrayEquals(new double[] {Fixtures.data().label(0).getAsInt()}, first.targets(), 0.0);
        Sample wide = SparkRows.regression(frame(false), "x", "x").first();
        assertArrayEquals(Fixtures.data().features(0), wide.targets(), 0.0);
    }

    @Test
    void missingAndMistypedColumnsAreNamed() {
        Dataset<Row> rows = frame(false);
        GradientSumTest.assertMessage("no column 'pixels' in the rows; their columns are [x, y, name]",
                () -> SparkRows.classification(rows, "pixels", "y", 3));
        GradientSumTest.assertMessage("no column 'label'", () -> SparkRows.regression(rows, "x", "label"));
        GradientSumTest.assertMessage("the features column 'name' is string; expected array<double>, array<float> "
                + "or a vector", () -> SparkRows.classification(rows, "name", "y", 3));
        GradientSumTest.assertMessage("the label column 'name' is string; expected a number",
                () -> SparkRows.classification(rows, "x", "name", 3));
        GradientSumTest.assertMessage("expected a number or array<double>", () -> SparkRows.regression(rows, "x", "name"));
        GradientSumTest.assertMessage("at least 2 classes, got 1", () -> SparkRows.classification(rows, "x", "y", 1));
    }

    @Test
    void aLabelOutsideTheClassesFailsTheJobWithItsValue() {
        Exception e = assertThrows(Exception.class,
                () -> SparkRows.classification(frame(false), "x", "y", 2).collect());
        assertTrue(e.getMessage().contains("the label column 'y' holds 2.0, not a class index in [0, 2)"),
                e::getMessage);
    }

    private static double[] train(org.apache.spark.api.java.JavaRDD<Sample> samples) {
        try (Sequential model = Fixtures.model("pure", DType.FLOAT64); Optimizer optimizer = Fixtures.optimizer();
                Loss loss = Fixtures.loss()) {
            Fixtures.sparkTrainer(loss, optimizer).build().fit(model, samples);
            return Fixtures.flat(model);
        }
    }

    /** Fixtures.data() as a frame of two partitions split as SparkData splits: x, y (int), name (string). */
    private static Dataset<Row> frame(boolean vectors) {
        dev.backprop.data.Dataset data = Fixtures.data();
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < data.size(); r++) {
            double[] x = data.features(r);
            Object features = vectors ? new TestVector(x) : x;
            rows.add(RowFactory.create(features, data.label(r).getAsInt(), "row " + r));
        }
        StructType schema = new StructType(new StructField[] {
            new StructField("x", vectors ? new TestVectorType() : DataTypes.createArrayType(DataTypes.DoubleType, false),
                    false, Metadata.empty()),
            new StructField("y", DataTypes.IntegerType, false, Metadata.empty()),
            new StructField("name", DataTypes.StringType, false, Metadata.empty())});
        return session.createDataFrame(spark.parallelize(rows, 2), schema);
    }

    /** A vector as Spark ML's: its values through {@code toArray()}. */
    @SQLUserDefinedType(udt = TestVectorType.class)
    public static final class TestVector implements java.io.Serializable {
        private final double[] values;

        TestVector(double[] values) {
            this.values = values;
        }

        public double[] toArray() {
            return values.clone();
        }
    }

    /** The SQL type of {@link TestVector}, as Spark ML's {@code VectorUDT} is of {@code Vector}. */
    public static final class TestVectorType extends UserDefinedType<TestVector> {
        @Override
        public DataType sqlType() {
            return DataTypes.createArrayType(DataTypes.DoubleType, false);
        }

        @Override
        public Object serialize(TestVector vector) {
            Object[] boxed = new Object[vector.values.length];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = vector.values[i];
            }
            return new GenericArrayData(boxed);
        }

        @Override
        public TestVector deserialize(Object datum) {
            return new TestVector(((ArrayData) datum).toDoubleArray());
        }

        @Override
        public Class<TestVector> userClass() {
            return TestVector.class;
        }
    }
}
