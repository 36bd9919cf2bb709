package dev.trustpack.mfa.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.trustpack.mfa.decision.MfaDecision;
import dev.trustpack.mfa.decision.MfaRequirement;
import dev.trustpack.mfa.factor.Factor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Given a tenant member, the MFA report says")
class MemberStatusTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final Set<Factor> ALLOWED = EnumSet.of(Factor.TOTP, Factor.WEBAUTHN, Factor.PASSKEY);

    private static MemberStatus status(String level, int graceDays, Set<Factor> enrolled, Instant graceStart) {
        MfaRequirement requirement = new MfaRequirement(level, ALLOWED, graceDays, false);
        return MemberStatus.of(requirement,
                new MfaDecision.Facts(enrolled, Set.of(), EnumSet.allOf(Factor.class), graceStart, NOW, false));
    }

    @Test
    @DisplayName("enrolled, with the factor types, for a member with a factor")
    void enrolled() {
        MemberStatus status = status("required", 0, EnumSet.of(Factor.TOTP, Factor.RECOVERY), null);
        assertThat(status.state()).isEqualTo("enrolled");
        assertThat(status.factors()).isEqualTo(List.of("totp", "recovery"));
    }

    @Test
    @DisplayName("grace with the days left, once the grace has started")
    void grace() {
        MemberStatus status = status("required", 7, Set.of(), NOW.minus(Duration.ofDays(2)));
        assertThat(status.state()).isEqualTo("grace");
        assertThat(status.daysLeft()).isEqualTo(5);
        assertThat(status.graceStarted()).isTrue();
    }

    @Test
    @DisplayName("grace with the full grace, not started, for a member who has not signed in since")
    void graceNotStarted() {
        MemberStatus status = status("required", 7, Set.of(), null);
        assertThat(status.state()).isEqualTo("grace");
        assertThat(status.daysLeft()).isEqualTo(7);
        assertThat(status.graceStarted()).isFalse();
    }

    @Test
    @DisplayName("overdue when the grace has run out or there is none")
    void overdue() {
        assertThat(status("required", 7, Set.of(), NOW.minus(Duration.ofDays(8))).state()).isEqualTo("overdue");
        assertThat(status("required", 0, Set.of(), null).state()).isEqualTo("overdue");
    }

    @Test
    @DisplayName("exempt when the member's policy does not require MFA and they have no factor")
    void exempt() {
        assertThat(status("off", 0, Set.of(), null).state()).isEqualTo("exempt");
        assertThat(status("recommended", 0, Set.of(), null).state()).isEqualTo("exempt");
    }
}
