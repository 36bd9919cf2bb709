package dev.trustpack.mfa.login;

import java.util.List;

import dev.trustpack.common.flow.StepFactory;

/** "Trustpack: enforce MFA (password grant)"; place it REQUIRED in the direct-grant flow, after the tenant step. */
public final class MfaDirectGrantAuthenticatorFactory extends StepFactory {

    public static final String ID = "trustpack-mfa-direct-grant";

    public MfaDirectGrantAuthenticatorFactory() {
        super(new MfaDirectGrantAuthenticator(), List.of());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Trustpack: enforce MFA (password grant)";
    }

    @Override
    public String getHelpText() {
        return "Refuses password grants (invalid_grant) of users whose MFA policy requires a second factor, unless "
                + "the client is marked as a legacy client exempt from MFA (client attribute trustpack.mfa.legacy-exempt, "
                + "audited at each use). Place it REQUIRED in the direct-grant flow, after the tenant step.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }
}
