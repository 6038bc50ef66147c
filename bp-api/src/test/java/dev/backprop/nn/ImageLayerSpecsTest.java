package dev.backprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import dev.backprop.spi.Window2d;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Windows and the image layers' specs: output shapes as PyTorch computes them, and clear errors for bad settings. */
class ImageLayerSpecsTest {

    private static String error(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void outputSizesFollowPyTorchsFloorMode() {
        Window2d w = new Window2d(3, 2, 2, 3, 1, 0);
        assertEquals(Shape.of(4, 4, 3), new LayerSpec.Conv2DSpec(4, w).outputShape(Shape.of(2, 7, 9)));
        assertEquals(Shape.of(4), new LayerSpec.GlobalAveragePool2DSpec().outputShape(Shape.of(4, 3, 5)));
        assertEquals(Shape.of(2, 3, 4), new LayerSpec.MaxPool2DSpec(Window2d.square(2, 2, 0))
                .outputShape(Shape.of(2, 7, 9)));
        assertEquals(Shape.matrix(6 * 4 * 3, 2 * 3 * 2), w.columnsShape(Shape.of(6, 2, 7, 9)));
        assertEquals(4 * 2 * 6 + 4, new LayerSpec.Conv2DSpec(4, w).parameterCount(Shape.of(2, 7, 9)));
    }

    @Test
    void badWindowsAreRejectedWithTheirValues() {
        assertTrue(error(() -> new Window2d(0, 3, 1, 1, 0, 0)).contains("0×3"));
        assertTrue(error(() -> new Window2d(3, 3, 1, 0, 0, 0)).contains("strides"));
        assertTrue(error(() -> new Window2d(3, 3, 1, 1, -1, 0)).contains("padding"));
        assertTrue(error(() -> Window2d.square(5, 1, 1).outputHeight(2)).contains("kernel height 5 exceeds the "
                + "padded input height 2 + 2·1 = 4"));
        assertTrue(error(() -> Window2d.square(2, 1, 0).outputShape(Shape.matrix(4, 9), 1)).contains("[4 x 9]"));
    }

    @Test
    void badLayerSettingsAreRejected() {
        assertTrue(error(() -> new LayerSpec.Conv2DSpec(0, Window2d.square(3, 1, 1))).contains("at least 1 filter"));
        assertTrue(error(() -> new LayerSpec.Conv2DSpec(2, null)).contains("window"));
        assertTrue(error(() -> new LayerSpec.MaxPool2DSpec(Window2d.square(2, 2, 1))).contains("no padding"));
        assertTrue(error(() -> new LayerSpec.AvgPool2DSpec(null)).contains("window"));
        assertTrue(error(() -> new LayerSpec.Conv2DSpec(2, Window2d.square(3, 1, 1)).outputShape(Shape.of(784)))
                .contains("images [channels x height x width]"));
        assertTrue(error(() -> new LayerSpec.GlobalAveragePool2DSpec().outputShape(Shape.of(10)))
                .contains("images"));
    }

    @Test
    void aKernelLargerThanThePaddedInputNamesTheLayerAndBothShapes() {
        String message = error(() -> new ModelSpec(Shape.of(1, 4, 4), List.of(new LayerSpec.Conv2DSpec(2,
                Window2d.square(3, 1, 1)), new LayerSpec.MaxPool2DSpec(Window2d.square(2, 2, 0)),
                new LayerSpec.Conv2DSpec(2, Window2d.square(3, 1, 0))), DType.FLOAT64, null, 1));
        assertTrue(message.contains("layer 2 (conv2d)") && message.contains("[2 x 2 x 2]")
                && message.contains("kernel height 3"), message);
    }

    @Test
    void windowsInTheArchitectureMustBePairs() {
        LayerProperties properties = new LayerProperties(Map.of("filters", 2, "kernel", new int[] {3},
                "stride", new int[] {1, 1}, "padding", new int[] {0, 0}));
        assertTrue(error(() -> LayerSpec.Conv2DSpec.TYPE.read(properties)).contains("'kernel' must hold 2 numbers"));
    }
}
