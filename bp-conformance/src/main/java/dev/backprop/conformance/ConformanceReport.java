package dev.backprop.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The worst errors the kit measured, per check and data type: every numeric assertion records its
 * worst element here, and each conformance class writes the summary to
 * {@code target/conformance/<name>.tsv} when it finishes (columns: check, data type, comparisons,
 * worst absolute error, worst error as a share of the tolerance).
 */
public final class ConformanceReport {

    private static final Map<String, double[]> WORST = new TreeMap<>();

    private ConformanceReport() {
    }

    /** Records one comparison; {@code what} starts with the check's name and names the data type. */
    static synchronized void record(String what, double worstError, double worstRatio) {
        String dtype = what.contains("float32") ? "float32" : what.contains("float64") ? "float64" : "-";
        int cut = what.indexOf(" float");
        String check = (cut > 0 ? what.substring(0, cut) : what).replaceAll("\\s+\\(.*", "")
                .replaceAll(" \\[.*", "");
        double[] entry = WORST.computeIfAbsent(check + "\t" + dtype, k -> new double[3]);
        entry[0]++;
        entry[1] = Math.max(entry[1], Double.isFinite(worstError) ? worstError : entry[1]);
        entry[2] = Math.max(entry[2], Double.isFinite(worstRatio) ? worstRatio : entry[2]);
    }

    /** Writes and clears what was recorded, as {@code target/conformance/<name>.tsv}. */
    static synchronized void write(String name) {
        if (WORST.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder("check\tdtype\tcomparisons\tworst error\tworst error / tolerance\n");
        WORST.forEach((key, v) -> text.append(key).append('\t').append((long) v[0]).append('\t')
                .append(String.format(Locale.ROOT, "%.3g\t%.3g%n", v[1], v[2])));
        WORST.clear();
        try {
            Path dir = Paths.get("target", "conformance");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".tsv"), text);
        } catch (IOException e) {
            System.getLogger(ConformanceReport.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot write the conformance report: " + e);
        }
    }
}
