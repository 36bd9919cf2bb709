package dev.trustpack.common.config;

import org.keycloak.provider.ProviderConfigProperty;

/** An integer setting with inclusive bounds. */
public final class IntSetting extends Setting<Integer> {

    private final int min;
    private final int max;

    public IntSetting(String key, String label, String helpText, int defaultValue, int min, int max) {
        super(key, label, helpText, defaultValue);
        if (min > max || defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException("Default of " + key + " is outside [" + min + ", " + max + "]");
        }
        this.min = min;
        this.max = max;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    @Override
    Integer parseValue(String raw) {
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw invalid(raw, "an integer between " + min + " and " + max);
        }
        if (value < min || value > max) {
            throw invalid(raw, "between " + min + " and " + max);
        }
        return value;
    }

    @Override
    String propertyType() {
        return ProviderConfigProperty.INTEGER_TYPE;
    }
}
