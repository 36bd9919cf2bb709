package dev.trustpack.mfa.removal;

import java.util.Map;
import java.util.Optional;

import dev.trustpack.mfa.decision.MfaRequirement;
import dev.trustpack.mfa.factor.Factor;

/**
 * Whether a user may remove one of their credentials. Pure, unit-tested (FactorRemovalTest). A user whose policy
 * requires MFA keeps at least one factor the policy accepts: they replace a factor (add the new one, then remove the
 * old), never go without.
 */
public final class FactorRemoval {

    private FactorRemoval() {
    }

    /**
     * @param requirement    the user's strictest requirement over all their tenants (removal is account-wide)
     * @param countsByFactor how many credentials of each factor the user has now
     * @param removing       the factor of the credential to remove (empty for a password or other credential)
     * @return why not, or empty if the removal may go ahead
     */
    public static Optional<String> refusal(MfaRequirement requirement, Map<Factor, Long> countsByFactor,
                                           Optional<Factor> removing) {
        if (removing.isEmpty() || !requirement.required() || !removing.get().enrollable()
                || !requirement.accepts(removing.get())) {
            return Optional.empty();
        }
        long acceptedLeft = countsByFactor.entrySet().stream()
                .filter(entry -> entry.getKey().enrollable() && requirement.accepts(entry.getKey()))
                .mapToLong(entry -> entry.getKey() == removing.get() ? entry.getValue() - 1 : entry.getValue())
                .sum();
        return acceptedLeft > 0 ? Optional.empty() : Optional.of(
                "This is your last second factor and your organization requires one: add another factor first, "
                        + "then remove this one");
    }
}
