package dev.trustpack.common.config;

import java.util.regex.Pattern;

import org.keycloak.provider.ProviderConfigProperty;

/**
 * A string setting whose whole value must match a pattern. A {@code null} default makes the setting required.
 * Not for secrets: an invalid value is quoted in the error message. Secrets come from Keycloak's vault.
 */
public final class StringSetting extends Setting<String> {

    private final Pattern allowed;
    private final String expectation;

    public StringSetting(String key, String label, String helpText, String defaultValue, String allowedRegex,
                         String expectation) {
        super(key, label, helpText, defaultValue);
        this.allowed = Pattern.compile(allowedRegex);
        this.expectation = expectation;
        if (defaultValue != null && !allowed.matcher(defaultValue).matches()) {
            throw new IllegalArgumentException("Default of " + key + " does not match " + allowedRegex);
        }
    }

    @Override
    String parseValue(String raw) {
        if (!allowed.matcher(raw).matches()) {
            throw invalid(raw, expectation);
        }
        return raw;
    }

    @Override
    String propertyType() {
        return ProviderConfigProperty.STRING_TYPE;
    }
}
