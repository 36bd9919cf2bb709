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
    void anOperatorSinkReceivesEveryRealmAndIsNeverLimitedToATenant() {
        assertThat(SinkSettings.read(Map.of()).allRealms()).isFalse();
        assertThat(SinkSettings.read(Map.of("all-realms", "TRUE")).allRealms()).isTrue();
        assertThatThrownBy(() -> SinkSettings.read(Map.of("all-realms", "yes")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'all-realms'");
        assertThatThrownBy(() -> SinkSettings.read(Map.of("all-realms", "true", "tenant", "acme")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'all-realms'")
                .hasMessageContaining("cannot also be limited to tenant 'acme'");
    }

    @Test
    void anOperatorSinksRowPerRealmHasAStableIdOfItsOwn() {
        String row = OperatorSinks.rowId("sink-1", "realm-a");
        assertThat(OperatorSinks.rowId("sink-1", "realm-a")).as("every node derives the same").isEqualTo(row);
        assertThat(row).hasSize(36).isNotEqualTo(OperatorSinks.rowId("sink-1", "realm-b"))
                .isNotEqualTo(OperatorSinks.rowId("sink-2", "realm-a")).isNotEqualTo("sink-1");
    }

    @Test
    void aTenantSinkKeepsItsAlias() {
        assertThat(SinkSettings.read(Map.of("tenant", "acme")).tenantAlias()).isEqualTo("acme");
    }
}
