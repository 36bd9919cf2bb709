package dev.trustpack.tenancy.policy;

import java.util.LinkedHashSet;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** One of a few named levels, ordered from the loosest to the strictest (for example off, recommended, required). */
public final class LevelField extends PolicyField<String> {

    private final List<String> levels;

    private LevelField(String name, String description, String defaultValue, List<String> levels) {
        super(name, description, defaultValue);
        this.levels = List.copyOf(levels);
        if (this.levels.size() < 2 || new LinkedHashSet<>(this.levels).size() != this.levels.size()) {
            throw new IllegalArgumentException(name + " needs at least two distinct levels");
        }
        if (!this.levels.contains(defaultValue)) {
            throw new IllegalArgumentException("Default of " + name + " is not one of " + this.levels);
        }
    }

    /** @param loosestToStrictest the levels, the loosest first */
    public static LevelField of(String name, String description, String defaultValue, List<String> loosestToStrictest) {
        return new LevelField(name, description, defaultValue, loosestToStrictest);
    }

    public List<String> levels() {
        return levels;
    }

    @Override
    public String strictest() {
        return levels.get(levels.size() - 1);
    }

    @Override
    public String stricter(String current, String candidate) {
        return levels.indexOf(candidate) > levels.indexOf(current) ? candidate : current;
    }

    @Override
    public String fromJson(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw invalid(node == null ? "nothing" : PolicyJson.shorten(node));
        }
        return level(node.textValue(), PolicyJson.shorten(node));
    }

    @Override
    public JsonNode toJson(String value) {
        return TextNode.valueOf(value);
    }

    @Override
    public String fromStored(String raw) {
        String text = raw == null ? "" : raw.strip();
        return level(text, "'" + PolicyJson.shorten(text) + "'");
    }

    @Override
    public String toStored(String value) {
        return value;
    }

    @Override
    public String expectation() {
        return "one of " + String.join(", ", levels) + " (from the loosest to the strictest)";
    }

    private String level(String text, String shown) {
        if (!levels.contains(text)) {
            throw invalid(shown);
        }
        return text;
    }
}
