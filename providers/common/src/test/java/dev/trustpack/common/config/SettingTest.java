package dev.trustpack.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;

class SettingTest {

    private static final IntSetting MEMORY = new IntSetting("memory-kib", "Memory (KiB)", "Argon2 memory cost",
            19456, 8192, 1048576);
    private static final BooleanSetting ENABLED = new BooleanSetting("enabled", "Enabled", "On or off", true);
    private static final StringSetting ALIAS = new StringSetting("alias", "Alias", "A tenant alias", null,
            "[a-z0-9-]{1,64}", "lower-case letters, digits and dashes (1-64)");

    @Test
    void blankOrMissingValuesYieldTheDefault() {
        assertThat(MEMORY.parse(null)).isEqualTo(19456);
        assertThat(MEMORY.parse("  ")).isEqualTo(19456);
        assertThat(MEMORY.read(Map.of())).isEqualTo(19456);
        assertThat(MEMORY.read(scope(Map.of()))).isEqualTo(19456);
    }

    @Test
    void valuesAreParsedAndTrimmed() {
        assertThat(MEMORY.parse(" 65536 ")).isEqualTo(65536);
        assertThat(MEMORY.read(Map.of("memory-kib", "8192"))).isEqualTo(8192);
        assertThat(MEMORY.read(scope(Map.of("memory-kib", "1048576")))).isEqualTo(1048576);
        assertThat(ENABLED.parse("FALSE")).isFalse();
        assertThat(ALIAS.parse("acme-eu")).isEqualTo("acme-eu");
    }

    @Test
    void outOfBoundsValuesAreRefusedWithTheKeyInTheMessage() {
        assertThatThrownBy(() -> MEMORY.parse("8191"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Invalid value for 'memory-kib': '8191' is not between 8192 and 1048576")
                .satisfies(e -> assertThat(((InvalidConfigException) e).key()).isEqualTo("memory-kib"));
        assertThatThrownBy(() -> MEMORY.parse("1048577")).hasMessageContaining("'memory-kib'");
    }

    @Test
    void malformedValuesAreRefusedNotDefaulted() {
        assertThatThrownBy(() -> MEMORY.parse("19 MiB"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Invalid value for 'memory-kib': '19 MiB' is not an integer between 8192 and 1048576");
        assertThatThrownBy(() -> ENABLED.parse("yes"))
                .hasMessage("Invalid value for 'enabled': 'yes' is not true or false");
        assertThatThrownBy(() -> ALIAS.parse("Acme Corp"))
                .hasMessage("Invalid value for 'alias': 'Acme Corp' is not lower-case letters, digits and dashes (1-64)");
    }

    @Test
    void aSettingWithoutDefaultIsRequired() {
        assertThatThrownBy(() -> ALIAS.parse(null))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Invalid value for 'alias': a value is required");
    }

    @Test
    void definitionsAreCheckedWhenDeclared() {
        assertThatThrownBy(() -> new IntSetting("camelCase", "x", "x", 1, 0, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IntSetting("too-high", "x", "x", 3, 0, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StringSetting("bad-default", "x", "x", "UPPER", "[a-z]+", "lower"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void metadataDescribesTheKeyForTheAdminConsole() {
        ProviderConfigProperty property = MEMORY.toProperty();
        assertThat(property.getName()).isEqualTo("memory-kib");
        assertThat(property.getLabel()).isEqualTo("Memory (KiB)");
        assertThat(property.getType()).isEqualTo(ProviderConfigProperty.INTEGER_TYPE);
        assertThat(property.getDefaultValue()).isEqualTo(19456);
        assertThat(ENABLED.toProperty().getType()).isEqualTo(ProviderConfigProperty.BOOLEAN_TYPE);
    }

    /** A map-backed SPI scope, as Keycloak hands one to a factory's {@code init}. */
    private static Config.Scope scope(Map<String, String> values) {
        Map<String, String> copy = new HashMap<>(values);
        return new Config.Scope() {
            @Override
            public String get(String key) {
                return copy.get(key);
            }

            @Override
            public String get(String key, String defaultValue) {
                return copy.getOrDefault(key, defaultValue);
            }

            @Override
            public String[] getArray(String key) {
                String value = copy.get(key);
                return value == null ? null : value.split(",");
            }

            @Override
            public Integer getInt(String key, Integer defaultValue) {
                String value = copy.get(key);
                return value == null ? defaultValue : Integer.valueOf(value);
            }

            @Override
            public Long getLong(String key, Long defaultValue) {
                String value = copy.get(key);
                return value == null ? defaultValue : Long.valueOf(value);
            }

            @Override
            public Boolean getBoolean(String key, Boolean defaultValue) {
                String value = copy.get(key);
                return value == null ? defaultValue : Boolean.valueOf(value);
            }

            @Override
            public Config.Scope scope(String... path) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Set<String> getPropertyNames() {
                return copy.keySet();
            }

            @Override
            public Config.Scope root() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
