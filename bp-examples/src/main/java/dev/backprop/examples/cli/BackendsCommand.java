package dev.backprop.examples.cli;

import dev.backprop.backend.BackendRegistry;
import dev.backprop.backend.BackendSelectionException;
import dev.backprop.backend.Backends;
import dev.backprop.backend.FoundProvider;
import dev.backprop.backend.Selection;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bp backends}: every backend provider found, and which one would run. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List the backends on the class path: name, library version, priority, availability, "
                + "and which one is chosen by which rule.")
final class BackendsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--backend", paramLabel = "NAME", description = "Show the choice as if this name were given.")
    String backend;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BackendRegistry registry = Backends.registry();
        List<FoundProvider> providers = registry.providers();
        String format = "%-6s %-9s %-18s %s%n";
        out.printf(Locale.ROOT, format, "NAME", "PRIORITY", "LIBRARY", "STATUS");
        for (FoundProvider p : providers) {
            String status = p.availability().available() ? "available: " + p.provider().description()
                    : "UNAVAILABLE: " + p.availability().describe();
            out.printf(Locale.ROOT, format, p.name(), p.provider().priority(), p.provider().libraryVersion(), status);
        }
        registry.problems().forEach(problem -> out.println("problem: " + problem));
        out.println();
        try {
            Selection selection = registry.select(backend);
            out.println("chosen: " + selection.chosen().name() + " (by " + (backend != null ? "--backend"
                    : selection.rule().label()) + ")");
            out.println("rules, first match wins: --backend NAME, -D" + Backends.PROPERTY + "=NAME, "
                    + Backends.ENVIRONMENT_VARIABLE + "=NAME, highest priority available");
            out.flush();
            return 0;
        } catch (BackendSelectionException e) {
            out.flush();
            spec.commandLine().getErr().println("bp backends: " + e.getMessage());
            return 2;
        }
    }
}
