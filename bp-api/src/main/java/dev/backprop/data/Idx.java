package dev.backprop.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST, gzip-compressed or raw (told apart by the gzip
 * magic bytes): a big-endian header of a magic number ({@code 0x00000803} for unsigned-byte images,
 * {@code 0x00000801} for unsigned-byte labels) and the dimensions, then the bytes.
 */
public final class Idx {

    /** Magic number of a file of unsigned-byte images ({@code [count][rows][cols]}). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of a file of unsigned-byte labels ({@code [count]}). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int LARGEST = 1 << 30;

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
     * @throws IdxFormatException if the file is missing, not an image file, or truncated
     */
    public static Images readImages(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            checkMagic(file, in, IMAGES_MAGIC, "image");
            int count = dimension(file, in, "image count");
            int rows = dimension(file, in, "rows");
            int cols = dimension(file, in, "columns");
            long size = (long) count * rows * cols;
            if (size > LARGEST) {
                throw new IdxFormatException(file + ": header promises " + size + " bytes of pixels, more than "
                        + "this reader accepts");
            }
            byte[] pixels = new byte[(int) size];
            readFully(file, in, pixels, count + " images of " + rows + "x" + cols);
            return new Images(count, rows, cols, pixels);
        }
    }

    /**
     * Reads a label file.
     *
     * @throws IdxFormatException if the file is missing, not a label file, or truncated
     */
    public static int[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            checkMagic(file, in, LABELS_MAGIC, "label");
            int count = dimension(file, in, "label count");
            byte[] raw = new byte[count];
            readFully(file, in, raw, count + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = raw[i] & 0xFF;
            }
            return labels;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new IdxFormatException(file + ": no such file");
        }
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        boolean gzip = b1 == 0x1f && b2 == 0x8b;
        return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
    }

    private static void checkMagic(Path file, DataInputStream in, int expected, String kind) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new IdxFormatException(file + ": empty or truncated before the IDX header");
        }
        if (magic != expected) {
            throw new IdxFormatException(String.format("%s: magic number 0x%08x is not an IDX %s file (expected "
                    + "0x%08x)", file, magic, kind, expected));
        }
    }

    private static int dimension(Path file, DataInputStream in, String name) throws IOException {
        int value;
        try {
            value = in.readInt();
        } catch (EOFException e) {
            throw new IdxFormatException(file + ": truncated in the IDX header (" + name + ")");
        }
        if (value < 1) {
            throw new IdxFormatException(file + ": IDX header gives " + name + " " + value);
        }
        return value;
    }

    private static void readFully(Path file, DataInputStream in, byte[] into, String what) throws IOException {
        int read = 0;
        try {
            while (read < into.length) {
                int n = in.read(into, read, into.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
        } catch (EOFException e) {
            // a gzip stream cut short: reported below with the byte count
        } catch (IOException e) {
            throw new IdxFormatException(file + ": unreadable after " + read + " of " + into.length + " bytes ("
                    + e.getMessage() + ")");
        }
        if (read < into.length) {
            throw new IdxFormatException(file + " is truncated: the header promises " + what + " (" + into.length
                    + " bytes) but only " + read + " bytes follow");
        }
    }
}
