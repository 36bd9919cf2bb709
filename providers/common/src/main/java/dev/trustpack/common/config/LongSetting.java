package dev.trustpack.common.config;

import org.keycloak.provider.ProviderConfigProperty;

/** A long setting with inclusive bounds. */
public final class LongSetting extends Setting<Long> {

    private final long min;
    private final long max;

    public LongSetting(String key, String label, String helpText, long defaultValue, long min, long max) {
        super(key, label, helpText, defaultValue);
        if (min > max || defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException("Default of " + key + " is outside [" + min + ", " + max + "]");
        }
        this.min = min;
        this.max = max;
    }

    @Override
    Long parseValue(String raw) {
        long value;
        try {
            value = Long.parseLong(raw);
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
