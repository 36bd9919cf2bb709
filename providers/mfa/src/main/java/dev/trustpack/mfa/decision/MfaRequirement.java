package dev.trustpack.mfa.decision;

import java.util.EnumSet;
import java.util.Set;

import dev.trustpack.mfa.factor.Factor;
import dev.trustpack.mfa.policy.MfaPolicy;
import dev.trustpack.tenancy.policy.EffectivePolicy;

/**
 * The effective {@code mfa} policy of one login, as values the decision works with.
 *
 * @param level             off, recommended or required
 * @param allowed           the factors the policy allows users to set up and use
 * @param graceDays         days a user under required may postpone setting one up
 * @param phishingResistant only security keys and passkeys count
 */
public record MfaRequirement(String level, Set<Factor> allowed, int graceDays, boolean phishingResistant) {

    public MfaRequirement {
        if (!MfaPolicy.REQUIRE.levels().contains(level)) {
            throw new IllegalArgumentException("Unknown MFA level " + level);
        }
        allowed = allowed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowed));
        if (graceDays < 0) {
            throw new IllegalArgumentException("graceDays < 0");
        }
    }

    public static MfaRequirement of(EffectivePolicy policy) {
        Set<Factor> allowed = EnumSet.noneOf(Factor.class);
        for (String id : policy.value(MfaPolicy.SECTION, MfaPolicy.FACTORS)) {
            Factor.byId(id).ifPresent(allowed::add);
        }
        return new MfaRequirement(policy.value(MfaPolicy.SECTION, MfaPolicy.REQUIRE), allowed,
                policy.value(MfaPolicy.SECTION, MfaPolicy.GRACE_DAYS),
                policy.value(MfaPolicy.SECTION, MfaPolicy.PHISHING_RESISTANT));
    }

    public boolean required() {
        return MfaPolicy.REQUIRED.equals(level);
    }

    public boolean recommended() {
        return MfaPolicy.RECOMMENDED.equals(level);
    }

    /**
     * The same requirement, at least as strict as what a relying party asked for with {@code acr_values}. A request
     * applies to this login only: it never starts a grace period and never grants one.
     */
    public MfaRequirement demanding(RequestedAcr requested) {
        return switch (requested) {
            case NONE -> this;
            case MFA -> new MfaRequirement(MfaPolicy.REQUIRED, allowed, 0, phishingResistant);
            case PHISHING_RESISTANT -> new MfaRequirement(MfaPolicy.REQUIRED, allowed, 0, true);
        };
    }

    /** Whether a factor, once proven, satisfies this requirement. */
    public boolean accepts(Factor factor) {
        if (phishingResistant && !factor.phishingResistant()) {
            return false;
        }
        // Recovery codes stand in for any allowed factor; the policy's list names only enrollable ones.
        return factor == Factor.RECOVERY ? !allowed.isEmpty() : allowed.contains(factor);
    }
}
