package dev.trustpack.mfa.policy;

import java.util.List;
import java.util.Set;

import dev.trustpack.mfa.factor.Factor;
import dev.trustpack.tenancy.policy.FlagField;
import dev.trustpack.tenancy.policy.IntField;
import dev.trustpack.tenancy.policy.LevelField;
import dev.trustpack.tenancy.policy.PolicySection;
import dev.trustpack.tenancy.policy.SubsetField;

/**
 * The {@code mfa} section of the tenant policy document. Tenancy stores and merges it strictest-wins (realm floor,
 * tenant, the user's roles in the active tenant); this module only reads the effective values.
 */
public final class MfaPolicy {

    public static final String OFF = "off";
    public static final String RECOMMENDED = "recommended";
    public static final String REQUIRED = "required";

    public static final LevelField REQUIRE = LevelField.of("require",
            "off: a second factor only for users who set one up; recommended: offered at login, can be postponed; "
                    + "required: every login completes a second factor (after the grace period)",
            OFF, List.of(OFF, RECOMMENDED, REQUIRED));

    public static final SubsetField FACTORS = SubsetField.of(
            "factors", "Second factors users may set up and use: totp, webauthn (security key), passkey",
            Set.of(Factor.TOTP.id(), Factor.WEBAUTHN.id(), Factor.PASSKEY.id()), Factor.policyOptions(),
            // A stored value that does not validate counts as the phishing-resistant pair, never as nothing.
            Set.of(Factor.WEBAUTHN.id(), Factor.PASSKEY.id()));

    /**
     * Default 0: the realm floor says how long a grace tenants may give (strictest wins, so a tenant can shorten the
     * floor's grace, never lengthen it).
     */
    public static final IntField GRACE_DAYS = IntField.lowerIsStricter("graceDays",
            "Days a user under 'required' may postpone setting up a second factor, counted from the first login at "
                    + "which 'required' applied to them", 0, 0, 90);

    public static final FlagField PHISHING_RESISTANT = FlagField.trueIsStricter("phishingResistant",
            "Only WebAuthn security keys and passkeys satisfy the policy (no TOTP, no recovery codes)", false);

    public static final PolicySection SECTION = new PolicySection("mfa",
            "Multi-factor authentication: whether it is required, which factors, a grace period",
            List.of(REQUIRE, FACTORS, GRACE_DAYS, PHISHING_RESISTANT));

    private MfaPolicy() {
    }
}
