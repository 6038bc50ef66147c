package dev.backprop.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code sha256} of a model file. Format version 2 hashes everything a loader reads: a canonical
 * JSON of the metadata (every key but {@code sha256}, sorted; this includes the architecture with
 * each activation's parameters, and the data type) and of each tensor's name, type, shape and byte
 * range (sorted by name), then the tensor bytes. Format version 1 hashed the tensor bytes only.
 */
final class Integrity {

    static final String KEY = "sha256";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Integrity() {
    }

    /** The version-2 checksum. */
    static String covering(Map<String, String> metadata, List<SafeTensors.TensorInfo> tensors, ByteBuffer data) {
        ObjectNode canonical = JSON.createObjectNode();
        ObjectNode meta = canonical.putObject("metadata");
        new TreeMap<>(metadata).forEach((k, v) -> {
            if (!k.equals(KEY)) {
                meta.put(k, v);
            }
        });
        ArrayNode list = canonical.putArray("tensors");
        tensors.stream().sorted(Comparator.comparing(SafeTensors.TensorInfo::name)).forEach(t -> {
            ArrayNode entry = list.addArray().add(t.name()).add(t.typeCode());
            ArrayNode shape = entry.addArray();
            Arrays.stream(t.shape()).forEach(shape::add);
            entry.add(t.begin()).add(t.end());
        });
        MessageDigest digest = sha256();
        digest.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
        digest.update(data.duplicate());
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The version-1 checksum: the tensor bytes only. */
    static String ofData(ByteBuffer data) {
        MessageDigest digest = sha256();
        digest.update(data.duplicate());
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
