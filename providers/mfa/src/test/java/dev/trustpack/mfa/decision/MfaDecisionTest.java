package dev.trustpack.mfa.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.trustpack.mfa.factor.Factor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MfaDecisionTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final Set<Factor> ALL = EnumSet.allOf(Factor.class);
    private static final Set<Factor> ALLOWED = EnumSet.of(Factor.TOTP, Factor.WEBAUTHN, Factor.PASSKEY);

    private static MfaRequirement required(int graceDays) {
        return new MfaRequirement("required", ALLOWED, graceDays, false);
    }

    private static MfaDecision.Facts facts(Set<Factor> enrolled, Set<Factor> proven, Instant graceStart) {
        return new MfaDecision.Facts(enrolled, proven, ALL, graceStart, NOW, false);
    }

    @Nested
    @DisplayName("Given MFA is required")
    class Required {

        @Test
        @DisplayName("when a factor was proven earlier in the SSO session, then the login passes with MFA")
        void provenPasses() {
            MfaDecision decision = MfaDecision.decide(required(0), facts(Set.of(Factor.TOTP), Set.of(Factor.TOTP), null));
            assertThat(decision).isEqualTo(new MfaDecision.Pass(true));
        }

        @Test
        @DisplayName("when the user has factors, then they are challenged with them, recovery codes as a fallback")
        void challenge() {
            MfaDecision decision = MfaDecision.decide(required(0),
                    facts(EnumSet.of(Factor.TOTP, Factor.RECOVERY, Factor.WEBAUTHN), Set.of(), null));
            assertThat(decision).isEqualTo(new MfaDecision.Challenge(List.of(Factor.TOTP, Factor.WEBAUTHN), true));
        }

        @Test
        @DisplayName("when the user has none and there is no grace, then they must enrol now")
        void enrolNow() {
            assertThat(MfaDecision.decide(required(0), facts(Set.of(), Set.of(), null)))
                    .isEqualTo(new MfaDecision.Enrol(List.of(Factor.TOTP, Factor.WEBAUTHN, Factor.PASSKEY), false));
        }

        @Test
        @DisplayName("when the first login under a 7-day grace happens, then it starts the grace with 7 days left")
        void graceStarts() {
            assertThat(MfaDecision.decide(required(7), facts(Set.of(), Set.of(), null)))
                    .isEqualTo(new MfaDecision.Offer(List.of(Factor.TOTP, Factor.WEBAUTHN, Factor.PASSKEY), 7, true));
        }

        @Test
        @DisplayName("when 6.5 days of a 7-day grace have passed, then one day is left")
        void graceCounts() {
            Instant start = NOW.minus(Duration.ofHours(6 * 24 + 12));
            MfaDecision decision = MfaDecision.decide(required(7), facts(Set.of(), Set.of(), start));
            assertThat(decision).isInstanceOfSatisfying(MfaDecision.Offer.class, offer -> {
                assertThat(offer.daysLeft()).isEqualTo(1);
                assertThat(offer.startsGrace()).isFalse();
            });
        }

        @Test
        @DisplayName("when the grace has run out, then enrolment is forced and marked as the grace's end")
        void graceEnds() {
            MfaDecision decision = MfaDecision.decide(required(7), facts(Set.of(), Set.of(), NOW.minus(Duration.ofDays(7))));
            assertThat(decision).isEqualTo(new MfaDecision.Enrol(List.of(Factor.TOTP, Factor.WEBAUTHN, Factor.PASSKEY), true));
        }

        @Test
        @DisplayName("when an SSO session is reused for it, then the grace notice is still shown (a step-up)")
        void graceShownOnSso() {
            MfaDecision.Facts sso = new MfaDecision.Facts(Set.of(), Set.of(), ALL, NOW.minus(Duration.ofDays(1)), NOW, true);
            assertThat(MfaDecision.decide(required(7), sso)).isInstanceOf(MfaDecision.Offer.class);
        }

        @Test
        @DisplayName("when the grace is shortened to 0 after it started, then enrolment is forced at once")
        void graceShortened() {
            MfaDecision decision = MfaDecision.decide(required(0), facts(Set.of(), Set.of(), NOW.minus(Duration.ofDays(1))));
            assertThat(decision).isInstanceOf(MfaDecision.Enrol.class);
        }

        @Test
        @DisplayName("when an admin reset the user's factors a few hours ago, then set-up may wait until the reset grace ends")
        void resetGrace() {
            MfaDecision.Facts facts = new MfaDecision.Facts(Set.of(), Set.of(), ALL, NOW.minus(Duration.ofDays(30)), NOW,
                    false, NOW.plus(Duration.ofHours(20)));
            assertThat(MfaDecision.decide(required(0), facts))
                    .isEqualTo(new MfaDecision.Offer(List.of(Factor.TOTP, Factor.WEBAUTHN, Factor.PASSKEY), 1, false));
        }

        @Test
        @DisplayName("when the reset grace has ended, then set-up is forced again")
        void resetGraceOver() {
            MfaDecision.Facts facts = new MfaDecision.Facts(Set.of(), Set.of(), ALL, null, NOW, false,
                    NOW.minus(Duration.ofMinutes(1)));
            assertThat(MfaDecision.decide(required(0), facts)).isInstanceOf(MfaDecision.Enrol.class);
        }

        @Test
        @DisplayName("when it must be phishing-resistant, then TOTP neither passes, nor is asked, nor can be enrolled")
        void phishingResistant() {
            MfaRequirement requirement = new MfaRequirement("required", ALLOWED, 0, true);
            MfaDecision decision = MfaDecision.decide(requirement,
                    facts(EnumSet.of(Factor.TOTP, Factor.RECOVERY), Set.of(Factor.TOTP), null));
            assertThat(decision).isEqualTo(new MfaDecision.Enrol(List.of(Factor.WEBAUTHN, Factor.PASSKEY), false));
        }

        @Test
        @DisplayName("when it must be phishing-resistant, then recovery codes are no fallback for a security key")
        void noRecoveryUnderPhishingResistance() {
            MfaRequirement requirement = new MfaRequirement("required", ALLOWED, 0, true);
            MfaDecision decision = MfaDecision.decide(requirement,
                    facts(EnumSet.of(Factor.WEBAUTHN, Factor.RECOVERY), Set.of(Factor.RECOVERY), null));
            assertThat(decision).isEqualTo(new MfaDecision.Challenge(List.of(Factor.WEBAUTHN), false));
        }

        @Test
        @DisplayName("when the allowed factors cannot be set up on this server, then the login is denied")
        void nothingEnrollable() {
            MfaRequirement requirement = new MfaRequirement("required", EnumSet.of(Factor.TOTP), 0, true);
            assertThat(MfaDecision.decide(requirement, facts(Set.of(), Set.of(), null)))
                    .isInstanceOf(MfaDecision.Deny.class);
        }

        @Test
        @DisplayName("when a factor the policy does not allow was proven, then it does not count")
        void disallowedProvenFactor() {
            MfaRequirement requirement = new MfaRequirement("required", EnumSet.of(Factor.PASSKEY), 0, false);
            MfaDecision decision = MfaDecision.decide(requirement,
                    facts(EnumSet.of(Factor.TOTP, Factor.PASSKEY), Set.of(Factor.TOTP), null));
            assertThat(decision).isEqualTo(new MfaDecision.Challenge(List.of(Factor.PASSKEY), false));
        }
    }

    @Nested
    @DisplayName("Given MFA is recommended")
    class Recommended {

        @Test
        @DisplayName("when the user has no factor, then set-up is offered and may be postponed, with no grace")
        void offered() {
            MfaRequirement requirement = new MfaRequirement("recommended", ALLOWED, 30, false);
            assertThat(MfaDecision.decide(requirement, facts(Set.of(), Set.of(), null)))
                    .isEqualTo(new MfaDecision.Offer(List.of(Factor.TOTP, Factor.WEBAUTHN, Factor.PASSKEY), null, false));
        }

        @Test
        @DisplayName("when an SSO session is reused, then the recommendation made at its login is not repeated")
        void notRepeatedOnSso() {
            MfaRequirement requirement = new MfaRequirement("recommended", ALLOWED, 0, false);
            MfaDecision.Facts sso = new MfaDecision.Facts(Set.of(), Set.of(), ALL, null, NOW, true);
            assertThat(MfaDecision.decide(requirement, sso)).isEqualTo(new MfaDecision.Pass(false));
        }

        @Test
        @DisplayName("when the user has a factor, then it is asked for")
        void challenged() {
            MfaRequirement requirement = new MfaRequirement("recommended", ALLOWED, 0, false);
            assertThat(MfaDecision.decide(requirement, facts(Set.of(Factor.TOTP), Set.of(), null)))
                    .isEqualTo(new MfaDecision.Challenge(List.of(Factor.TOTP), false));
        }
    }

    @Nested
    @DisplayName("Given MFA is off")
    class Off {

        @Test
        @DisplayName("when the user has no factor, then the login passes without MFA")
        void passes() {
            MfaRequirement requirement = new MfaRequirement("off", ALLOWED, 0, false);
            assertThat(MfaDecision.decide(requirement, facts(Set.of(), Set.of(), null))).isEqualTo(new MfaDecision.Pass(false));
        }

        @Test
        @DisplayName("when the user set up a factor anyway, then it is still asked for (their choice protects them)")
        void ownFactorAsked() {
            MfaRequirement requirement = new MfaRequirement("off", EnumSet.of(Factor.PASSKEY), 0, true);
            assertThat(MfaDecision.decide(requirement, facts(Set.of(Factor.TOTP), Set.of(), null)))
                    .isEqualTo(new MfaDecision.Challenge(List.of(Factor.TOTP), false));
        }
    }

    @Nested
    @DisplayName("Given a relying party asks for acr_values")
    class RequestedByClient {

        @Test
        @DisplayName("when it asks for mfa under an off policy, then the login needs a second factor now, with no grace")
        void demandsMfa() {
            MfaRequirement requirement = new MfaRequirement("off", ALLOWED, 30, false).demanding(RequestedAcr.parse("pwd mfa"));
            assertThat(MfaDecision.decide(requirement, facts(Set.of(), Set.of(), null))).isInstanceOf(MfaDecision.Enrol.class);
        }

        @Test
        @DisplayName("when it asks for phr after a TOTP login, then a security key or passkey is asked for")
        void demandsPhishingResistant() {
            MfaRequirement requirement = required(0).demanding(RequestedAcr.parse("phr"));
            MfaDecision decision = MfaDecision.decide(requirement,
                    facts(EnumSet.of(Factor.TOTP, Factor.PASSKEY), Set.of(Factor.TOTP), null));
            assertThat(decision).isEqualTo(new MfaDecision.Challenge(List.of(Factor.PASSKEY), false));
        }

        @Test
        @DisplayName("when it asks for values Trustpack does not define, then nothing changes")
        void unknownValues() {
            assertThat(RequestedAcr.parse("1 urn:other gold")).isEqualTo(RequestedAcr.NONE);
        }
    }
}
