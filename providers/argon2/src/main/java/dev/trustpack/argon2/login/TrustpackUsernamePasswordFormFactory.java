package dev.trustpack.argon2.login;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.models.KeycloakSession;

/**
 * Takes the place of Keycloak's {@code UsernamePasswordFormFactory} (same id, higher {@link #order()}, so every flow that
 * uses the step gets it), with {@link TrustpackUsernamePasswordForm}. Everything an admin sees stays Keycloak's.
 */
public final class TrustpackUsernamePasswordFormFactory extends UsernamePasswordFormFactory {

    @Override
    public Authenticator create(KeycloakSession session) {
        return new TrustpackUsernamePasswordForm(session);
    }

    @Override
    public int order() {
        return BusyPasswordCheck.ORDER;
    }
}
