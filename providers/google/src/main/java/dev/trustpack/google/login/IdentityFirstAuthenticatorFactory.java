package dev.trustpack.google.login;

import java.util.List;

import dev.trustpack.common.flow.StepFactory;
import org.keycloak.models.AuthenticationExecutionModel;

/** "Trustpack: identity-first with Google"; in place of Keycloak's {@code organization} step of the browser flow. */
public final class IdentityFirstAuthenticatorFactory extends StepFactory {

    public static final String ID = "trustpack-google-identity-first";

    public IdentityFirstAuthenticatorFactory() {
        super(new IdentityFirstAuthenticator(), List.of(), AuthenticationExecutionModel.Requirement.ALTERNATIVE,
                AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Trustpack: identity-first with Google";
    }

    @Override
    public String getHelpText() {
        return "Keycloak's Organization identity-first step, except that a username or email at a verified domain of a "
                + "tenant whose policy is Google SSO only goes straight to Google with login_hint and hd. Use it in "
                + "place of the Organization step.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }
}
