package dev.backprop.io;

import dev.backprop.nn.LayerSpec;
import dev.backprop.nn.ModelSpec;
import dev.backprop.nn.Parameter;
import dev.backprop.nn.Sequential;
import dev.backprop.spi.Backend;
import dev.backprop.spi.DType;
import dev.backprop.spi.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads {@link Sequential} models as {@link SafeTensors} files: the mapping between a model
 * (architecture and parameters) and a file's tensors and metadata. Each parameter is a tensor named as
 * the parameter ({@code dense_1.W}, shape {@code [in, out]}; {@code dense_1.b}, shape {@code [1, out]};
 * {@code conv2d_1.W}, shape {@code [out, in, kh, kw]} and {@code conv2d_1.b}, shape {@code [out]}, the layout of
 * PyTorch's {@code Conv2d.weight} and {@code .bias}) of type {@code F32} or {@code F64}. The header's {@code __metadata__} holds strings: {@code format}
 * ({@value #FORMAT}), {@code format_version} ({@value #VERSION}), {@code architecture} (JSON),
 * {@code dtype}, {@code sha256}, and the caller's training metadata. Python reads it with
 * {@code safetensors.numpy.load_file} or {@code safetensors.torch.load_file}.
 *
 * <p>The {@code sha256} covers everything that changes what the model computes (and the rest of the
 * metadata): architecture, data type, tensor names, shapes and byte ranges, and tensor bytes (see
 * {@link Integrity}). Files of format version 1, whose checksum covers the tensor bytes only, still load.
 *
 * <p>Saving replaces the file atomically and durably (see {@link #checkWritable}). Loading checks the
 * format, the checksum, that the architecture's parameters match the file's tensors before allocating
 * the model, and every value; a truncated, corrupted, foreign or version-mismatched file is a
 * {@link ModelFormatException} naming the file.
 */
public final class ModelFile {

    /** Value of {@code __metadata__.format}. */
    public static final String FORMAT = "backprop";
    /** Value of {@code __metadata__.format_version} this build writes. */
    public static final String VERSION = "2";
    /** Format versions this build reads. */
    public static final List<String> READABLE_VERSIONS = List.of("1", VERSION);

    private static final List<String> RESERVED = List.of("format", "format_version", "architecture", "dtype",
            Integrity.KEY);

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
     * Checks, before a long training run, that {@link #save} will be able to write {@code file}: its
     * folder exists and takes new files, and it is neither a folder nor read-only. Nothing is changed.
     * How saving treats the file: a new file gets the mode the umask gives, a replaced file keeps its
     * permissions, a symbolic link is written through (the file it points to is replaced), and
     * temporary files {@code .NAME.PID-*.tmp} left by a killed save are removed by the next one.
     *
     * @throws IOException naming {@code file} and what is wrong
     */
    public static void checkWritable(Path file) throws IOException {
        AtomicFile.checkWritable(file);
    }

    /**
     * Saves {@code model} with {@code metadata} (string pairs, e.g. training settings and results) to
     * {@code file}, atomically and durably.
     *
     * @throws IllegalArgumentException if a metadata key is one the format reserves
     * @throws IOException naming {@code file} if it cannot be written; it is then unchanged
     */
    public static void save(Sequential model, Path file, Map<String, String> metadata) throws IOException {
        for (String key : metadata.keySet()) {
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("metadata key '" + key + "' is reserved by the model format");
            }
        }
        List<SafeTensors.Entry> entries = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            entries.add(new SafeTensors.Entry(p.name(), model.dtype(), p.value().shape().dims(), p.values()));
        }
        SafeTensors.Encoded encoded = SafeTensors.encode(entries);
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put("format", FORMAT);
        meta.put("format_version", VERSION);
        meta.put("architecture", ArchitectureJson.write(model.spec()));
        meta.put("dtype", model.dtype().id());
        meta.put(Integrity.KEY, Integrity.covering(meta, encoded.tensors(), encoded.data()));
        encoded.write(file, meta);
    }

    /** Loads the model in {@code file} on {@code backend}, in the data type it was saved in. */
    public static Saved load(Path file, Backend backend) throws IOException {
        return load(file, backend, null);
    }

    /**
     * Loads the model in {@code file} on {@code backend}, converted to {@code dtype} (null: as saved).
     *
     * @throws ModelFormatException if the file is not a complete, intact model file of a readable format version
     * @throws IOException if it cannot be read
     */
    public static Saved load(Path file, Backend backend, DType dtype) throws IOException {
        SafeTensors.Contents contents = readChecked(file);
        Map<String, String> metadata = contents.metadata();
        ModelSpec spec;
        DType stored;
        try {
            spec = ArchitectureJson.read(metadata.get("architecture"), dtype);
            stored = DType.parse(metadata.get("dtype"));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file + ": " + e.getMessage(), e);
        }
        Map<String, SafeTensors.TensorInfo> tensors = new HashMap<>();
        long storedValues = 0;
        for (SafeTensors.TensorInfo t : contents.tensors()) {
            tensors.put(t.name(), t);
            storedValues += t.elements();
        }
        long needed = parameterCount(spec);
        if (needed > storedValues) {
            throw new ModelFormatException(file + ": the architecture needs " + needed + " parameter values, the file "
                    + "holds " + storedValues);
        }
        Sequential model;
        try {
            model = Sequential.of(spec, backend);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file + ": the architecture does not build a model (" + e.getMessage() + ")",
                    e);
        }
        try {
            for (Parameter p : model.parameters()) {
                SafeTensors.TensorInfo tensor = tensors.remove(p.name());
                if (tensor == null) {
                    throw new ModelFormatException(file + ": tensor " + p.name() + " is missing");
                }
                p.set(values(contents, p, tensor, stored));
            }
            if (!tensors.isEmpty()) {
                throw new ModelFormatException(file + ": tensors " + tensors.keySet()
                        + " belong to no layer of the architecture");
            }
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
        return new Saved(model, metadata);
    }

    /** The metadata of {@code file}, checked as {@link #load} checks it, without building a model. */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        return readChecked(file).metadata();
    }

    private static SafeTensors.Contents readChecked(Path file) throws IOException {
        SafeTensors.Contents contents = SafeTensors.read(file);
        Map<String, String> metadata = contents.metadata();
        if (!FORMAT.equals(metadata.get("format"))) {
            throw new ModelFormatException(file + ": a safetensors file but not a backprop model (no __metadata__."
                    + "format = \"" + FORMAT + "\")");
        }
        String version = metadata.get("format_version");
        if (version == null) {
            throw new ModelFormatException(file + ": corrupted: metadata has no 'format_version'");
        }
        if (!READABLE_VERSIONS.contains(version)) {
            throw new ModelFormatException(file + ": model format version " + version + ", this build of backprop "
                    + "reads version " + String.join(" and ", READABLE_VERSIONS));
        }
        for (String key : List.of("architecture", "dtype", Integrity.KEY)) {
            if (metadata.get(key) == null) {
                throw new ModelFormatException(file + ": corrupted: metadata has no '" + key + "'");
            }
        }
        String expected = version.equals("1") ? Integrity.ofData(contents.data())
                : Integrity.covering(metadata, contents.tensors(), contents.data());
        if (!expected.equals(metadata.get(Integrity.KEY))) {
            throw new ModelFormatException(file + ": corrupted: the " + (version.equals("1") ? "tensor bytes do"
                    : "architecture, metadata and tensors do") + " not match their SHA-256 checksum");
        }
        return contents;
    }

    /** Parameter values the architecture needs, counted without allocating them. */
    private static long parameterCount(ModelSpec spec) {
        long count = 0;
        Shape shape = spec.inputShape();
        for (LayerSpec layer : spec.layers()) {
            count += layer.parameterCount(shape);
            shape = layer.outputShape(shape);
        }
        return count;
    }

    private static double[] values(SafeTensors.Contents contents, Parameter p, SafeTensors.TensorInfo tensor,
            DType stored) throws ModelFormatException {
        Path file = contents.file();
        String name = p.name();
        if (tensor.dtype() != stored) {
            throw new ModelFormatException(file + ": tensor " + name + " is " + tensor.typeCode()
                    + ", the model's data type is " + stored.id());
        }
        int[] shape = tensor.shape();
        int[] needed = p.value().shape().dims();
        if (!Arrays.equals(shape, needed)) {
            throw new ModelFormatException(file + ": tensor " + name + " has shape " + Arrays.toString(shape)
                    + ", the architecture needs " + Arrays.toString(needed));
        }
        double[] values = contents.values(tensor);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new ModelFormatException(file + ": tensor " + name + " holds " + values[i] + " at index " + i);
            }
        }
        return values;
    }
}
