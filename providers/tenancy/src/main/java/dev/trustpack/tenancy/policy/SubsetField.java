package dev.trustpack.tenancy.policy;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The options allowed out of a fixed list (for example the MFA factors a user may enrol). Fewer is stricter: two
 * levels merge to the options both allow. Values keep the list's order. A document must allow at least one option
 * (an empty list would let one level lock everybody out); two levels that allow disjoint options still merge to an
 * empty set, which the module must treat as "nothing is allowed".
 */
public final class SubsetField extends PolicyField<Set<String>> {

    /** Organization attributes are stored in columns of 255 characters. */
    static final int MAX_STORED_LENGTH = 255;

    private final List<String> options;
    private final Set<String> strictest;

    private SubsetField(String name, String description, Set<String> defaultValue, List<String> options,
                        Set<String> strictest) {
        super(name, description, inOrder(options, defaultValue));
        this.options = List.copyOf(options);
        if (new LinkedHashSet<>(this.options).size() != this.options.size() || defaultValue.isEmpty()
                || strictest.isEmpty()) {
            throw new IllegalArgumentException(name + ": options must be distinct; default and strictest not empty");
        }
        if (!this.options.containsAll(defaultValue) || !defaultValue.containsAll(strictest)) {
            throw new IllegalArgumentException(name + ": the default must be a subset of " + this.options
                    + " and the strictest value a subset of the default");
        }
        if (String.join(",", this.options).length() > MAX_STORED_LENGTH) {
            throw new IllegalArgumentException(name + ": all options together must store in " + MAX_STORED_LENGTH
                    + " characters (an organization attribute value)");
        }
        this.strictest = ordered(strictest);
    }

    /** The values in the order of the options, so equal sets always print alike. */
    private static Set<String> inOrder(List<String> options, Set<String> values) {
        Set<String> ordered = new LinkedHashSet<>();
        options.stream().filter(values::contains).forEach(ordered::add);
        values.stream().filter(value -> !ordered.contains(value)).forEach(ordered::add);
        return Collections.unmodifiableSet(ordered);
    }

    /**
     * @param strictest what a stored value that does not validate counts as; the module chooses it, as a subset of
     *                  the default (an empty set may lock users out where a small safe set would not)
     */
    public static SubsetField of(String name, String description, Set<String> defaultValue, List<String> options,
                                 Set<String> strictest) {
        return new SubsetField(name, description, defaultValue, options, strictest);
    }

    public List<String> options() {
        return options;
    }

    @Override
    public Set<String> strictest() {
        return strictest;
    }

    @Override
    public Set<String> stricter(Set<String> current, Set<String> candidate) {
        if (current.containsAll(candidate)) {
            return candidate.equals(current) ? current : ordered(candidate);
        }
        Set<String> both = new LinkedHashSet<>(current);
        both.retainAll(candidate);
        return ordered(both);
    }

    @Override
    public Set<String> fromJson(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw invalid(node == null ? "nothing" : PolicyJson.shorten(node));
        }
        Set<String> values = new LinkedHashSet<>();
        Iterator<JsonNode> elements = node.elements();
        while (elements.hasNext()) {
            JsonNode element = elements.next();
            if (!element.isTextual() || !options.contains(element.textValue()) || !values.add(element.textValue())) {
                throw invalid(PolicyJson.shorten(node));
            }
        }
        if (values.isEmpty()) {
            throw invalid(PolicyJson.shorten(node));
        }
        return ordered(values);
    }

    @Override
    public JsonNode toJson(Set<String> value) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        value.forEach(array::add);
        return array;
    }

    @Override
    public Set<String> fromStored(String raw) {
        String text = raw == null ? "" : raw.strip();
        Set<String> values = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String option = part.strip();
            if (!options.contains(option) || !values.add(option)) {
                throw invalid("'" + PolicyJson.shorten(text) + "'");
            }
        }
        return ordered(values);
    }

    @Override
    public String toStored(Set<String> value) {
        return String.join(",", value);
    }

    @Override
    public String expectation() {
        return "a non-empty list of distinct values out of " + String.join(", ", options) + " (fewer is stricter)";
    }

    private Set<String> ordered(Set<String> values) {
        return inOrder(options, values);
    }
}
