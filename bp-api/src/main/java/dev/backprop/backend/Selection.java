package dev.backprop.backend;

/**
 * The outcome of applying the selection rules: which provider, by which rule.
 *
 * @param chosen the provider chosen
 * @param rule the rule that chose it
 * @param requestedName the name that rule gave, or the provider's name for {@link SelectionRule#PRIORITY}
 */
public record Selection(FoundProvider chosen, SelectionRule rule, String requestedName) {

    /** For example {@code "nd4j (chosen by highest priority)"}. */
    public String describe() {
        return chosen.name() + " (chosen by " + rule.label() + ")";
    }
}
