package dev.backprop.examples.cli;

import dev.backprop.optim.LearningRateSchedule;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code constant}, {@code cosine}, {@code cosine:MIN} or {@code step:EVERY:FACTOR}. */
final class ScheduleConverter implements ITypeConverter<LearningRateSchedule> {

    @Override
    public LearningRateSchedule convert(String value) {
        String[] parts = value.trim().split(":");
        try {
            return switch (parts[0]) {
                case "constant" -> parts.length == 1 ? LearningRateSchedule.constant() : bad(value);
                case "cosine" -> parts.length == 1 ? LearningRateSchedule.cosine(0)
                        : parts.length == 2 ? LearningRateSchedule.cosine(Double.parseDouble(parts[1])) : bad(value);
                case "step" -> parts.length == 3
                        ? LearningRateSchedule.step(Integer.parseInt(parts[1]), Double.parseDouble(parts[2]))
                        : bad(value);
                default -> bad(value);
            };
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "': " + e.getMessage());
        }
    }

    private static LearningRateSchedule bad(String value) {
        throw new IllegalArgumentException("expected constant, cosine[:MIN] or step:EVERY:FACTOR, e.g. step:3:0.5");
    }
}
