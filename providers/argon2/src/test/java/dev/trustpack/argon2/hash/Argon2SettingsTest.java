package dev.trustpack.argon2.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import dev.trustpack.common.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.keycloak.Config;

class Argon2SettingsTest {

    @Test
    void defaultsAreTheAsvsRowWithinTheBudget() {
        Argon2Settings settings = Argon2Settings.read(scope(Map.of()));
        assertThat(settings.defaultCost()).isEqualTo(new Argon2Cost(19456, 2, 1));
        assertThat(settings.defaultCost().meetsAsvs()).isTrue();
        assertThat(settings.maxPasswordBytes()).isEqualTo(1024);
        assertThat(settings.memoryBudgetKiB()).isEqualTo(262144);
    }

    @Test
    void aDefaultCostBelowTheAsvsFloorFailsStartUp() {
        assertThatThrownBy(() -> Argon2Settings.read(scope(Map.of("memory-kib", "12288", "iterations", "2"))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Invalid value for 'memory-kib': m=12288,t=2,p=1 is below the OWASP ASVS 5.0 floor: "
                        + "2 iteration(s) need at least 19456 KiB");
        assertThat(Argon2Settings.read(scope(Map.of("memory-kib", "12288", "iterations", "3"))).defaultCost().meetsAsvs())
                .isTrue();
    }

    @Test
    void aBudgetThatCannotHoldOneHashFailsStartUp() {
        assertThatThrownBy(() -> Argon2Settings.read(scope(Map.of("memory-budget-kib", "16384"))))
                .hasMessageContaining("'memory-budget-kib'");
        assertThatThrownBy(() -> Argon2Settings.read(scope(Map.of("max-verify-memory-kib", "524288"))))
                .hasMessageContaining("'max-verify-memory-kib'");
    }

    private static Config.Scope scope(Map<String, String> values) {
        Map<String, String> copy = new HashMap<>(values);
        return new Config.Scope() {
            public String get(String key) {
                return copy.get(key);
            }

            public String get(String key, String defaultValue) {
                return copy.getOrDefault(key, defaultValue);
            }

            public String[] getArray(String key) {
                return null;
            }

            public Integer getInt(String key, Integer defaultValue) {
                return defaultValue;
            }

            public Long getLong(String key, Long defaultValue) {
                return defaultValue;
            }

            public Boolean getBoolean(String key, Boolean defaultValue) {
                return defaultValue;
            }

            public Config.Scope scope(String... path) {
                return this;
            }

            public Set<String> getPropertyNames() {
                return copy.keySet();
            }

            public Config.Scope root() {
                return this;
            }
        };
    }
}
