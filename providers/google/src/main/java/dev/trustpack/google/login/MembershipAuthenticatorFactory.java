package dev.trustpack.google.login;

import java.util.List;

import dev.trustpack.common.flow.StepFactory;

/** "Trustpack: Google tenant membership"; the last step of the Google first-broker-login flow. */
public final class MembershipAuthenticatorFactory extends StepFactory {

    public static final String ID = "trustpack-google-membership";

    public MembershipAuthenticatorFactory() {
        super(new MembershipAuthenticator(), List.of());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Trustpack: Google tenant membership";
    }

    @Override
    public String getHelpText() {
        return "Adds a user created just in time to the tenant of their Google hd as a managed member with the tenant's google.jitRole, and records links. Place it REQUIRED last in the Google first-broker-login flow.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }
}
