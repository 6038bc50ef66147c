package dev.backprop.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Loads small tabular data sets from CSV: a header line naming the columns, then one sample per line,
 * fields separated by commas (double-quoted fields may hold commas; no line breaks inside fields).
 * Every feature column is numeric; the target column is numeric (regression) or holds class names
 * (classification, classes numbered in sorted order). Empty lines are skipped.
 *
 * @param dataset the samples
 * @param featureNames the feature columns, in order
 * @param classNames the class names by label for a classification, empty otherwise
 */
public record Csv(Dataset dataset, List<String> featureNames, List<String> classNames) {

    /** Heap per byte of file while parsing: UTF-16 strings, field arrays and the values, generously. */
    private static final long HEAP_PER_BYTE = 16;

    /**
     * Reads {@code file} with {@code target} as the target column.
     *
     * @param classification whether the target holds class names rather than numbers
     * @throws IOException naming the file if it is missing, a folder, not UTF-8, unreadable or too large for the heap
     * @throws IllegalArgumentException naming the line and column of the first malformed value, a
     *     missing target column, a ragged line or an empty file
     */
    public static Csv load(Path file, String target, boolean classification) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a folder, not a CSV file");
        }
        if (Files.isRegularFile(file) && !HeapBudget.fits(Files.size(file) * HEAP_PER_BYTE)) {
            throw new IOException(file + ": " + HeapBudget.format(Files.size(file)) + " of CSV need about "
                    + HeapBudget.format(Files.size(file) * HEAP_PER_BYTE) + " of heap, the JVM has "
                    + HeapBudget.format(HeapBudget.available()) + " free; give it more with -Xmx");
        }
        List<String[]> lines = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    lines.add(split(line, file, number));
                    lineNumbers.add(number);
                }
            }
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (lines.size() < 2) {
            throw new IllegalArgumentException(file + ": needs a header line and at least one sample");
        }
        String[] header = lines.get(0);
        int targetColumn = -1;
        for (int c = 0; c < header.length; c++) {
            if (header[c].equals(target)) {
                targetColumn = c;
            }
        }
        if (targetColumn < 0) {
            throw new IllegalArgumentException(file + ": no column named '" + target + "' in the header "
                    + String.join(",", header));
        }
        List<String> featureNames = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            if (c != targetColumn) {
                featureNames.add(header[c]);
            }
        }
        int n = lines.size() - 1;
        double[][] features = new double[n][featureNames.size()];
        String[] rawTargets = new String[n];
        for (int i = 0; i < n; i++) {
            String[] fields = lines.get(i + 1);
            int lineNumber = lineNumbers.get(i + 1);
            if (fields.length != header.length) {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": " + fields.length + " fields, the "
                        + "header has " + header.length);
            }
            for (int c = 0, f = 0; c < fields.length; c++) {
                if (c == targetColumn) {
                    rawTargets[i] = fields[c];
                } else {
                    features[i][f++] = number(fields[c], file, lineNumber, header[c]);
                }
            }
        }
        if (!classification) {
            double[][] targets = new double[n][1];
            for (int i = 0; i < n; i++) {
                targets[i][0] = number(rawTargets[i], file, lineNumbers.get(i + 1), target);
            }
            return new Csv(Dataset.of(features, targets), List.copyOf(featureNames), List.of());
        }
        List<String> classes = new ArrayList<>(new TreeSet<>(List.of(rawTargets)));
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = classes.indexOf(rawTargets[i]);
        }
        if (classes.size() < 2) {
            throw new IllegalArgumentException(file + ": column '" + target + "' has a single class " + classes);
        }
        return new Csv(Dataset.classification(features, labels, classes.size()), List.copyOf(featureNames),
                List.copyOf(classes));
    }

    private static double number(String text, Path file, int line, String column) {
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + line + ": column '" + column + "' holds '" + text
                    + "', not a finite number");
        }
    }

    private static String[] split(String line, Path file, int number) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.length() == 0) {
                quoted = true;
            } else if (ch == ',') {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(file + ":" + number + ": unterminated quoted field");
        }
        fields.add(field.toString().trim());
        return fields.toArray(new String[0]);
    }
}
