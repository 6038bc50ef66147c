package dev.backprop.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.nn.ModelSpec;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Saves and loads {@link Sequential} models as safetensors files
 * (<a href="https://github.com/huggingface/safetensors">format</a>): an 8-byte little-endian header
 * length, a JSON header, then the tensors' raw little-endian bytes. Each parameter is a tensor named as
 * the parameter ({@code dense_1.W}, shape {@code [in, out]}; {@code dense_1.b}, shape {@code [1, out]})
 * of type {@code F32} or {@code F64}. The header's {@code __metadata__} holds strings: {@code format}
 * ({@value #FORMAT}), {@code format_version} ({@value #VERSION}), {@code architecture} (JSON),
 * {@code dtype}, {@code sha256} of the tensor bytes, and the caller's training metadata. Python reads
 * it with {@code safetensors.numpy.load_file} or {@code safetensors.torch.load_file}.
 *
 * <p>Saving writes a temporary file beside the target and renames it into place, so a crash never
 * leaves a half-written model. Loading checks the header, every tensor's type, shape and byte range
 * and the checksum, and rejects a truncated, corrupted, foreign or version-mismatched file with a
 * {@link ModelFormatException}.
 */
public final class ModelFile {

    /** Value of {@code __metadata__.format}. */
    public static final String FORMAT = "backprop";
    /** Value of {@code __metadata__.format_version} this build writes and reads. */
    public static final String VERSION = "1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L << 20;
    private static final List<String> RESERVED = List.of("format", "format_version", "architecture", "dtype",
            "sha256");

    private ModelFile() {
    }

    /**
     * A loaded model and its metadata.
     *
     * @param model the model, on the backend it was loaded on
     * @param metadata the header's metadata (reserved keys included)
     */
    public record Saved(Sequential model, Map<String, String> metadata) {
    }

    /**
     * Saves {@code model} with {@code metadata} (string pairs, e.g. training settings and results) to
     * {@code file}, atomically.
     *
     * @throws IllegalArgumentException if a metadata key is one the format reserves
     * @throws IOException if the folder does not exist or cannot be written; {@code file} is then unchanged
     */
    public static void save(Sequential model, Path file, Map<String, String> metadata) throws IOException {
        for (String key : metadata.keySet()) {
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("metadata key '" + key + "' is reserved by the model format");
            }
        }
        List<Parameter> parameters = model.parameters();
        int bytes = model.dtype().bytes();
        ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(model.parameterCount() * bytes))
                .order(ByteOrder.LITTLE_ENDIAN);
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        Map<String, String> sorted = new TreeMap<>(metadata);
        meta.put("format", FORMAT);
        meta.put("format_version", VERSION);
        meta.put("architecture", ArchitectureJson.write(model.spec()));
        meta.put("dtype", model.dtype().id());
        for (Parameter p : parameters) {
            int start = data.position();
            for (double v : p.values()) {
                if (model.dtype() == DType.FLOAT32) {
                    data.putFloat((float) v);
                } else {
                    data.putDouble(v);
                }
            }
            ObjectNode tensor = header.putObject(p.name());
            tensor.put("dtype", model.dtype() == DType.FLOAT32 ? "F32" : "F64");
            ArrayNode shape = tensor.putArray("shape");
            for (int d : p.value().shape().dims()) {
                shape.add(d);
            }
            tensor.putArray("data_offsets").add(start).add(data.position());
        }
        meta.put("sha256", sha256(data.array(), 0, data.position()));
        sorted.forEach(meta::put);
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        writeAtomically(file, head.array(), data.array());
    }

    private static void writeAtomically(Path file, byte[] head, byte[] data) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(String.valueOf(dir), null, "folder for the model file does not exist");
        }
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(new ByteBuffer[] {ByteBuffer.wrap(head), ByteBuffer.wrap(data)});
                out.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Loads the model in {@code file} on {@code backend}, in the data type it was saved in. */
    public static Saved load(Path file, Backend backend) throws IOException {
        return load(file, backend, null);
    }

    /**
     * Loads the model in {@code file} on {@code backend}, converted to {@code dtype} (null: as saved).
     *
     * @throws ModelFormatException if the file is not a complete, intact model file of this format version
     * @throws IOException if it cannot be read
     */
    public static Saved load(Path file, Backend backend, DType dtype) throws IOException {
        Header header = readHeader(file);
        ModelSpec spec;
        try {
            spec = ArchitectureJson.read(header.metadata().get("architecture"), dtype);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file + ": " + e.getMessage(), e);
        }
        DType stored = DType.parse(header.metadata().get("dtype"));
        Sequential model = Sequential.of(spec, backend);
        try {
            ByteBuffer data = header.data();
            for (Parameter p : model.parameters()) {
                JsonNode tensor = header.tensors().remove(p.name());
                if (tensor == null) {
                    throw new ModelFormatException(file + ": tensor " + p.name() + " is missing");
                }
                p.set(readTensor(file, p, tensor, stored, data));
            }
            if (!header.tensors().isEmpty()) {
                throw new ModelFormatException(file + ": tensors " + header.tensors().keySet()
                        + " belong to no layer of the architecture");
            }
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
        return new Saved(model, header.metadata());
    }

    /** The metadata of {@code file}, checked as {@link #load} checks it, without building a model. */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        return readHeader(file).metadata();
    }

    private record Header(Map<String, String> metadata, Map<String, JsonNode> tensors, ByteBuffer data) {
    }

    private static Header readHeader(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such model file");
        }
        if (bytes.length < 8) {
            throw new ModelFormatException(file + ": truncated: " + bytes.length + " bytes, not even a header length");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER) {
            throw new ModelFormatException(file + ": not a safetensors model file (header length " + headerLength + ")");
        }
        if (headerLength > bytes.length - 8) {
            throw new ModelFormatException(file + ": truncated: the header needs " + headerLength + " bytes but the "
                    + "file has " + (bytes.length - 8) + " after the length");
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(file + ": corrupted: the header is not valid JSON ("
                    + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFormatException(file + ": corrupted: the header is not a JSON object");
        }
        JsonNode metaNode = root.get("__metadata__");
        Map<String, String> metadata = new LinkedHashMap<>();
        if (metaNode != null && metaNode.isObject()) {
            metaNode.properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
        }
        if (!FORMAT.equals(metadata.get("format"))) {
            throw new ModelFormatException(file + ": a safetensors file but not a backprop model (no __metadata__."
                    + "format = \"" + FORMAT + "\")");
        }
        if (!VERSION.equals(metadata.get("format_version"))) {
            throw new ModelFormatException(file + ": model format version " + metadata.get("format_version")
                    + ", this build of backprop reads version " + VERSION);
        }
        for (String key : List.of("architecture", "dtype", "sha256")) {
            if (metadata.get(key) == null) {
                throw new ModelFormatException(file + ": corrupted: metadata has no '" + key + "'");
            }
        }
        Map<String, JsonNode> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (!e.getKey().equals("__metadata__")) {
                tensors.put(e.getKey(), e.getValue());
            }
        }
        int dataStart = (int) (8 + headerLength);
        long expected = contiguousEnd(file, tensors);
        if (bytes.length - dataStart < expected) {
            throw new ModelFormatException(file + ": truncated: the header promises " + expected + " bytes of tensor "
                    + "data but the file has " + (bytes.length - dataStart));
        }
        if (bytes.length - dataStart > expected) {
            throw new ModelFormatException(file + ": corrupted: " + (bytes.length - dataStart - expected)
                    + " bytes after the last tensor");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) expected).slice().order(ByteOrder.LITTLE_ENDIAN);
        if (!sha256(bytes, dataStart, (int) expected).equals(metadata.get("sha256"))) {
            throw new ModelFormatException(file + ": corrupted: the tensor bytes do not match their SHA-256 checksum");
        }
        return new Header(metadata, tensors, data);
    }

    /** The tensors' byte ranges must tile the data section from 0 without gaps or overlaps; returns its end. */
    private static int[] intsOf(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).canConvertToInt() ? array.get(i).asInt() : -1;
        }
        return values;
    }

    private static long contiguousEnd(Path file, Map<String, JsonNode> tensors) throws ModelFormatException {
        TreeMap<Long, long[]> ranges = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : tensors.entrySet()) {
            JsonNode offsets = e.getValue().get("data_offsets");
            if (offsets == null || !offsets.isArray() || offsets.size() != 2 || !offsets.get(0).canConvertToLong()
                    || !offsets.get(1).canConvertToLong() || offsets.get(0).asLong() > offsets.get(1).asLong()) {
                throw new ModelFormatException(file + ": corrupted: tensor " + e.getKey() + " has no valid "
                        + "data_offsets");
            }
            ranges.put(offsets.get(0).asLong(), new long[] {offsets.get(0).asLong(), offsets.get(1).asLong()});
        }
        long end = 0;
        for (long[] range : ranges.values()) {
            if (range[0] != end) {
                throw new ModelFormatException(file + ": corrupted: tensor data has a gap or overlap at byte " + end);
            }
            end = range[1];
        }
        if (ranges.size() != tensors.size()) {
            throw new ModelFormatException(file + ": corrupted: two tensors start at the same byte");
        }
        return end;
    }

    private static double[] readTensor(Path file, Parameter p, JsonNode tensor, DType stored, ByteBuffer data)
            throws ModelFormatException {
        String name = p.name();
        String expectedType = stored == DType.FLOAT32 ? "F32" : "F64";
        if (!expectedType.equals(tensor.path("dtype").asText())) {
            throw new ModelFormatException(file + ": tensor " + name + " is " + tensor.path("dtype").asText()
                    + ", the model's data type is " + expectedType);
        }
        JsonNode shape = tensor.get("shape");
        int[] dims = p.value().shape().dims();
        if (shape == null || !shape.isArray() || !java.util.Arrays.equals(intsOf(shape), dims)) {
            throw new ModelFormatException(file + ": tensor " + name + " has shape " + shape
                    + ", the architecture needs " + java.util.Arrays.toString(dims));
        }
        ArrayNode offsets = (ArrayNode) tensor.get("data_offsets");
        long start = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        int count = p.rows() * p.cols();
        if (start < 0 || end - start != (long) count * stored.bytes() || end > data.capacity()) {
            throw new ModelFormatException(file + ": tensor " + name + " has data_offsets [" + start + ", " + end
                    + "], which do not hold " + count + " values of " + stored.bytes() + " bytes");
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            int at = (int) start + i * stored.bytes();
            values[i] = stored == DType.FLOAT32 ? data.getFloat(at) : data.getDouble(at);
            if (!Double.isFinite(values[i])) {
                throw new ModelFormatException(file + ": tensor " + name + " holds " + values[i] + " at index " + i);
            }
        }
        return values;
    }

    private static String sha256(byte[] bytes, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, offset, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
