package dev.trustpack.audit.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class AuditSettingsTest {

    private static final AuditSettings SETTINGS = new AuditSettings(Duration.ofMillis(200), 1000, 2,
            Duration.ofSeconds(30), 365, Duration.ofMinutes(60));

    @Test
    void theConfiguredLeaseCoversSinksWhoseAttemptsAreShort() {
        assertThat(SETTINGS.claimLease(Duration.ofSeconds(15))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aSinkWithLongTimeoutsGetsALeaseBeyondItsLongestAttempt() {
        assertThat(SETTINGS.claimLease(Duration.ofSeconds(120)))
                .isEqualTo(Duration.ofSeconds(120 + AuditSettings.CLAIM_MARGIN_SECONDS));
    }
}
