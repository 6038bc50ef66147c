package dev.backprop.examples.cli;

import dev.backprop.examples.fashion.Architecture;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code mlp} or {@code cnn}, in any case. */
final class ArchitectureConverter implements ITypeConverter<Architecture> {

    @Override
    public Architecture convert(String value) {
        try {
            return Architecture.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
