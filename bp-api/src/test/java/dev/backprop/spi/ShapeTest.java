package dev.backprop.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void matrixViewIsFirstDimensionByTheRest() {
        Shape image = Shape.of(8, 1, 28, 28);
        assertEquals(8, image.rows());
        assertEquals(784, image.cols());
        assertEquals(8 * 784, image.size());
        assertEquals(784, image.sizeFrom(1));
        assertEquals(28 * 28, image.sizeFrom(2));
        assertEquals(1, image.sizeFrom(4));
        assertEquals("[8 x 1 x 28 x 28]", image.toString());
        assertEquals(Shape.of(5, 1, 28, 28), image.withRows(5));
        Shape vector = Shape.of(6);
        assertEquals(6, vector.rows());
        assertEquals(1, vector.cols());
    }

    @Test
    void equalityIsByDimensionsAndRank() {
        assertEquals(Shape.matrix(2, 3), Shape.of(2, 3));
        assertEquals(Shape.of(2, 3).hashCode(), Shape.matrix(2, 3).hashCode());
        assertNotEquals(Shape.of(2, 3), Shape.of(2, 3, 1));
    }

    @Test
    void dimsAreCopied() {
        int[] dims = {2, 3};
        Shape shape = Shape.of(dims);
        dims[0] = 9;
        shape.dims()[1] = 9;
        assertEquals(Shape.of(2, 3), shape);
    }

    @Test
    void badShapesAreRejectedWithTheDimensions() {
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class, () -> Shape.of(1, 2, 3, 4, 5));
        assertTrue(rank.getMessage().contains("rank 1 to 4"), rank.getMessage());
        assertThrows(IllegalArgumentException.class, Shape::of);
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Shape.of(3, 0, 2));
        assertTrue(zero.getMessage().contains("[3 x 0 x 2]"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Shape.of(65536, 65536));
        assertThrows(IllegalArgumentException.class, () -> Shape.of(2, 3).dim(2));
    }
}
