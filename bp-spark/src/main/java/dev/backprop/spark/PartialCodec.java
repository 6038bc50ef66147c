package dev.backprop.spark;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A {@link Partial} as the text message a barrier task exchanges with {@code BarrierTaskContext.allGather}
 * (which carries strings): partition, rows, loss sum, correct count and the gradient sum's float64 values,
 * big-endian, in Base64 (4 characters per 3 bytes). Decoding restores the exact bits.
 */
final class PartialCodec {

    private static final int HEADER = Integer.BYTES * 3 + Double.BYTES;

    private PartialCodec() {
    }

    static String encode(Partial part) {
        int values = part.rows() == 0 ? 0 : part.gradientSum().length;
        ByteBuffer bytes = ByteBuffer.allocate(HEADER + values * Double.BYTES);
        bytes.putInt(part.partition()).putInt(part.rows()).putDouble(part.lossSum()).putInt(part.correct());
        if (values > 0) {
            bytes.asDoubleBuffer().put(part.gradientSum());
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /** The bytes one message of a partial with {@code values} gradient values takes. */
    static long encodedLength(long values) {
        return 4 * ((HEADER + values * Double.BYTES + 2) / 3);
    }

    static Partial decode(String message) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(message));
        int partition = bytes.getInt();
        int rows = bytes.getInt();
        double lossSum = bytes.getDouble();
        int correct = bytes.getInt();
        if (rows == 0) {
            return Partial.empty(partition);
        }
        double[] sum = new double[bytes.remaining() / Double.BYTES];
        bytes.asDoubleBuffer().get(sum);
        return new Partial(partition, rows, lossSum, correct, sum);
    }

    static List<Partial> decodeAll(String[] messages) {
        List<Partial> parts = new ArrayList<>(messages.length);
        for (String message : messages) {
            parts.add(decode(message));
        }
        return parts;
    }
}
