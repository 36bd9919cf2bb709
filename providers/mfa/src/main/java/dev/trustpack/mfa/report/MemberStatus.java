package dev.trustpack.mfa.report;

import java.util.List;

import dev.trustpack.mfa.decision.MfaDecision;
import dev.trustpack.mfa.decision.MfaRequirement;
import dev.trustpack.mfa.factor.Factor;

/**
 * One member's MFA state, as an auditor reads it: derived from the same decision the login makes (with nothing
 * proven yet), so the report never says something the login would not do.
 *
 * @param state    enrolled, grace, overdue or exempt
 * @param factors  the factors the user has set up (recovery codes included)
 * @param daysLeft for {@code grace}: days left (a grace that has not started yet shows the full grace)
 */
public record MemberStatus(String state, String require, List<String> factors, Integer daysLeft, boolean graceStarted) {

    public static final String ENROLLED = "enrolled";
    public static final String GRACE = "grace";
    public static final String OVERDUE = "overdue";
    /** The member's policy does not require MFA and they have no factor. */
    public static final String EXEMPT = "exempt";

    public static final List<String> STATES = List.of(ENROLLED, GRACE, OVERDUE, EXEMPT);

    public static MemberStatus of(MfaRequirement requirement, MfaDecision.Facts facts) {
        List<String> factors = facts.enrolled().stream().sorted().map(Factor::id).toList();
        MfaDecision decision = MfaDecision.decide(requirement, facts);
        if (decision instanceof MfaDecision.Challenge || decision instanceof MfaDecision.Pass pass && pass.mfaDone()) {
            return new MemberStatus(ENROLLED, requirement.level(), factors, null, false);
        }
        if (decision instanceof MfaDecision.Offer offer && offer.daysLeft() != null) {
            return new MemberStatus(GRACE, requirement.level(), factors, offer.daysLeft(), !offer.startsGrace());
        }
        if (decision instanceof MfaDecision.Enrol || decision instanceof MfaDecision.Deny) {
            return new MemberStatus(OVERDUE, requirement.level(), factors, null, facts.graceStart() != null);
        }
        return new MemberStatus(EXEMPT, requirement.level(), factors, null, false);
    }
}
