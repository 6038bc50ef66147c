package dev.backprop.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.spi.DType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The safetensors file format (<a href="https://github.com/huggingface/safetensors">specification</a>),
 * for any file of {@code F32} or {@code F64} tensors of rank 1 to 4: an 8-byte little-endian header
 * length {@code n}, {@code n} bytes of JSON header (padded with spaces to a multiple of 8), then the
 * tensors' little-endian bytes. The header maps each tensor name to its {@code dtype}, {@code shape}
 * (row-major, the last index fastest) and {@code data_offsets} {@code [begin, end)} relative to the
 * data section; the optional {@code __metadata__} maps strings to strings.
 *
 * <p>Reading checks everything before allocating anything large: the header length against the
 * file's length, each tensor's type, rank, shape and byte range, that the ranges tile the data
 * section without gaps or overlaps and end at the end of the file, and that the data fits in the
 * heap. Any failure is a {@link ModelFormatException} naming the file. What the tensors mean is
 * {@link ModelFile}'s business.
 */
public final class SafeTensors {

    /** The largest header accepted, as in the reference implementation (100 MB). */
    public static final long MAX_HEADER = 100_000_000L;
    /** The highest rank accepted. */
    public static final int MAX_RANK = 4;

    private static final String METADATA = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeTensors() {
    }

    /**
     * A tensor to write.
     *
     * @param name its key in the header
     * @param dtype {@code FLOAT32} ({@code F32}) or {@code FLOAT64} ({@code F64})
     * @param shape 1 to 4 dimensions, each at least 0
     * @param values {@code product(shape)} values, row-major
     */
    public record Entry(String name, DType dtype, int[] shape, double[] values) {
        /** Checks the rank and that the values match the shape. */
        public Entry {
            checkShape(name, shape);
            if (values.length != elements(shape)) {
                throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(shape) + " needs "
                        + elements(shape) + " values, got " + values.length);
            }
            if (name.equals(METADATA)) {
                throw new IllegalArgumentException("a tensor cannot be named " + METADATA);
            }
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }
    }

    /**
     * A tensor as the header describes it.
     *
     * @param name its key in the header
     * @param dtype its element type
     * @param shape its dimensions, 1 to 4
     * @param begin first byte in the data section
     * @param end one past its last byte in the data section
     */
    public record TensorInfo(String name, DType dtype, int[] shape, long begin, long end) {
        /** Copies the shape. */
        public TensorInfo {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        /** The product of the dimensions. */
        public long elements() {
            return SafeTensors.elements(shape);
        }

        /** {@code F32} or {@code F64}. */
        public String typeCode() {
            return code(dtype);
        }
    }

    /**
     * A file's header and data, checked.
     *
     * @param file where it was read from
     * @param metadata {@code __metadata__}, in file order (empty if absent)
     * @param tensors the tensors, in file order
     * @param data the data section, little-endian, read-only
     */
    public record Contents(Path file, Map<String, String> metadata, List<TensorInfo> tensors, ByteBuffer data) {
        /** Copies the collections. */
        public Contents {
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
            tensors = List.copyOf(tensors);
            data = data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public ByteBuffer data() {
            return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        }

        /** The tensor named {@code name}, if any. */
        public java.util.Optional<TensorInfo> tensor(String name) {
            return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
        }

        /** The values of {@code tensor}, row-major, widened to {@code double}. */
        public double[] values(TensorInfo tensor) {
            double[] values = new double[Math.toIntExact(tensor.elements())];
            int at = (int) tensor.begin();
            int size = tensor.dtype().bytes();
            for (int i = 0; i < values.length; i++, at += size) {
                values[i] = tensor.dtype() == DType.FLOAT32 ? data.getFloat(at) : data.getDouble(at);
            }
            return values;
        }
    }

    /**
     * Tensors laid out for writing: their header entries with offsets, and the data section.
     *
     * @param tensors the header entries, in the order given
     * @param data the data section, little-endian, position 0
     */
    public record Encoded(List<TensorInfo> tensors, ByteBuffer data) {
        /** Copies the list. */
        public Encoded {
            tensors = List.copyOf(tensors);
        }

        /**
         * Writes the file atomically (see {@link AtomicFile}) with {@code metadata} as {@code __metadata__}.
         *
         * @throws IOException naming {@code file} if it cannot be written; it is then unchanged
         */
        public void write(Path file, Map<String, String> metadata) throws IOException {
            ObjectNode header = JSON.createObjectNode();
            if (!metadata.isEmpty()) {
                ObjectNode meta = header.putObject(METADATA);
                new TreeMap<>(metadata).forEach(meta::put);
            }
            for (TensorInfo t : tensors) {
                ObjectNode node = header.putObject(t.name());
                node.put("dtype", t.typeCode());
                ArrayNode shape = node.putArray("shape");
                Arrays.stream(t.shape()).forEach(shape::add);
                node.putArray("data_offsets").add(t.begin()).add(t.end());
            }
            byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
            int padded = (json.length + 7) / 8 * 8;
            ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(padded).put(json);
            while (head.hasRemaining()) {
                head.put((byte) ' ');
            }
            AtomicFile.write(file, head.flip(), data.duplicate());
        }
    }

    /** Lays out {@code entries} in order, each tensor's bytes after the previous one's. */
    public static Encoded encode(List<Entry> entries) {
        Set<String> names = new HashSet<>();
        long total = 0;
        for (Entry e : entries) {
            if (!names.add(e.name())) {
                throw new IllegalArgumentException("two tensors are named " + e.name());
            }
            total += (long) e.values().length * e.dtype().bytes();
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensors of " + total + " bytes are more than this writer supports ("
                    + (Integer.MAX_VALUE - 8) + ")");
        }
        ByteBuffer data = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        List<TensorInfo> infos = new ArrayList<>();
        for (Entry e : entries) {
            long begin = data.position();
            for (double v : e.values()) {
                if (e.dtype() == DType.FLOAT32) {
                    data.putFloat((float) v);
                } else {
                    data.putDouble(v);
                }
            }
            infos.add(new TensorInfo(e.name(), e.dtype(), e.shape(), begin, data.position()));
        }
        return new Encoded(infos, data.flip());
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws NoSuchFileException if it does not exist
     * @throws ModelFormatException naming the file if it is a folder or no regular file, is not a
     *     safetensors file of F32/F64 tensors of rank 1–4, is truncated, has bytes after its last
     *     tensor, or does not fit in the heap
     */
    public static Contents read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(file + ": is a folder, not a model file");
        }
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such model file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file + ": not a regular file (a device or pipe?), not a model file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = channel.size();
            if (length < 8) {
                throw new ModelFormatException(file + ": truncated: " + length + " bytes, not even a header length");
            }
            long headerLength = readFully(file, channel, 0, 8).getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER) {
                throw new ModelFormatException(file + ": not a safetensors model file (header length " + headerLength
                        + ")");
            }
            if (headerLength > length - 8) {
                throw new ModelFormatException(file + ": truncated: the header needs " + headerLength + " bytes but "
                        + "the file has " + (length - 8) + " after the length");
            }
            ByteBuffer headerBytes = readFully(file, channel, 8, (int) headerLength);
            Header header = parse(file, new String(headerBytes.array(), StandardCharsets.UTF_8));
            long dataStart = 8 + headerLength;
            long end = contiguousEnd(file, header.tensors());
            if (length - dataStart < end) {
                throw new ModelFormatException(file + ": truncated: the header promises " + end + " bytes of tensor "
                        + "data but the file has " + (length - dataStart));
            }
            if (length - dataStart > end) {
                throw new ModelFormatException(file + ": corrupted: " + (length - dataStart - end)
                        + " bytes after the last tensor");
            }
            if (end > Integer.MAX_VALUE - 8) {
                throw new ModelFormatException(file + ": " + end + " bytes of tensor data, more than this reader "
                        + "supports (" + (Integer.MAX_VALUE - 8) + ")");
            }
            long free = Runtime.getRuntime().maxMemory()
                    - (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
            if (end > free) {
                throw new ModelFormatException(file + ": " + end + " bytes of tensor data do not fit in the " + free
                        + " bytes of free heap; give the JVM more with -Xmx (bp: BP_JAVA_OPTS=-Xmx8g)");
            }
            ByteBuffer data = readFully(file, channel, dataStart, (int) end);
            return new Contents(file, header.metadata(), header.tensors(), data);
        }
    }

    private record Header(Map<String, String> metadata, List<TensorInfo> tensors) {
    }

    private static ByteBuffer readFully(Path file, FileChannel channel, long position, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new ModelFormatException(file + ": truncated while reading (the file shrank?)");
            }
        }
        return buffer.flip();
    }

    private static Header parse(Path file, String text) throws ModelFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(file + ": corrupted: the header is not valid JSON ("
                    + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFormatException(file + ": corrupted: the header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<TensorInfo> tensors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (e.getKey().equals(METADATA)) {
                if (!e.getValue().isObject()) {
                    throw new ModelFormatException(file + ": corrupted: " + METADATA + " is not a JSON object");
                }
                for (Map.Entry<String, JsonNode> m : e.getValue().properties()) {
                    if (!m.getValue().isTextual()) {
                        throw new ModelFormatException(file + ": corrupted: " + METADATA + "." + m.getKey()
                                + " is not a string");
                    }
                    metadata.put(m.getKey(), m.getValue().asText());
                }
            } else {
                tensors.add(tensor(file, e.getKey(), e.getValue()));
            }
        }
        return new Header(metadata, tensors);
    }

    private static TensorInfo tensor(Path file, String name, JsonNode node) throws ModelFormatException {
        String prefix = file + ": corrupted: tensor " + name;
        if (!node.isObject()) {
            throw new ModelFormatException(prefix + " is not a JSON object");
        }
        String code = node.path("dtype").asText("");
        DType dtype = switch (code) {
            case "F32" -> DType.FLOAT32;
            case "F64" -> DType.FLOAT64;
            default -> throw new ModelFormatException(file + ": tensor " + name + " has dtype '" + code
                    + "'; this reader reads F32 and F64");
        };
        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray() || shapeNode.size() < 1 || shapeNode.size() > MAX_RANK) {
            throw new ModelFormatException(file + ": tensor " + name + " has shape " + shapeNode + "; this reader "
                    + "reads ranks 1 to " + MAX_RANK);
        }
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.asInt() < 0) {
                throw new ModelFormatException(prefix + " has shape " + shapeNode + ", not dimensions >= 0");
            }
            shape[i] = d.asInt();
        }
        JsonNode offsets = node.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2 || !offsets.get(0).isIntegralNumber()
                || !offsets.get(1).isIntegralNumber() || !offsets.get(0).canConvertToLong()
                || !offsets.get(1).canConvertToLong() || offsets.get(0).asLong() < 0
                || offsets.get(0).asLong() > offsets.get(1).asLong()) {
            throw new ModelFormatException(prefix + " has no valid data_offsets");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        long elements = elements(shape);
        if (elements < 0 || elements > (end - begin) / dtype.bytes() || (end - begin) != elements * dtype.bytes()) {
            throw new ModelFormatException(file + ": tensor " + name + " has data_offsets [" + begin + ", " + end
                    + "], which do not hold the " + Arrays.toString(shape) + " shape's values of " + dtype.bytes()
                    + " bytes");
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    /** The tensors' byte ranges must tile the data section from 0 without gaps or overlaps; returns its end. */
    private static long contiguousEnd(Path file, List<TensorInfo> tensors) throws ModelFormatException {
        List<TensorInfo> sorted = new ArrayList<>(tensors);
        sorted.sort((a, b) -> a.begin() != b.begin() ? Long.compare(a.begin(), b.begin())
                : Long.compare(a.end(), b.end()));
        long end = 0;
        for (TensorInfo t : sorted) {
            if (t.begin() != end) {
                throw new ModelFormatException(file + ": corrupted: tensor data has a gap or overlap at byte " + end
                        + " (tensor " + t.name() + ")");
            }
            end = t.end();
        }
        return end;
    }

    private static void checkShape(String name, int[] shape) {
        if (shape.length < 1 || shape.length > MAX_RANK || Arrays.stream(shape).anyMatch(d -> d < 0)) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape) + " is not 1 to "
                    + MAX_RANK + " dimensions >= 0");
        }
    }

    /** The product of the dimensions, or -1 if it overflows a long. */
    private static long elements(int[] shape) {
        long n = 1;
        for (int d : shape) {
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return n;
    }

    private static String code(DType dtype) {
        return dtype == DType.FLOAT32 ? "F32" : "F64";
    }
}
