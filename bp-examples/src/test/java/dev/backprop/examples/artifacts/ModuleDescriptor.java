package dev.backprop.examples.artifacts;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code module-info.java} says about its packages: the ones it exports (qualified or not) and
 * the ones it lists as deliberately internal in a line comment of its own,
 * {@code // internal: PACKAGE (why)}.
 * Exports inside comments do not count.
 */
record ModuleDescriptor(Set<String> exported, Set<String> internal, String withoutComments) {

    private static final Pattern INTERNAL = Pattern.compile("(?m)^\\s*//\\s*internal:\\s*([\\w.]+)");
    private static final Pattern EXPORTS = Pattern.compile("\\bexports\\s+([\\w.]+)");
    private static final Pattern COMMENTS = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

    static ModuleDescriptor parse(String source) {
        Set<String> internal = new LinkedHashSet<>();
        Matcher i = INTERNAL.matcher(source);
        while (i.find()) {
            internal.add(i.group(1));
        }
        String code = COMMENTS.matcher(source).replaceAll(" ");
        Set<String> exported = new LinkedHashSet<>();
        Matcher e = EXPORTS.matcher(code);
        while (e.find()) {
            exported.add(e.group(1));
        }
        return new ModuleDescriptor(exported, internal, code);
    }

    /** The packages of {@code packages} that are neither exported nor listed as internal. */
    Set<String> unlisted(Set<String> packages) {
        Set<String> unlisted = new LinkedHashSet<>(packages);
        unlisted.removeAll(exported);
        unlisted.removeAll(internal);
        return unlisted;
    }

    /** Whether the descriptor has {@code provides service with ... implementation ...}. */
    boolean provides(String service, String implementation) {
        Matcher m = Pattern.compile("\\bprovides\\s+" + Pattern.quote(service) + "\\s+with\\s+([^;]+);")
                .matcher(withoutComments);
        while (m.find()) {
            for (String provider : m.group(1).split(",")) {
                if (provider.trim().equals(implementation)) {
                    return true;
                }
            }
        }
        return false;
    }
}
