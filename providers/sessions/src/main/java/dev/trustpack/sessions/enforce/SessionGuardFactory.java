package dev.trustpack.sessions.enforce;

import dev.trustpack.common.clientpolicy.ExecutorFactory;

/**
 * Client-policy executor "Trustpack: session timeouts". Put it in a client profile applied by an {@code any-client}
 * policy (the demo realm does; docs/sessions.md shows the JSON).
 */
public final class SessionGuardFactory extends ExecutorFactory {

    public static final String ID = "trustpack-sessions-guard";

    public SessionGuardFactory() {
        super(ID, "Ends the SSO session at a refresh, userinfo or introspection request once it passed the idle or "
                + "maximum time its tenants' session policy sets (invalid_grant, 401, active: false).", SessionGuard::new);
    }
}
