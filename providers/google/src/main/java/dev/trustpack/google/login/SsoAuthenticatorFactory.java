package dev.trustpack.google.login;

import java.util.List;

import dev.trustpack.common.flow.StepFactory;

/** "Trustpack: Google SSO policy"; REQUIRED after the tenant step in the browser and post-broker-login flows. */
public final class SsoAuthenticatorFactory extends StepFactory {

    public static final String ID = "trustpack-google-sso";

    public SsoAuthenticatorFactory() {
        super(new SsoAuthenticator(), List.of());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Trustpack: Google SSO policy";
    }

    @Override
    public String getHelpText() {
        return "Holds the active tenant's Google policy: a Google login only where allowed (and from a verified domain where SSO only), any other login to an SSO-only tenant sent to Google or refused. Place it REQUIRED after the tenant step in the browser and post-broker-login flows.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }
}
