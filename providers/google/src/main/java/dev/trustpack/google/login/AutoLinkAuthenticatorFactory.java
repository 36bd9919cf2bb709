package dev.trustpack.google.login;

import java.util.List;

import dev.trustpack.common.flow.StepFactory;
import org.keycloak.models.AuthenticationExecutionModel;

/** "Trustpack: Google link by verified tenant domain"; an alternative in the existing-account part of the Google first-broker-login flow. */
public final class AutoLinkAuthenticatorFactory extends StepFactory {

    public static final String ID = "trustpack-google-auto-link";

    public AutoLinkAuthenticatorFactory() {
        super(new AutoLinkAuthenticator(), List.of(), AuthenticationExecutionModel.Requirement.ALTERNATIVE,
                AuthenticationExecutionModel.Requirement.DISABLED);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Trustpack: Google link by verified tenant domain";
    }

    @Override
    public String getHelpText() {
        return "Links a Google identity to the existing account with its email only when its hd is a verified domain of a tenant the account belongs to and the account's email is verified; otherwise the next alternative (confirm link and re-authenticate) runs. Use instead of Automatically set existing user.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }
}
