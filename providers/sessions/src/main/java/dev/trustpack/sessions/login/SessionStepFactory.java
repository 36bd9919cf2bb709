package dev.trustpack.sessions.login;

import java.util.List;

import dev.trustpack.common.flow.StepFactory;

/** "Trustpack: session timeouts"; REQUIRED after the tenant step in the browser, post-broker and direct-grant flows. */
public final class SessionStepFactory extends StepFactory {

    public static final String ID = "trustpack-sessions";

    public SessionStepFactory() {
        super(new SessionStep(), List.of());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Trustpack: session timeouts";
    }

    @Override
    public String getHelpText() {
        return "Records the idle and maximum time the tenant's session policy sets on the SSO session, and ends a "
                + "session past them when cookie SSO would reuse it (the login page says why). Place it REQUIRED "
                + "after the tenant step in the browser, post-broker-login and direct-grant flows.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }
}
