package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Barrier messages carry a partial sum's exact bits. */
class PartialCodecTest {

    @Test
    void aPartialComesBackBitForBit() {
        double[] sum = {0.1, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Math.PI, 1e-300};
        Partial part = new Partial(7, 3, 2.5, 2, sum);
        String message = PartialCodec.encode(part);
        assertEquals(PartialCodec.encodedLength(sum.length), message.length());
        Partial back = PartialCodec.decode(message);
        assertEquals(7, back.partition());
        assertEquals(3, back.rows());
        assertEquals(2.5, back.lossSum());
        assertEquals(2, back.correct());
        assertArrayEquals(sum, back.gradientSum(), 0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.gradientSum()[1]));
    }

    @Test
    void anEmptyPartialHasNoGradient() {
        Partial back = PartialCodec.decode(PartialCodec.encode(Partial.empty(2)));
        assertEquals(2, back.partition());
        assertEquals(0, back.rows());
        assertNull(back.gradientSum());
    }
}
