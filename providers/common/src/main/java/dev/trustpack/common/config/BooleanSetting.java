package dev.trustpack.common.config;

import java.util.Locale;

import org.keycloak.provider.ProviderConfigProperty;

/** A boolean setting: only {@code true} or {@code false} (any case) are accepted, never a silent "false". */
public final class BooleanSetting extends Setting<Boolean> {

    public BooleanSetting(String key, String label, String helpText, boolean defaultValue) {
        super(key, label, helpText, defaultValue);
    }

    @Override
    Boolean parseValue(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw invalid(raw, "true or false");
        };
    }

    @Override
    String propertyType() {
        return ProviderConfigProperty.BOOLEAN_TYPE;
    }
}
