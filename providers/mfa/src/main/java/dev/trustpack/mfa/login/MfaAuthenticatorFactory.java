package dev.trustpack.mfa.login;

import java.util.List;

import dev.trustpack.common.flow.StepFactory;

/** "Trustpack: enforce MFA" for browser flows; place it REQUIRED at the top level, after the tenant step. */
public final class MfaAuthenticatorFactory extends StepFactory {

    public static final String ID = "trustpack-mfa";

    public MfaAuthenticatorFactory() {
        super(new MfaAuthenticator(), List.of());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Trustpack: enforce MFA";
    }

    @Override
    public String getHelpText() {
        return "Applies the mfa section of the tenant policy: asks for a second factor the user has, offers or forces "
                + "setting one up (with the grace period), and steps up SSO sessions that have not done MFA. Place it "
                + "REQUIRED at the top level, after the tenant step (and in the post-broker-login flow).";
    }

    /**
     * Keycloak counts failed logins per category; every second factor fails here, so all count as OTP failures, and
     * the realm's maxSecondaryAuthFailures applies to them all (docs/mfa.md, "Guessing and code reuse").
     */
    @Override
    public String getReferenceCategory() {
        return "otp";
    }
}
