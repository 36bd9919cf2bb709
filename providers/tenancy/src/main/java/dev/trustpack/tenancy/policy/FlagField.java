package dev.trustpack.tenancy.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;

/** A yes/no setting where one of the two is the stricter (for example "phishing-resistant factors only": true). */
public final class FlagField extends PolicyField<Boolean> {

    private final boolean strictValue;

    private FlagField(String name, String description, boolean defaultValue, boolean strictValue) {
        super(name, description, defaultValue);
        this.strictValue = strictValue;
    }

    /** {@code true} is the stricter value (a requirement switched on). */
    public static FlagField trueIsStricter(String name, String description, boolean defaultValue) {
        return new FlagField(name, description, defaultValue, true);
    }

    /** {@code false} is the stricter value (a permission switched off). */
    public static FlagField falseIsStricter(String name, String description, boolean defaultValue) {
        return new FlagField(name, description, defaultValue, false);
    }

    @Override
    public Boolean strictest() {
        return strictValue;
    }

    @Override
    public Boolean stricter(Boolean current, Boolean candidate) {
        return candidate == strictValue ? candidate : current;
    }

    @Override
    public Boolean fromJson(JsonNode node) {
        if (node == null || !node.isBoolean()) {
            throw invalid(node == null ? "nothing" : PolicyJson.shorten(node));
        }
        return node.booleanValue();
    }

    @Override
    public JsonNode toJson(Boolean value) {
        return BooleanNode.valueOf(value);
    }

    @Override
    public Boolean fromStored(String raw) {
        String text = raw == null ? "" : raw.strip();
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid("'" + PolicyJson.shorten(text) + "'");
        };
    }

    @Override
    public String toStored(Boolean value) {
        return value.toString();
    }

    @Override
    public String expectation() {
        return "true or false (" + strictValue + " is stricter)";
    }
}
