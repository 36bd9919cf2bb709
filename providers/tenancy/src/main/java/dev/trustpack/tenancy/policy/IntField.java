package dev.trustpack.tenancy.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;

/** A whole number within inclusive bounds, where either the lower or the higher value is the stricter. */
public final class IntField extends PolicyField<Integer> {

    private final int min;
    private final int max;
    private final boolean lowerIsStricter;

    private IntField(String name, String description, int defaultValue, int min, int max, boolean lowerIsStricter) {
        super(name, description, defaultValue);
        if (min > max || defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException("Default of " + name + " is outside [" + min + ", " + max + "]");
        }
        this.min = min;
        this.max = max;
        this.lowerIsStricter = lowerIsStricter;
    }

    /** Such as an idle timeout or a grace period: a smaller number is stricter. */
    public static IntField lowerIsStricter(String name, String description, int defaultValue, int min, int max) {
        return new IntField(name, description, defaultValue, min, max, true);
    }

    /** Such as a minimum length: a bigger number is stricter. */
    public static IntField higherIsStricter(String name, String description, int defaultValue, int min, int max) {
        return new IntField(name, description, defaultValue, min, max, false);
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public boolean lowerIsStricter() {
        return lowerIsStricter;
    }

    @Override
    public Integer strictest() {
        return lowerIsStricter ? min : max;
    }

    @Override
    public Integer stricter(Integer current, Integer candidate) {
        boolean candidateStricter = lowerIsStricter ? candidate < current : candidate > current;
        return candidateStricter ? candidate : current;
    }

    @Override
    public Integer fromJson(JsonNode node) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw invalid(node == null ? "nothing" : PolicyJson.shorten(node));
        }
        return bounded(node.intValue(), String.valueOf(node.intValue()));
    }

    @Override
    public JsonNode toJson(Integer value) {
        return IntNode.valueOf(value);
    }

    @Override
    public Integer fromStored(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (!text.matches("-?[0-9]{1,10}")) {
            throw invalid("'" + PolicyJson.shorten(text) + "'");
        }
        long value = Long.parseLong(text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw invalid(text);
        }
        return bounded((int) value, text);
    }

    @Override
    public String toStored(Integer value) {
        return Integer.toString(value);
    }

    @Override
    public String expectation() {
        return "an integer from " + min + " to " + max + " (" + (lowerIsStricter ? "lower" : "higher")
                + " is stricter)";
    }

    private int bounded(int value, String shown) {
        if (value < min || value > max) {
            throw invalid(shown);
        }
        return value;
    }
}
