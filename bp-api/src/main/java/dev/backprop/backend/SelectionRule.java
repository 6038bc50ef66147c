package dev.backprop.backend;

/** Why a backend was chosen; the rules apply in this order, the first that names a backend wins. */
public enum SelectionRule {
    /** The application named the backend in code ({@link Backends#get(String)}). */
    API_CALL("API call"),
    /** The system property {@value Backends#PROPERTY}. */
    SYSTEM_PROPERTY("system property " + Backends.PROPERTY),
    /** The environment variable {@value Backends#ENVIRONMENT_VARIABLE}. */
    ENVIRONMENT_VARIABLE("environment variable " + Backends.ENVIRONMENT_VARIABLE),
    /** Nothing named one: the available provider with the highest priority. */
    PRIORITY("highest priority");

    private final String label;

    SelectionRule(String label) {
        this.label = label;
    }

    /** How the rule reads in messages, e.g. {@code "system property backprop.backend"}. */
    public String label() {
        return label;
    }
}
