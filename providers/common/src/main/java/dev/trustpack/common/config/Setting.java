package dev.trustpack.common.config;

import java.util.Map;
import java.util.Objects;

import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * One configuration key, defined once: its name, its admin-console metadata, its default and its validation.
 * The same definition reads server-wide SPI options ({@link Config.Scope}, {@code --spi-<spi>--<provider>--<key>})
 * and per-realm values stored as strings (component, mapper or policy config), so both are validated alike.
 *
 * @param <T> the typed value
 */
public abstract sealed class Setting<T> permits IntSetting, BooleanSetting, StringSetting,
        VaultReferenceSetting {

    private final String key;
    private final String label;
    private final String helpText;
    private final T defaultValue;

    Setting(String key, String label, String helpText, T defaultValue) {
        this.key = requireKebabCase(key);
        this.label = Objects.requireNonNull(label, "label");
        this.helpText = Objects.requireNonNull(helpText, "helpText");
        this.defaultValue = defaultValue;
    }

    public final String key() {
        return key;
    }

    public final T defaultValue() {
        return defaultValue;
    }

    /** Parses and validates one raw value; blank means "not set" and yields the default. */
    public final T parse(String raw) {
        if (raw == null || raw.isBlank()) {
            if (defaultValue == null) {
                throw new InvalidConfigException(key, "a value is required");
            }
            return defaultValue;
        }
        return parseValue(raw.strip());
    }

    /** Reads the key from a server-wide SPI scope. */
    public final T read(Config.Scope scope) {
        return parse(scope == null ? null : scope.get(key));
    }

    /** Reads the key from string config such as {@code ComponentModel.getConfig()} or a mapper's config. */
    public final T read(Map<String, String> config) {
        return parse(config == null ? null : config.get(key));
    }

    /** Admin-console and server-info metadata for this key. */
    public final ProviderConfigProperty toProperty() {
        ProviderConfigProperty property = new ProviderConfigProperty();
        property.setName(key);
        property.setLabel(label);
        property.setHelpText(helpText);
        property.setType(propertyType());
        property.setDefaultValue(defaultValue);
        property.setRequired(defaultValue == null);
        property.setSecret(isSecret());
        return property;
    }

    abstract T parseValue(String raw);

    abstract String propertyType();

    public boolean isSecret() {
        return false;
    }

    final InvalidConfigException invalid(String raw, String expectation) {
        return new InvalidConfigException(key, "'" + raw + "' is not " + expectation);
    }

    private static String requireKebabCase(String key) {
        if (key == null || !key.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("Setting keys are kebab-case: " + key);
        }
        return key;
    }
}
