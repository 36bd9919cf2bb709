package dev.trustpack.google.login;

import java.util.List;

import dev.trustpack.common.flow.StepFactory;

/** "Trustpack: Google SSO policy (password grant)"; REQUIRED in the direct-grant flow after the tenant step. */
public final class DirectGrantAuthenticatorFactory extends StepFactory {

    public static final String ID = "trustpack-google-direct-grant";

    public DirectGrantAuthenticatorFactory() {
        super(new DirectGrantAuthenticator(), List.of());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Trustpack: Google SSO policy (password grant)";
    }

    @Override
    public String getHelpText() {
        return "Refuses password grants (invalid_grant) for tenants whose policy is SSO only. Place it REQUIRED in the direct-grant flow after the tenant step.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }
}
