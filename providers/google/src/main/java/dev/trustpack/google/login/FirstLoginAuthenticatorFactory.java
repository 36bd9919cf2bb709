package dev.trustpack.google.login;

import java.util.List;

import dev.trustpack.common.flow.StepFactory;

/** "Trustpack: Google first login"; the first step of the Google first-broker-login flow. */
public final class FirstLoginAuthenticatorFactory extends StepFactory {

    public static final String ID = "trustpack-google-first-login";

    public FirstLoginAuthenticatorFactory() {
        super(new FirstLoginAuthenticator(), List.of());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Trustpack: Google first login";
    }

    @Override
    public String getHelpText() {
        return "Refuses a new Google identity with no account when its tenant does not create accounts just in time. Place it REQUIRED first in the first-broker-login flow of the Trustpack Google provider.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }
}
