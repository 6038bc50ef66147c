package dev.backprop.backend;

import dev.backprop.spi.Backend;
import dev.backprop.spi.BackendProvider;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The providers found on a class path and the rules that choose one of them. Loading only looks at
 * providers (cheap); a provider's availability is checked the first time a selection needs it (so
 * naming {@code pure} never runs ND4J's check, which loads its native library), and a {@link Backend}
 * is created the first time it is asked for and then reused.
 *
 * <p>A provider whose construction throws is skipped and its cause logged at WARNING (see
 * {@link #problems()}), never thrown at the caller; two providers with the same name are an error
 * naming both sources.
 */
public final class BackendRegistry {

    static final String README_NO_BACKEND = "README.md#no-backend-found";

    private static final Logger LOG = System.getLogger(BackendRegistry.class.getName());

    private final List<FoundProvider> providers;
    private final List<String> problems;
    private final Map<String, Backend> created = new HashMap<>();

    private BackendRegistry(List<FoundProvider> providers, List<String> problems) {
        this.providers = List.copyOf(providers);
        this.problems = List.copyOf(problems);
        checkUniqueNames(this.providers);
    }

    /**
     * Loads the providers visible to the thread's context class loader and to the class loader of
     * this library (a plugin host sets the former; a plain application has both the same).
     */
    public static BackendRegistry load() {
        List<ClassLoader> loaders = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        ClassLoader own = BackendRegistry.class.getClassLoader();
        if (own != null && own != context) {
            loaders.add(own);
        }
        return load(loaders);
    }

    /** Loads the providers visible to {@code loader} only. */
    public static BackendRegistry load(ClassLoader loader) {
        return load(List.of(loader));
    }

    /** A registry of exactly these providers, for tests and for applications that wire backends by hand. */
    public static BackendRegistry of(BackendProvider... providers) {
        List<FoundProvider> found = new ArrayList<>();
        for (BackendProvider provider : providers) {
            found.add(found(provider));
        }
        return new BackendRegistry(found, List.of());
    }

    private static BackendRegistry load(List<ClassLoader> loaders) {
        Map<Class<?>, FoundProvider> found = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ClassLoader loader : loaders) {
            Iterator<BackendProvider> it = ServiceLoader.load(BackendProvider.class, loader).iterator();
            while (true) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    BackendProvider provider = it.next();
                    found.computeIfAbsent(provider.getClass(), c -> found(provider));
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    String problem = "skipped a backend provider that failed to load: " + e
                            + (e.getCause() != null ? ", caused by " + e.getCause() : "");
                    problems.add(problem);
                    LOG.log(Level.WARNING, problem, e);
                }
            }
        }
        return new BackendRegistry(new ArrayList<>(found.values()), problems);
    }

    private static FoundProvider found(BackendProvider provider) {
        return new FoundProvider(provider, sourceOf(provider.getClass()));
    }

    private static String sourceOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? type.getName() : source.getLocation().toString();
    }

    private static void checkUniqueNames(List<FoundProvider> providers) {
        Map<String, FoundProvider> byName = new HashMap<>();
        for (FoundProvider p : providers) {
            FoundProvider previous = byName.putIfAbsent(p.name(), p);
            if (previous != null) {
                throw new BackendSelectionException("Two backend providers are named '" + p.name() + "': "
                        + previous.provider().getClass().getName() + " from " + previous.source() + " and "
                        + p.provider().getClass().getName() + " from " + p.source()
                        + ". Remove one of the jars from the class path.");
            }
        }
    }

    /** Every provider found, highest priority first. */
    public List<FoundProvider> providers() {
        return providers.stream()
                .sorted(Comparator.comparingInt((FoundProvider p) -> p.provider().priority()).reversed()
                        .thenComparing(FoundProvider::name))
                .collect(Collectors.toList());
    }

    /** Providers that could not be loaded at all, one line each. */
    public List<String> problems() {
        return problems;
    }

    /** The provider named {@code name}, if found. */
    public Optional<FoundProvider> find(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return providers.stream().filter(p -> p.name().equals(wanted)).findFirst();
    }

    /**
     * Applies the selection rules: {@code explicitName} if not null, then the system property
     * {@value Backends#PROPERTY}, then the environment variable {@value Backends#ENVIRONMENT_VARIABLE}
     * (both read through the given lookups), then the highest-priority available provider.
     *
     * @throws BackendSelectionException if the named backend is unknown or unavailable, or none is usable
     */
    public Selection select(String explicitName, UnaryOperator<String> systemProperties,
            UnaryOperator<String> environment) {
        if (explicitName != null) {
            return named(explicitName, SelectionRule.API_CALL);
        }
        String property = systemProperties.apply(Backends.PROPERTY);
        if (property != null && !property.isBlank()) {
            return named(property, SelectionRule.SYSTEM_PROPERTY);
        }
        String variable = environment.apply(Backends.ENVIRONMENT_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return named(variable, SelectionRule.ENVIRONMENT_VARIABLE);
        }
        if (providers.isEmpty()) {
            throw new BackendSelectionException(noProviderMessage());
        }
        return providers().stream()
                .filter(p -> p.availability().available())
                .findFirst()
                .map(p -> new Selection(p, SelectionRule.PRIORITY, p.name()))
                .orElseThrow(() -> new BackendSelectionException(
                        "No backprop backend is available. Found: " + foundList() + problemList()));
    }

    /** {@link #select(String, UnaryOperator, UnaryOperator)} with the real system properties and environment. */
    public Selection select(String explicitName) {
        return select(explicitName, System::getProperty, System::getenv);
    }

    /**
     * The backend of {@code selection}, created on first use and reused afterwards.
     *
     * @throws BackendSelectionException if the provider fails to create it
     */
    public synchronized Backend backend(Selection selection) {
        FoundProvider chosen = selection.chosen();
        Backend backend = created.get(chosen.name());
        if (backend == null) {
            try {
                backend = chosen.provider().create();
            } catch (RuntimeException | LinkageError e) {
                throw new BackendSelectionException("Backend '" + chosen.name() + "' (" + selection.rule().label()
                        + ") reported itself available but failed to start: " + e, e);
            }
            created.put(chosen.name(), backend);
            LOG.log(Level.DEBUG, () -> "using backend " + selection.describe());
        }
        return backend;
    }

    private Selection named(String name, SelectionRule rule) {
        FoundProvider provider = find(name).orElseThrow(() -> new BackendSelectionException(
                "No backend named '" + name.trim() + "' (asked for by " + rule.label() + "). "
                        + (providers.isEmpty() ? noProviderMessage() : "Found: " + foundList() + problemList())));
        if (!provider.availability().available()) {
            throw new BackendSelectionException("Backend '" + provider.name() + "' (asked for by " + rule.label()
                    + ") is unavailable: " + provider.availability().describe() + ". Found: " + foundList(),
                    provider.availability().cause().orElse(null));
        }
        return new Selection(provider, rule, name.trim());
    }

    private String foundList() {
        return providers().stream().map(FoundProvider::describe).collect(Collectors.joining("; "));
    }

    private String problemList() {
        return problems.isEmpty() ? "" : ". Also " + String.join("; ", problems);
    }

    private String noProviderMessage() {
        return "No backprop backend found on the class path. Add one backend jar: dev.backprop:bp-backend-pure "
                + "(plain Java), dev.backprop:bp-backend-ejml (EJML) or dev.backprop:bp-backend-nd4j (native BLAS). "
                + "See " + README_NO_BACKEND + problemList();
    }
}
