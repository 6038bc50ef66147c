package dev.backprop.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST, gzip-compressed or raw (told apart by the gzip
 * magic bytes): a big-endian header of a magic number ({@code 0x00000803} for unsigned-byte images,
 * {@code 0x00000801} for unsigned-byte labels) and the dimensions, then the bytes, and nothing after them.
 * A gzip file is read to its end, so its CRC-32 and length are checked; declared sizes are checked
 * against the file's length and the free heap before anything is allocated.
 */
public final class Idx {

    /** Magic number of a file of unsigned-byte images ({@code [count][rows][cols]}). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of a file of unsigned-byte labels ({@code [count]}). */
    public static final int LABELS_MAGIC = 0x00000801;

    private Idx() {
    }

    /**
     * Images of {@code rows × cols} unsigned bytes each.
     *
     * @param count number of images
     * @param rows pixel rows per image
     * @param cols pixel columns per image
     * @param pixels {@code count * rows * cols} bytes, image after image, row-major
     */
    public record Images(int count, int rows, int cols, byte[] pixels) {
    }

    /**
     * Reads an image file.
     *
     * @throws IdxFormatException naming the file if it is missing, not an image file, truncated, corrupted
     *     (a gzip CRC or length mismatch), longer than its header says, or too large for the heap
     */
    public static Images readImages(Path file) throws IOException {
        try (IdxInput in = IdxInput.open(file)) {
            checkMagic(file, in, IMAGES_MAGIC, "image");
            int count = dimension(file, in, "image count");
            int rows = dimension(file, in, "rows");
            int cols = dimension(file, in, "columns");
            long size = (long) count * rows * cols;
            byte[] pixels = in.payload(size, count + " images of " + rows + "x" + cols, size);
            return new Images(count, rows, cols, pixels);
        }
    }

    /**
     * Reads a label file.
     *
     * @throws IdxFormatException naming the file if it is missing, not a label file, truncated, corrupted
     *     (a gzip CRC or length mismatch), longer than its header says, or too large for the heap
     */
    public static int[] readLabels(Path file) throws IOException {
        try (IdxInput in = IdxInput.open(file)) {
            checkMagic(file, in, LABELS_MAGIC, "label");
            int count = dimension(file, in, "label count");
            byte[] raw = in.payload(count, count + " labels", (long) count * (1 + Integer.BYTES));
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = raw[i] & 0xFF;
            }
            return labels;
        }
    }

    private static void checkMagic(Path file, IdxInput in, int expected, String kind) throws IOException {
        int magic = in.readInt("empty or truncated before the IDX header");
        if (magic != expected) {
            throw new IdxFormatException(String.format("%s: magic number 0x%08x is not an IDX %s file (expected "
                    + "0x%08x)", file, magic, kind, expected));
        }
    }

    private static int dimension(Path file, IdxInput in, String name) throws IOException {
        int value = in.readInt("truncated in the IDX header (" + name + ")");
        if (value < 1) {
            throw new IdxFormatException(file + ": IDX header gives " + name + " " + value);
        }
        return value;
    }
}
