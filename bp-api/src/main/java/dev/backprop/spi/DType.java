package dev.backprop.spi;

import java.util.Locale;

/** Element type of a {@link Tensor}. */
public enum DType {
    /** IEEE 754 binary64: exact conformance, gradient checks. */
    FLOAT64(8),
    /** IEEE 754 binary32: speed and memory, GPUs. */
    FLOAT32(4);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The lower-case name used on the command line and in model files: {@code float64}, {@code float32}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@link #id()} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static DType parse(String id) {
        for (DType type : values()) {
            if (type.id().equalsIgnoreCase(id)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown data type '" + id + "'; expected float64 or float32");
    }

    /** Rounds {@code value} to this type: identity for float64, {@code (float) value} for float32. */
    public double round(double value) {
        return this == FLOAT32 ? (float) value : value;
    }
}
