package dev.trustpack.mfa.login;

import dev.trustpack.mfa.decision.MfaRequirement;
import dev.trustpack.tenancy.policy.PolicySource;

/**
 * The rule that makes a login ask for a second factor, as the MFA pages name it: the application's request for this
 * sign-in (step-up), or the policy level that set {@code mfa.require}. The template turns {@link #kind} into a sentence
 * ({@code trustpackMfaRule.<kind>}) with the tenant's name and {@link #role}.
 *
 * @param kind {@code requested}, {@code tenant-role}, {@code tenant}, {@code realm-role} or {@code realm}
 * @param role the role whose section set the level, for the role kinds; otherwise null
 */
record MfaRule(String kind, String role) {

    static final String REQUESTED = "requested";
    static final String MESSAGE_PREFIX = "trustpackMfaRule.";

    static MfaRule of(MfaRequirement byPolicy, MfaRequirement demanded, PolicySource source) {
        boolean raisedByRequest = demanded.required() && !byPolicy.required()
                || demanded.phishingResistant() && !byPolicy.phishingResistant();
        if (raisedByRequest) {
            return new MfaRule(REQUESTED, null);
        }
        return switch (source.level()) {
            case TENANT_ROLE -> new MfaRule("tenant-role", source.role());
            case REALM_ROLE -> new MfaRule("realm-role", source.role());
            case TENANT -> new MfaRule("tenant", null);
            case REALM, DEFAULT -> new MfaRule("realm", null);
        };
    }

    /** The bundle key of the sentence ({@code trustpack-mfa-rule.ftl} picks the same). */
    String messageKey() {
        return MESSAGE_PREFIX + kind;
    }

    /** The sentence's parameters, in the order of its placeholders. */
    Object[] parameters(String tenantName) {
        return switch (kind) {
            case "tenant-role" -> new Object[] {tenantName, role};
            case "tenant" -> new Object[] {tenantName};
            case "realm-role" -> new Object[] {role};
            default -> new Object[0];
        };
    }
}
