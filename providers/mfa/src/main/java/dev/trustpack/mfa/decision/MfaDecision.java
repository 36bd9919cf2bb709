package dev.trustpack.mfa.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.trustpack.mfa.factor.Factor;

/**
 * What the MFA step does with one login, decided from the effective requirement and facts about the user. Pure: no
 * Keycloak types, so every rule is unit-tested (MfaDecisionTest).
 */
public sealed interface MfaDecision {

    /** Nothing to ask: either a second factor already counts in this login or SSO session, or none is needed. */
    record Pass(boolean mfaDone) implements MfaDecision {
    }

    /** Ask for one of the user's factors; {@code recovery} when recovery codes may stand in for them. */
    record Challenge(List<Factor> factors, boolean recovery) implements MfaDecision {
    }

    /**
     * Offer to set a factor up, which the user may postpone: under {@code recommended} ({@code daysLeft} null), or
     * within a grace period ({@code startsGrace} when this login starts it).
     */
    record Offer(List<Factor> factors, Integer daysLeft, boolean startsGrace) implements MfaDecision {
    }

    /** Set a factor up now; {@code graceEnded} when a grace period ran out (the enforcement moment). */
    record Enrol(List<Factor> factors, boolean graceEnded) implements MfaDecision {
    }

    /** Required, but no factor the policy allows can be set up here: the login is refused (fails closed). */
    record Deny(String reason) implements MfaDecision {
    }

    /**
     * Facts about the user and this login.
     *
     * @param enrolled   the user's configured factors (recovery codes included)
     * @param proven     factors proven in this login or earlier in its SSO session
     * @param available  the factors this server can set up and verify (features, realm settings)
     * @param graceStart when a grace period started for this user, or null
     * @param ssoLogin   the login continues an SSO session by its cookie (a recommendation was offered at the login
     *                   that started it, and is not repeated on every application the user opens)
     * @param resetGraceUntil end of the short grace an admin's reset of the user's factors gave, or null
     */
    record Facts(Set<Factor> enrolled, Set<Factor> proven, Set<Factor> available, Instant graceStart, Instant now,
                 boolean ssoLogin, Instant resetGraceUntil) {

        /** Facts with no admin reset. */
        public Facts(Set<Factor> enrolled, Set<Factor> proven, Set<Factor> available, Instant graceStart, Instant now,
                     boolean ssoLogin) {
            this(enrolled, proven, available, graceStart, now, ssoLogin, null);
        }
    }

    static MfaDecision decide(MfaRequirement requirement, Facts facts) {
        if (facts.proven().stream().anyMatch(f -> countsAs(requirement, f))) {
            return new Pass(true);
        }
        List<Factor> usable = inOrder(facts.enrolled().stream()
                .filter(f -> f.enrollable() && facts.available().contains(f) && countsAs(requirement, f)).toList());
        if (!usable.isEmpty()) {
            // Recovery codes are a fallback for a user who has a factor, never a way around phishing resistance.
            boolean recovery = facts.enrolled().contains(Factor.RECOVERY) && facts.available().contains(Factor.RECOVERY)
                    && countsAs(requirement, Factor.RECOVERY);
            return new Challenge(usable, recovery);
        }
        List<Factor> enrollable = inOrder(facts.available().stream()
                .filter(f -> f.enrollable() && requirement.accepts(f)).toList());
        if (!requirement.required() && !requirement.recommended()) {
            return new Pass(false);
        }
        if (enrollable.isEmpty()) {
            return requirement.required()
                    ? new Deny("the MFA policy allows no factor that can be set up on this server")
                    : new Pass(false);
        }
        if (requirement.recommended()) {
            return facts.ssoLogin() ? new Pass(false) : new Offer(enrollable, null, false);
        }
        if (facts.resetGraceUntil() != null && facts.now().isBefore(facts.resetGraceUntil())) {
            // An admin reset the user's factors (a lost phone): a short grace to sign in and set a new one up.
            long hoursLeft = Duration.between(facts.now(), facts.resetGraceUntil()).toHours();
            return new Offer(enrollable, (int) Math.max(1, (hoursLeft + 23) / 24), false);
        }
        if (requirement.graceDays() > 0) {
            Instant start = facts.graceStart() == null ? facts.now() : facts.graceStart();
            long elapsedDays = Math.max(0, Duration.between(start, facts.now()).toDays());
            long left = requirement.graceDays() - elapsedDays;
            if (left > 0) {
                return new Offer(enrollable, (int) left, facts.graceStart() == null);
            }
        }
        return new Enrol(enrollable, facts.graceStart() != null);
    }

    /**
     * Under {@code off} and {@code recommended} any factor the user set up protects their account and is asked for;
     * under {@code required} only the factors the policy accepts count.
     */
    private static boolean countsAs(MfaRequirement requirement, Factor factor) {
        return !requirement.required() || requirement.accepts(factor);
    }

    private static List<Factor> inOrder(List<Factor> factors) {
        return Arrays.stream(Factor.values()).filter(factors::contains).toList();
    }
}
