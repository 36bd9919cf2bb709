package dev.trustpack.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import dev.trustpack.common.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

class SinkSettingsTest {

    @Test
    void defaultsAreSane() {
        SinkSettings settings = SinkSettings.read(Map.of());

        assertThat(settings.tenantAlias()).isNull();
        assertThat(settings.batchSize()).isEqualTo(100);
        assertThat(settings.retryInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.retryMax()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.pauseAfterFailures()).isEqualTo(20);
        assertThat(settings.deadLetterAfter()).isEqualTo(5);
    }

    @Test
    void badValuesNameTheSetting() {
        assertThatThrownBy(() -> SinkSettings.read(Map.of("batch-size", "0")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'batch-size'");
        assertThatThrownBy(() -> SinkSettings.read(Map.of("tenant", "acme corp")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'tenant'");
        assertThatThrownBy(() -> SinkSettings.read(Map.of("retry-initial-ms", "5000", "retry-max-ms", "1000")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'retry-max-ms'");
    }

    @Test
    void aTenantSinkKeepsItsAlias() {
        assertThat(SinkSettings.read(Map.of("tenant", "acme")).tenantAlias()).isEqualTo("acme");
    }
}
