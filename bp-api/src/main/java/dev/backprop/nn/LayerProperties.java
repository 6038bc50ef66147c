package dev.backprop.nn;

import java.util.Map;

/**
 * The properties of one layer as read from the architecture JSON, with typed access whose errors
 * name the field.
 */
public final class LayerProperties {

    private final Map<String, Object> values;

    /** Values as {@link LayerSpec#properties()} holds them: {@code Integer}, {@code Double}, {@code String}, {@code int[]}. */
    public LayerProperties(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    /** An integer field. */
    public int integer(String field) {
        if (values.get(field) instanceof Integer value) {
            return value;
        }
        throw missing(field, "an integer");
    }

    /** A number field (an integer is read as a number too). */
    public double number(String field) {
        if (values.get(field) instanceof Number value) {
            return value.doubleValue();
        }
        throw missing(field, "a number");
    }

    /** A string field. */
    public String text(String field) {
        if (values.get(field) instanceof String value) {
            return value;
        }
        throw missing(field, "a string");
    }

    /** An array-of-integers field. */
    public int[] integers(String field) {
        if (values.get(field) instanceof int[] value) {
            return value.clone();
        }
        throw missing(field, "an array of integers");
    }

    private static IllegalArgumentException missing(String field, String what) {
        return new IllegalArgumentException("architecture field '" + field + "' is missing or not " + what);
    }
}
